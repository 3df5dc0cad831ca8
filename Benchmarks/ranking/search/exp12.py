from ranking_lab import *
exec(open("exp8.py").read().split("def ials_build")[0])
# 1. plain EASE binary + popularity normalisation (random, 3 seeds)
def eb_pop(s, p):
    S = cached(("ebs", id(s), p["lam"]), lambda: np.asarray(s.binary @ ease_general(s.binary, s.binary, p["lam"])))
    S = S * (s.item_counts + 1.0) ** -p["beta"]; return lambda u: S[u]
report("EASE binary + pop^-beta", eb_pop, [{"lam": l, "beta": b} for l in (300, 500, 800, 1200) for b in (0.0, 0.1, 0.2, 0.3)])
# 2. EASE with rating-weighted inputs (symmetric: X=Y=f(r)); f(r) = 1 + g*(r-3)/2 clipped >= 0.1
def ew(s, p):
    X, H, R = rating_channels(s)
    Xw = R.copy(); Xw.data = np.maximum(1.0 + p["g"] * (R.data - 3) / 2, 0.1)
    B = ease_general(Xw, Xw, p["lam"]); S = np.asarray(Xw @ B); return lambda u: S[u]
report("EASE rating-weighted X=Y=max(1+g(r-3)/2,0.1)", ew, [{"lam": l, "g": g} for l in (300, 800) for g in (0.25, 0.5, 1.0)])
# 3. asymmetric with weighted inputs: X = f(r), Y = 1[r>=4]
def ewa(s, p):
    X, H, R = rating_channels(s)
    Xw = R.copy(); Xw.data = np.maximum(1.0 + p["g"] * (R.data - 3) / 2, 0.1)
    B = ease_general(Xw, H, p["lam"]); S = np.asarray(Xw @ B); return lambda u: S[u]
report("EASE asym rating-weighted X=f(r), Y=1[r>=4]", ewa, [{"lam": l, "g": g} for l in (300, 800) for g in (0.0, 0.25, 0.5, 1.0)])
# 4. iALS init-seed sensitivity of the recommended blend (seed-42 split)
inner, outer = splits(42)
E = z(e2_scores(outer, 1200, 800, 0.2))
for init in (42, 0, 1, 2):
    def f(s=outer):
        X, H, R = rating_channels(s); W = X.copy(); W.data = 1.0 + 3.0 * (R.data >= 4)
        U, V = ials(W, X, 64, 0.05, 0.1, 1.0, 10, init); return U @ V.T
    I = f()
    print("init", init, "iALS alone", round(evaluate(outer, lambda u: I[u])["NDCG@10"], 4),
          "blend", round(evaluate(outer, lambda u: (E + 3 * z(I))[u])["NDCG@10"], 4), flush=True)
