from ranking_lab import *
import itertools
# targets weighted: y = 1[r>=4] + a*1[r==3] + b*1[r<=2]
def ease_wtarget(s, p):
    X, H, R = rating_channels(s)
    Y = R.copy(); r = Y.data
    Y.data = np.where(r >= 4, 1.0, np.where(r == 3, p["a3"], p["a12"]))
    Y.data = Y.data + np.where(r == 5, p.get("a5", 0.0), 0.0)
    return scorer(X, ease_general(X, Y, p["lam"]))
grid = [{"lam": l, "a3": a3, "a12": a12} for l in (300, 500, 800) for a3 in (0.0, 0.3) for a12 in (-0.3, 0.0)]
report("EASE asym weighted targets", ease_wtarget, grid)
grid = [{"lam": l, "a3": 0.0, "a12": 0.0, "a5": a5} for l in (300, 500, 800) for a5 in (0.25, 0.5)]
report("EASE asym targets +a5 for 5 stars", ease_wtarget, grid)
# two channel: inputs rated + high, targets high
def ease_2ch(s, p):
    X, H, R = rating_channels(s)
    B1, B2 = ease_two_channel(X, H, H, p["lam1"], p["lam2"])
    return lambda users: np.asarray(X[users] @ B1 + H[users] @ B2)
grid = [{"lam1": l1, "lam2": l2} for l1 in (300, 500, 800) for l2 in (100, 300, 800)]
report("EASE two-channel [rated, high] -> high", ease_2ch, grid)
# EDLAE-style: lam + rho*G_jj
def ease_rho(s, p):
    X, H, R = rating_channels(s)
    return scorer(X, ease_general(X, H, p["lam"], p["rho"]))
grid = [{"lam": l, "rho": r} for l in (100, 300, 500) for r in (0.0, 0.1, 0.25, 0.5)]
report("EASE asym + rho*diag(G)", ease_rho, grid)
