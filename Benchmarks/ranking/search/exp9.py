from ranking_lab import *
exec(open("exp8.py").read().split("def ials_build")[0])  # helpers: cached, z, ials_scores, e2_scores
def e2_build(s, p):
    S = e2_scores(s, p["lam1"], p["lam2"], p["beta"]); return lambda u: S[u]
def blend_build(s, p):
    E = z(e2_scores(s, 1200, 800, 0.2)); I = z(ials_scores(s, p["gamma"], p["lam"], 42))
    S = E + p["w"] * I; return lambda u: S[u]
report("FIXED E2 (1200, 800, beta 0.2)", e2_build, [{"lam1": 1200, "lam2": 800, "beta": 0.2}])
for w in (2.0, 3.0, 4.0, 5.0):
    report(f"FIXED blend E2 + {w} iALS(g3, l0.05)", blend_build, [{"gamma": 3.0, "lam": 0.05, "w": w}])
report("FIXED blend E2 + 1.5 iALS(g0, l0.02)", blend_build, [{"gamma": 0.0, "lam": 0.02, "w": 1.5}])
