"""How far one online pass of greedy clustering can go on a gold event file
with lexical similarities, given advantages the engine does not have.

For each of several article-to-article similarities (TF-IDF cosines of words,
names, the lead, numbers, word pairs, character n-grams, and a logistic
combination of them), the script places the articles one by one, in file order
and in three shuffles, each into the story it is most similar to (by its most
similar member, by the mean over its members, or by its least similar
member) or into a new story below a threshold, and prints the best mean
B-cubed F1 over a grid of thresholds. Two advantages make it an upper bound
for the engine's approach: document frequencies come from the whole file
before the run, and the threshold (and, for the combination, the weights) are
chosen on the gold labels it is scored against. It then clusters the whole
file at once (agglomerative: single, average and complete linkage), to show
whether seeing every article before deciding would do better.

When the rows have a `topic` field, three more tables are fair: the cut of
the whole-file clustering, and the weights and threshold of the online pass,
are chosen on the odd topics and scored on the even ones, and the reverse; the
online pass first with the whole file's document frequencies, then with
frequencies grown online as the engine grows them.

usage: python cluster_ceiling.py GOLD.jsonl [LABEL]
"""

import json
import random
import re
import sys
from collections import defaultdict

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

NAME = re.compile(r"(?<![.!?\n\"“] )(?<!^)\b([A-Z][a-zA-Z'\-]+)")
NUMBER = re.compile(r"\b\d[\d,.]*\d\b")


def load(path, label):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r.get("text", "").strip() and r.get(label) is not None]
    return rows, [str(r[label]) for r in rows]


def representations(rows):
    """Each similarity's texts and vectoriser options."""
    full = [r.get("title", "") + "\n" + r["text"] for r in rows]
    return {
        "words": (full, dict(stop_words="english")),
        "names": ([" ".join(m.lower() for m in NAME.findall(r["text"])) for r in rows], {}),
        "lead": ([" ".join(d.split()[:60]) for d in full], dict(stop_words="english")),
        "numbers": ([" ".join(NUMBER.findall(r["text"])) for r in rows], dict(token_pattern=r"\S+")),
        "word pairs": (full, dict(ngram_range=(2, 2))),
        "characters": (full, dict(analyzer="char_wb", ngram_range=(4, 5), max_features=200_000)),
    }


def similarities(rows):
    """Cosines under the whole file's document frequencies."""
    sims = {}
    for name, (docs, options) in representations(rows).items():
        x = TfidfVectorizer(sublinear_tf=True, **options).fit_transform(docs)
        sims[name] = np.clip((x @ x.T).toarray(), 0.0, None)
    sims["words x names"] = np.sqrt(sims["words"] * sims["names"])
    return sims


SINGLE = ["words", "names", "lead", "numbers", "word pairs", "characters"]


def fit(sims, gold, keys=SINGLE, fit_on=None):
    """A logistic regression over the pair similarities `keys`, fit on the gold
    pairs of the articles `fit_on` (all by default)."""
    fit_on = np.arange(len(gold)) if fit_on is None else fit_on
    i, j = np.triu_indices(len(fit_on), 1)
    i, j = fit_on[i], fit_on[j]
    x = np.stack([sims[k][i, j] for k in keys], axis=1)
    y = np.array([gold[a] == gold[b] for a, b in zip(i, j)])
    return LogisticRegression(C=10, max_iter=1000, class_weight="balanced").fit(x, y)


def apply(model, sims, keys=SINGLE):
    """The combined similarity of every pair."""
    stacked = np.stack([sims[k] for k in keys], axis=-1)
    return 1.0 / (1.0 + np.exp(-(stacked @ model.coef_[0] + model.intercept_[0])))


def b_cubed_f1(pred, gold):
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    precision = recall = 0.0
    for p, g in zip(pred, gold):
        shared = len(by_pred[p] & by_gold[g])
        precision += shared / len(by_pred[p])
        recall += shared / len(by_gold[g])
    precision, recall = precision / len(gold), recall / len(gold)
    return 2 * precision * recall / (precision + recall)


def online(sim, order, threshold, link):
    """Story of each article, placed one by one in `order`."""
    story = np.full(len(order), -1)
    placed = []
    stories = 0
    for i in order:
        if placed:
            members = np.array(placed)
            labels = story[members]
            values = sim[i, members]
            if link == "best member":
                score = np.full(stories, -1.0)
                np.maximum.at(score, labels, values)
            elif link == "least member":
                score = np.full(stories, np.inf)
                np.minimum.at(score, labels, values)
            else:
                score = np.bincount(labels, weights=values, minlength=stories) / np.bincount(labels, minlength=stories)
            best = int(np.argmax(score))
            if score[best] >= threshold:
                story[i] = best
                placed.append(i)
                continue
        story[i] = stories
        stories += 1
        placed.append(i)
    return story


def orders(n):
    """File order and three seeded shuffles."""
    out = [list(range(n))]
    for seed in (1, 2, 3):
        order = list(range(n))
        random.Random(seed).shuffle(order)
        out.append(order)
    return out


def scores(by_order, gold, members, threshold, link):
    """B-cubed F1 of the articles `members` in each order, each order with
    its own similarity matrix (`by_order`)."""
    gold = [gold[i] for i in members]
    position = {a: p for p, a in enumerate(members)}
    f1 = []
    for sim, order in zip(by_order, orders(len(by_order[0]))):
        arrival = [position[a] for a in order if a in position]
        f1.append(b_cubed_f1(online(sim[np.ix_(members, members)], arrival, threshold, link), gold))
    return f1


def best_threshold(by_order, gold, members, link):
    """(mean F1, threshold, F1 per order) of the best threshold; thresholds are
    quantiles of the pair similarities, so that any scale fits."""
    sim = by_order[0][np.ix_(members, members)]
    pairs = sim[np.triu_indices(len(members), 1)]
    best = (0.0, 0.0, [])
    for threshold in np.quantile(pairs, 1.0 - np.geomspace(0.2, 0.0005, 60)):
        f1 = scores(by_order, gold, members, threshold, link)
        if np.mean(f1) > best[0]:
            best = (float(np.mean(f1)), threshold, f1)
    return best


def ceiling(sims, gold):
    """Every similarity and story score at its best threshold on the whole file."""
    sims = dict(sims, **{"fitted combination": apply(fit(sims, gold), sims)})
    everyone = np.arange(len(gold))
    print(f"{'similarity':22s} {'story score':12s} threshold  mean B3 F1  (per order)")
    best_overall = (0.0, "")
    for name, sim in sims.items():
        for link in ("best member", "mean", "least member"):
            mean, threshold, f1 = best_threshold([sim] * 4, gold, everyone, link)
            per_order = " ".join(f"{x:.3f}" for x in f1)
            print(f"{name:22s} {link:12s} {threshold:9.3f}  {mean:9.3f}  ({per_order})", flush=True)
            best_overall = max(best_overall, (mean, f"{name}, {link}"))
    print(f"best: {best_overall[0]:.3f} ({best_overall[1]})")
    return sims


def agglomerate(sim, members, method):
    """The merge tree of agglomerative clustering of the articles `members`."""
    distance = 1.0 - np.maximum(sim, sim.T)[np.ix_(members, members)]
    np.fill_diagonal(distance, 0.0)
    return linkage(squareform(np.clip(distance, 0.0, None), checks=False), method=method)


def best_cut(tree, gold):
    """(B-cubed F1, cut) of the best of 101 cuts of a merge tree."""
    cuts = np.quantile(tree[:, 2], np.linspace(0.5, 1.0, 101))
    return max((b_cubed_f1(fcluster(tree, c, "distance"), gold), c) for c in cuts)


def batch(sims, gold):
    """Agglomerative clustering of the whole file at once (no arrival order),
    each similarity and linkage at its best cut for the gold labels."""
    print(f"\n{'similarity':22s} {'linkage':9s} cut    B3 F1  (whole file at once)")
    everyone = np.arange(len(gold))
    for name in ["words", "names", "words x names", "fitted combination"]:
        for method in ("single", "average", "complete"):
            f1, cut = best_cut(agglomerate(sims[name], everyone, method), gold)
            print(f"{name:22s} {method:9s} {cut:.3f}  {f1:.3f}", flush=True)


def batch_held_out(sims, gold, topics):
    """The cut of the whole-file clustering chosen on one half of the topics
    and scored on the other."""
    print(f"\n{'whole file at once':32s} {'odd -> even':>12s} {'even -> odd':>12s}")
    parity = np.array([topic_parity(t) for t in topics])
    for name in ["words", "words x names"]:
        for method in ("average", "complete"):
            cells = []
            for train_parity in (1, 0):
                train = np.where(parity == train_parity)[0]
                test = np.where(parity != train_parity)[0]
                _, cut = best_cut(agglomerate(sims[name], train, method), [gold[i] for i in train])
                tree = agglomerate(sims[name], test, method)
                cells.append(b_cubed_f1(fcluster(tree, cut, "distance"), [gold[i] for i in test]))
            print(f"{name + ', ' + method:32s} {cells[0]:12.3f} {cells[1]:12.3f}", flush=True)


def held_out(by_order, gold, topics):
    """Weights and threshold chosen on the odd topics, scored on the even ones,
    and the reverse: how much of the combination's gain is not fit to the file.
    `by_order` holds the similarities of each order (see `online_similarities`);
    weights are fit on those of the first."""
    print(f"{'similarity':44s} {'odd -> even':>12s} {'even -> odd':>12s}")
    parity = np.array([topic_parity(t) for t in topics])
    candidates = {
        "words x names": None,
        "combination of words, names": ["words", "names"],
        "combination of words, names, lead, numbers": ["words", "names", "lead", "numbers"],
        "combination of all six": SINGLE,
    }
    for name, keys in candidates.items():
        cells = []
        for train_parity in (1, 0):
            train = np.where(parity == train_parity)[0]
            test = np.where(parity != train_parity)[0]
            if keys is None:
                sims = [s[name] for s in by_order]
            else:
                model = fit(by_order[0], gold, keys, fit_on=train)
                sims = [apply(model, s, keys) for s in by_order]
            _, threshold, _ = best_threshold(sims, gold, train, "best member")
            cells.append(np.mean(scores(sims, gold, test, threshold, "best member")))
        print(f"{name:44s} {cells[0]:12.3f} {cells[1]:12.3f}", flush=True)


def online_similarities(rows, order):
    """The similarities as an online pass in `order` sees them: each article
    compared with the earlier ones under the document frequencies of the
    articles seen so far, itself included."""
    n = len(rows)
    out = {}
    for name, (docs, options) in representations(rows).items():
        counts = CountVectorizer(**options).fit_transform(docs).astype(float).tocsr()
        counts.data = 1.0 + np.log(counts.data)
        present = (counts > 0).astype(float).tocsr()
        df = np.zeros(counts.shape[1])
        sim = np.zeros((n, n))
        for t, i in enumerate(order):
            df += present[i].toarray()[0]
            if t == 0:
                continue
            weight = (np.log((t + 2) / (df + 1)) + 1) ** 2
            earlier = order[:t]
            before = counts[earlier]
            dot = np.asarray(before @ counts[i].multiply(weight).T.toarray()).ravel()
            norms = np.sqrt(np.asarray(before.multiply(before) @ weight).ravel())
            norm = np.sqrt(float(np.asarray(counts[i].multiply(counts[i]) @ weight).ravel()[0]))
            with np.errstate(invalid="ignore", divide="ignore"):
                cosine = np.where(norms * norm > 0, dot / (norms * norm), 0.0)
            sim[i, earlier] = cosine
            sim[earlier, i] = cosine
        out[name] = np.clip(sim, 0.0, None)
    out["words x names"] = np.sqrt(out["words"] * out["names"])
    return out


def topic_parity(topic):
    """0 or 1 for a topic: its number's parity, or the parity of its characters' sum."""
    text = str(topic)
    return int(text) % 2 if text.isdigit() else sum(map(ord, text)) % 2


def main():
    path = sys.argv[1]
    label = sys.argv[2] if len(sys.argv) > 2 else "cluster"
    rows, gold = load(path, label)
    print(f"{path}: {len(rows)} articles, {len(set(gold))} gold clusters, file order and 3 shuffles")
    sims = ceiling(similarities(rows), gold)
    batch(sims, gold)
    if not all("topic" in r for r in rows):
        return
    topics = [r["topic"] for r in rows]
    batch_held_out(sims, gold, topics)
    print("\nchosen on one half of the topics, scored on the other (most similar member):")
    held_out([sims] * 4, gold, topics)
    print("\nthe same, with document frequencies grown online in each order:")
    held_out([online_similarities(rows, order) for order in orders(len(rows))], gold, topics)


if __name__ == "__main__":
    main()
