from ranking_lab import *
exec(open("exp10.py").read().split("grid = ")[0])
exec(open("exp13.py").read().split("inner, outer")[0])
def ew_rec(s, p):
    """rating-valued EASE; scoring input r * decay^k (k = 0 for the newest rating)."""
    def f():
        X, H, R = rating_channels(s); Xw = weighted(R, p["t"]); return ease_general(Xw, Xw, p["lam"])
    B = cached(("ewB", id(s), p["t"], p["lam"]), f)
    X, H, R = rating_channels(s); Xw = weighted(R, p["t"])
    Xin = Xw.multiply(recency_matrix(s, p["decay"])).tocsr()
    S = np.asarray(Xin @ B) * (s.item_counts + 1.0) ** -p["beta"]; return lambda u: S[u]
report("next-item: default served model FIXED rating-EASE lin 9000 beta 0.2", ew_rec, [{"t": "lin", "lam": 9000, "beta": 0.2, "decay": 1.0}], seeds=(42,), protocol=P)
report("next-item: rating-EASE tuned", ew_rec, [{"t": "lin", "lam": l, "beta": b, "decay": 1.0} for l in (3000, 6000, 9000, 18000) for b in (0.0, 0.2, 0.3)], seeds=(42,), protocol=P)
report("next-item: rating-EASE + recency scoring tuned", ew_rec, [{"t": "lin", "lam": l, "beta": b, "decay": d} for l in (9000, 18000, 36000) for b in (0.2, 0.3) for d in (0.9, 0.8, 0.7)], seeds=(42,), protocol=P, verbose=True)
report("random: rating-EASE FIXED + recency decay 0.99", ew_rec, [{"t": "lin", "lam": 9000, "beta": 0.2, "decay": 0.99}], seeds=(42,))
