from ranking_lab import *
exec(open("exp13.py").read().split("inner, outer")[0])
import collections
agg = collections.defaultdict(list)
for seed in (42, 1, 7):
    inner, outer = splits(seed)
    for t, lams in (("lin", (6000, 9000, 12000, 18000)), ("g1", (800, 1200, 1600, 2400))):
        for l in lams:
            for b in (0.1, 0.2, 0.3):
                agg[(t, l, b)].append(evaluate(inner, ew(inner, {"t": t, "lam": l, "beta": b}))["NDCG@10"])
rows = sorted(((np.mean(v), k, v) for k, v in agg.items()), reverse=True)
for m, k, v in rows[:10]: print("%.4f" % m, k, np.round(v, 4))
best = {t: next(k for m, k, v in rows if k[0] == t) for t in ("lin", "g1")}
for t, k in best.items():
    report(f"FIXED weighted EASE {k}", ew, [{"t": k[0], "lam": k[1], "beta": k[2]}])
