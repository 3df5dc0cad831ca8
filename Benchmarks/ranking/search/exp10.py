from ranking_lab import *
exec(open("exp8.py").read().split("def ials_build")[0])
P = "next-item"
def recency_matrix(s, decay):
    """X with x_ui = decay^k, k = 0 for the user's newest training rating (ties by movie id)."""
    d = s.data; rows = s.train_rows
    u, m, t = d.u[rows], d.m[rows], d.timestamps[rows]
    order = np.lexsort((-d.movies[rows], -t, u))   # per user newest first
    uo = u[order]; start = np.r_[0, np.flatnonzero(uo[1:] != uo[:-1]) + 1]
    k = np.arange(len(uo)) - np.repeat(start, np.diff(np.r_[start, len(uo)]))
    return sp.csr_matrix((decay ** k, (uo, m[order])), shape=s.binary.shape)
def ease_b(s, lam):
    return cached(("eb", id(s), lam), lambda: ease_general(s.binary, s.binary, lam))
def ease_rec_build(s, p):
    B = ease_b(s, p["lam"]); Xr = recency_matrix(s, p["decay"])
    S = np.asarray(Xr @ B) * (s.item_counts + 1.0) ** -p["beta"]
    return lambda u: S[u]
grid = [{"lam": l, "decay": 1.0, "beta": b} for l in (100, 200, 300, 500, 800) for b in (0.0, 0.1, 0.2, 0.3, 0.5)]
report("next-item EASE binary + pop^-beta", ease_rec_build, grid, seeds=(42,), protocol=P, verbose=True)
grid = [{"lam": l, "decay": dcy, "beta": b} for l in (100, 300, 800) for dcy in (0.99, 0.97, 0.95, 0.9, 0.8) for b in (0.0, 0.2)]
report("next-item EASE binary, recency-weighted scoring input", ease_rec_build, grid, seeds=(42,), protocol=P, verbose=True)
def e2x_build(s, p):
    def f():
        X, H, R = rating_channels(s)
        return ease_two_channel(X, H, X, p["lam1"], p["lam2"])
    B1, B2 = cached(("e2x", id(s), p["lam1"], p["lam2"]), f)
    X, H, R = rating_channels(s)
    S = np.asarray(X @ B1 + H @ B2) * (s.item_counts + 1.0) ** -p["beta"]
    return lambda u: S[u]
grid = [{"lam1": l1, "lam2": l2, "beta": b} for l1 in (200, 500) for l2 in (200, 800) for b in (0.0, 0.2)]
report("next-item two-channel EASE [rated, high] -> rated", e2x_build, grid, seeds=(42,), protocol=P, verbose=True)
def ials_b(s, p):
    S = ials_scores(s, p["gamma"], p["lam"], 42) * (s.item_counts + 1.0) ** -p["beta"]; return lambda u: S[u]
grid = [{"gamma": g, "lam": l, "beta": b} for g in (0.0, 3.0) for l in (0.01, 0.02, 0.05) for b in (0.0, 0.2)]
report("next-item iALS conf", ials_b, grid, seeds=(42,), protocol=P, verbose=True)
