from ranking_lab import *
lams = [100, 200, 300, 500, 800, 1200]
def ease_bin(s, p):
    X, H, R = rating_channels(s); return scorer(X, ease_general(X, X, p["lam"]))
def ease_asym(s, p):
    X, H, R = rating_channels(s); return scorer(X, ease_general(X, H, p["lam"]))
report("EASE binary", ease_bin, [{"lam": l} for l in lams])
report("EASE asym X->1[r>=4]", ease_asym, [{"lam": l} for l in lams])
