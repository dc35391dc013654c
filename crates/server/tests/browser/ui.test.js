// Browser tests of the corroborate web UI, in Debian's chromium through playwright-core.
// Needs BASE_URL (a running server over the demo corpus) and TOKEN (its write token);
// saves screenshots into SCREENSHOTS when set.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const { chromium } = require('playwright-core');

const base = process.env.BASE_URL;
const token = process.env.TOKEN;
const shots = process.env.SCREENSHOTS;
assert.ok(base && token, 'BASE_URL and TOKEN are required');

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function api(p, options) {
  const r = await fetch(base + p, options);
  assert.ok(r.ok, `${p}: HTTP ${r.status}`);
  return r.json();
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: path.join(shots, name + '.png'), fullPage: false });
}

// A page that fails the test on any script error or CSP violation.
async function open(browser, viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  return { page, problems, close: () => context.close() };
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('the story list shows titles, outlets, counts and a search box', async (browser) => {
  const { page, problems, close } = await open(browser, DESKTOP);
  await page.goto(base + '/');
  const stories = page.locator('li.story');
  assert.ok(await stories.count() >= 2);
  assert.match(await stories.first().locator('.meta').innerText(), /\d+ articles? · \d+ independent sources?/);
  assert.ok(await page.locator('.badge.dispute').count() >= 1, 'some story has a dispute badge');
  assert.ok(await page.locator('header input[name=q]').isVisible());
  await shot(page, 'stories');
  assert.deepEqual(problems, []);
  await close();
});

test('clicking a citation highlights the cited span in its article', async (browser) => {
  const { page, problems, close } = await open(browser, DESKTOP);
  await page.goto(base + '/');
  await page.locator('li.story:has(.badge.dispute) a.title').first().click();
  await page.waitForSelector('ol.brief');
  assert.ok(await page.locator('table.disputes tr').count() >= 2, 'a disputes table');
  assert.ok(await page.locator('ol.timeline li').count() >= 2, 'a timeline');
  const cite = page.locator('ol.brief button.cite').nth(1);
  const { article, start, end } = await cite.evaluate((b) => ({
    article: b.dataset.article, start: Number(b.dataset.start), end: Number(b.dataset.end),
  }));
  await cite.click();
  const mark = page.locator('#viewer mark.cited');
  await mark.waitFor();
  const body = (await api('/api/articles/' + article)).body;
  const expected = Buffer.from(body, 'utf8').subarray(start, end).toString('utf8');
  assert.equal(await mark.textContent(), expected);
  assert.ok(expected.length > 0);
  assert.ok(await mark.isVisible());
  await shot(page, 'story');
  assert.deepEqual(problems, []);
  await close();
});

test('the article page shows repairs and the original on a toggle', async (browser) => {
  const { page, problems, close } = await open(browser, DESKTOP);
  // An article with a repair, found through the API.
  const list = await api('/api/stories?per_page=100');
  let target = null;
  for (const s of list.stories) {
    const brief = await api('/api/stories/' + s.id);
    target = brief.story.articles.find((a) => a.repairs.length > 0);
    if (target) break;
  }
  assert.ok(target, 'the demo corpus has a repaired article');
  const view = await api('/api/articles/' + target.id);
  await page.goto(base + '/articles/' + target.id);
  assert.ok(await page.locator('#clean mark.repair').count() >= 1);
  assert.equal(await page.locator('#original').isVisible(), false);
  await shot(page, 'article');
  await page.click('#toggle-original');
  assert.equal(await page.locator('#original').isVisible(), true);
  assert.equal(await page.locator('#clean').isVisible(), false);
  assert.equal(await page.locator('#original').textContent(), view.original_body);
  await page.click('#toggle-original');
  assert.equal(await page.locator('#clean').textContent(), view.body);
  assert.deepEqual(problems, []);
  await close();
});

test('search finds articles and highlights the words', async (browser) => {
  const { page, problems, close } = await open(browser, DESKTOP);
  await page.goto(base + '/');
  const title = await page.locator('li.story a.title').first().innerText();
  const word = title.split(/[^\p{L}\p{N}]+/u).find((w) => w.length >= 5);
  await page.fill('header input[name=q]', word);
  await page.press('header input[name=q]', 'Enter');
  await page.waitForURL(/\/search\?q=/);
  assert.ok(await page.locator('li.hit').count() >= 1);
  const marks = await page.locator('li.hit mark').allTextContents();
  assert.ok(marks.some((m) => m.toLowerCase().startsWith(word.toLowerCase())), `${word} in ${marks}`);
  assert.deepEqual(problems, []);
  await close();
});

test('an article posted while the list is open shows up without a reload', async (browser) => {
  const { page, problems, close } = await open(browser, DESKTOP);
  await page.goto(base + '/');
  await page.evaluate(() => { window.notReloaded = true; });
  const title = 'Glass bridge over the Serra opens to walkers ' + Date.now();
  const article = {
    title,
    maintext: 'A glass footbridge over the Serra river opened to walkers on Saturday, the city of Lindgrad said. '
      + 'Engineers tested the deck with sandbags for a week before the opening.',
    source_domain: 'Lindgrad Post',
    date_publish: '2026-03-07 09:00:00',
  };
  await api('/api/articles', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
    body: JSON.stringify(article),
  });
  await page.locator('#notice', { hasText: title }).waitFor();
  await page.locator('li.story a.title', { hasText: 'Glass bridge over the Serra' }).first().waitFor();
  assert.equal(await page.evaluate(() => window.notReloaded), true);
  assert.deepEqual(problems, []);
  await close();
});

test('a story page counts an article that joins it without a reload', async (browser) => {
  const { stories } = await api('/api/stories?per_page=100');
  const serra = stories.find((s) => s.title.includes('Serra River deal'));
  assert.ok(serra, 'the demo holds the Serra treaty story');
  const { page, problems, close } = await open(browser, DESKTOP);
  await page.goto(base + '/stories/' + serra.id);
  await page.evaluate(() => { window.notReloaded = true; });
  const before = await page.locator('#live-head p.meta').textContent();
  assert.match(before, new RegExp('^' + serra.articles + ' articles'));
  const brief = await api('/api/stories/' + serra.id);
  const lead = brief.brief[0].text;
  await api('/api/articles', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      title: 'Serra River treaty signed in Lindgrad ' + Date.now(),
      maintext: lead + ' Farmers on both banks welcomed the news, the regional council said on Thursday.',
      source_domain: 'Kessel Valley Times',
      date_publish: '2026-03-05 08:00:00',
    }),
  });
  await page.locator('#live-head p.meta', { hasText: (serra.articles + 1) + ' articles' }).waitFor();
  assert.equal(await page.evaluate(() => window.notReloaded), true);
  assert.deepEqual(problems, []);
  await close();
});

test('pages read on a phone-sized screen', async (browser) => {
  const { page, problems, close } = await open(browser, PHONE);
  await page.goto(base + '/');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `no sideways scrolling (${width}px)`);
  await shot(page, 'stories-phone');
  await page.locator('li.story:has(.badge.dispute) a.title').first().click();
  await page.locator('ol.brief button.cite').first().click();
  await page.locator('#viewer mark.cited').waitFor();
  assert.ok(await page.locator('#viewer').isVisible());
  await shot(page, 'story-phone');
  assert.deepEqual(problems, []);
  await close();
});

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run'],
  });
  let failed = 0;
  for (const t of tests) {
    try {
      await t.fn(browser);
      console.log('ok   ' + t.name);
    } catch (e) {
      failed += 1;
      console.log('FAIL ' + t.name + '\n' + (e.stack || e));
    }
  }
  await browser.close();
  console.log(`${tests.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
