from ranking_lab import *
exec(open("exp13.py").read().split("inner, outer")[0])
import copy
for seed in (42, 1, 7):
    inner, outer = splits(seed)
    cold = copy.copy(outer)
    cold.relevant = {u: r for u, r in outer.relevant.items() if outer.user_counts[u] < 20}
    cold.eval_users = np.array(sorted(cold.relevant))
    fns = {"most rated": fit_most_rated(outer, {}), "EASE bin 500": fit_ease(outer, {"lambda": 500}),
           "rating-EASE 9000 b0.2": ew(outer, {"t": "lin", "lam": 9000, "beta": 0.2})}
    print(seed, "cold users", len(cold.eval_users), {k: round(evaluate(cold, f)["NDCG@10"], 4) for k, f in fns.items()})
