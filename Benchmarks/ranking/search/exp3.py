from ranking_lab import *
_fits = {}
def two_ch(s, lam1, lam2):
    key = (id(s), lam1, lam2)
    if key not in _fits:
        X, H, R = rating_channels(s)
        _fits[key] = (X, H) + ease_two_channel(X, H, H, lam1, lam2)
    return _fits[key]
def ease_2ch_pop(s, p):
    X, H, B1, B2 = two_ch(s, p["lam1"], p["lam2"])
    scale = (s.item_counts + 1.0) ** (-p["beta"])
    return lambda users: np.asarray(X[users] @ B1 + H[users] @ B2) * scale[None, :]
grid = [{"lam1": l1, "lam2": l2, "beta": b} for l1 in (500, 800, 1200, 2000) for l2 in (300, 800, 1500) for b in (0.0, 0.1, 0.2, 0.3)]
report("EASE two-channel + pop^-beta", ease_2ch_pop, grid, verbose=True)
