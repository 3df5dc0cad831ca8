from ranking_lab import *
exec(open("exp8.py").read().split("def ials_build")[0])
TABLES = {"g1": (0.1, 0.5, 1, 1.5, 2), "g2": (0.1, 0.1, 1, 2, 3), "g2z": (0, 0, 1, 2, 3), "lin": (1, 2, 3, 4, 5),
          "sq": (1, 4, 9, 16, 25), "g1.5": (0.1, 0.25, 1, 1.75, 2.5), "r-1": (0.1, 1, 2, 3, 4)}
def weighted(R, t):
    W = R.copy(); W.data = np.asarray(TABLES[t], float)[R.data.astype(int) - 1]; W.eliminate_zeros(); return W
def ew(s, p):
    def f():
        X, H, R = rating_channels(s); Xw = weighted(R, p["t"])
        return np.asarray(Xw @ ease_general(Xw, Xw, p["lam"]))
    S = cached(("ew", id(s), p["t"], p["lam"]), f) * (s.item_counts + 1.0) ** -p["beta"]
    return lambda u: S[u]
inner, outer = splits(42)
res = []
for t in TABLES:
    sc = np.mean(np.asarray(TABLES[t], float) ** 2) / np.mean(np.asarray(TABLES["g1"], float) ** 2)
    for l in (400, 800, 1600, 3200):
        lam = round(l * sc)
        for b in (0.0, 0.2):
            v = evaluate(inner, ew(inner, {"t": t, "lam": lam, "beta": b}))["NDCG@10"]
            res.append((v, t, lam, b)); print(t, lam, b, round(v, 4), flush=True)
res.sort(reverse=True); print("best", res[:8])
