from ranking_lab import *
_c = {}
def cached(key, f):
    if key not in _c: _c[key] = f()
    return _c[key]
def z(S):
    S = np.asarray(S); return (S - S.mean(1, keepdims=True)) / (S.std(1, keepdims=True) + 1e-12)
def ials_scores(s, g, lam, seed):
    def f():
        X, H, R = rating_channels(s)
        W = X.copy(); W.data = 1.0 + g * (R.data >= 4)
        U, V = ials(W, X, 64, lam, 0.1, 1.0, 10, seed)
        return U @ V.T
    return cached(("ials", id(s), g, lam), f)
def e2_scores(s, l1, l2, beta):
    def f():
        X, H, R = rating_channels(s)
        B1, B2 = ease_two_channel(X, H, H, l1, l2)
        return np.asarray(X @ B1 + H @ B2)
    return cached(("e2", id(s), l1, l2), f) * (s.item_counts + 1.0) ** -beta
def ials_build(s, p):
    S = ials_scores(s, p["gamma"], p["lam"], 42); return lambda u: S[u]
grid = [{"gamma": g, "lam": l} for g in (0.0, 3.0, 10.0) for l in (0.02, 0.05, 0.1)]
report("iALS conf 1+gamma*1[r>=4], d64, alpha0 0.1, nu 1, 10 epochs", ials_build, grid, verbose=True)
E2P = {42: (1200, 800, 0.2), 1: (500, 800, 0.1), 7: (1200, 300, 0.0)}  # chosen on inner in exp3
def blend_build(s, p):
    seed = s.data.seed
    E = z(e2_scores(s, *E2P[seed])); I = z(ials_scores(s, p["gamma"], p["lam"], 42))
    S = E + p["w"] * I
    return lambda u: S[u]
grid = [{"gamma": g, "lam": l, "w": w} for (g, l) in ((0.0, 0.02), (0.0, 0.05), (3.0, 0.05)) for w in (0.5, 1.0, 1.5, 2.0, 3.0)]
report("blend z(E2) + w z(iALS)", blend_build, grid, verbose=True)
