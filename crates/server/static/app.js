// corroborate web UI: citation viewer, original-text toggle, live updates.
// Article text only ever reaches the page through textContent.
'use strict';
(function () {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const articles = new Map();

  function loadArticle(id) {
    if (!articles.has(id)) {
      articles.set(id, fetch('/api/articles/' + encodeURIComponent(id)).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      }));
    }
    return articles.get(id);
  }

  // Spans are byte ranges of the UTF-8 body; cut the bytes, then decode.
  function cut(bytes, start, end) {
    return decoder.decode(bytes.subarray(start, end));
  }

  async function showCitation(button) {
    const viewer = document.getElementById('viewer');
    if (!viewer) return;
    const body = document.getElementById('viewer-body');
    const start = Number(button.dataset.start);
    const end = Number(button.dataset.end);
    document.querySelectorAll('button.cite.active').forEach(function (b) { b.classList.remove('active'); });
    button.classList.add('active');
    viewer.hidden = false;
    body.textContent = 'Loading…';
    try {
      const a = await loadArticle(button.dataset.article);
      document.getElementById('viewer-title').textContent = a.title;
      document.getElementById('viewer-meta').textContent = [a.outlet, a.published].filter(Boolean).join(' · ');
      document.getElementById('viewer-link').href = '/articles/' + encodeURIComponent(a.id);
      const bytes = encoder.encode(a.body);
      const mark = document.createElement('mark');
      mark.className = 'cited';
      mark.textContent = cut(bytes, start, end);
      body.replaceChildren(document.createTextNode(cut(bytes, 0, start)), mark,
        document.createTextNode(cut(bytes, end, bytes.length)));
      body.scrollTop = Math.max(0, mark.offsetTop - body.clientHeight / 3);
    } catch (e) {
      body.textContent = 'The article could not be loaded (' + e.message + ').';
    }
  }

  document.addEventListener('click', function (event) {
    const cite = event.target.closest('button.cite');
    if (cite) {
      showCitation(cite);
      return;
    }
    if (event.target.closest('#viewer-close')) {
      document.getElementById('viewer').hidden = true;
      return;
    }
    const toggle = event.target.closest('#toggle-original');
    if (toggle) {
      const original = document.getElementById('original');
      const clean = document.getElementById('clean');
      const showOriginal = original.hidden;
      original.hidden = !showOriginal;
      clean.hidden = showOriginal;
      toggle.setAttribute('aria-pressed', String(showOriginal));
      toggle.textContent = showOriginal ? 'Show clean text' : 'Show original';
    }
  });

  let noticeTimer = null;
  function notice(text) {
    const el = document.getElementById('notice');
    el.textContent = text;
    el.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(function () { el.hidden = true; }, 8000);
  }

  // Fetch this page again and swap its live parts (a story's heading with
  // its counts, and the rest); the server escaped it all.
  async function refresh() {
    const response = await fetch(location.href, { headers: { Accept: 'text/html' } });
    if (!response.ok) return;
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const id of ['live-head', 'live']) {
      const fresh = doc.getElementById(id);
      const current = document.getElementById(id);
      if (fresh && current) current.replaceWith(document.adoptNode(fresh));
    }
  }

  const live = document.body.dataset.live;
  if (live && window.EventSource) {
    let pending = null;
    const events = new EventSource('/api/events');
    events.addEventListener('article', function (event) {
      const a = JSON.parse(event.data);
      if (live !== 'stories' && live !== 'story:' + a.story) return;
      notice('New article: ' + (a.outlet ? a.outlet + ' — ' : '') + a.title);
      clearTimeout(pending);
      pending = setTimeout(refresh, 300);
    });
  }
})();
