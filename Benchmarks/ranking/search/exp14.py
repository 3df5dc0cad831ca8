from ranking_lab import *
exec(open("exp13.py").read().split("inner, outer")[0])
G1 = [{"t": "g1", "lam": l, "beta": b} for l in (800, 1200, 1600, 2400, 3200) for b in (0.0, 0.1, 0.2, 0.3)]
report("weighted EASE X=Y=w(r), w=(0.1,0.5,1,1.5,2), + pop^-beta", ew, G1)
LIN = [{"t": "lin", "lam": l, "beta": b} for l in (6000, 9000, 12000, 18000, 24000) for b in (0.0, 0.1, 0.2, 0.3)]
report("weighted EASE X=Y=r (raw rating), + pop^-beta", ew, LIN)
def blend(s, p):
    E = z(ew(s, {"t": "g1", "lam": p["lam"], "beta": p["beta"]})(np.arange(s.binary.shape[0])))
    I = z(ials_scores(s, 3.0, 0.05, 42)); S = E + p["w"] * I; return lambda u: S[u]
report("blend z(weighted EASE g1) + w z(iALS g3 l0.05)", blend,
       [{"lam": l, "beta": b, "w": w} for l in (1600, 2400) for b in (0.1, 0.2) for w in (0.5, 1.0, 2.0, 3.0)])
