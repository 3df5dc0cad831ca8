from ranking_lab import *
exec(open("exp10.py").read().split("grid = ")[0])
grid = [{"lam": l, "decay": dcy, "beta": b} for l in (300, 800, 1500, 3000) for dcy in (0.8, 0.7, 0.6, 0.5, 0.4) for b in (0.1, 0.2, 0.3)]
report("next-item EASE binary, recency-weighted scoring input (wider)", ease_rec_build, grid, seeds=(42,), protocol=P, verbose=True)
# E2 on the random protocol with recency-weighted scoring inputs (both channels weighted)
def e2_rec_build(s, p):
    X, H, R = rating_channels(s)
    def f(): return ease_two_channel(X, H, H, 1200, 800)
    B1, B2 = cached(("e2", id(s)), f)
    Xr = recency_matrix(s, p["decay"]); Hr = Xr.multiply(H).tocsr()
    S = np.asarray(Xr @ B1 + Hr @ B2) * (s.item_counts + 1.0) ** -0.2
    return lambda u: S[u]
report("random: E2 with recency-weighted scoring input", e2_rec_build, [{"decay": d} for d in (1.0, 0.99, 0.97, 0.9)], seeds=(42,), verbose=True)
