from ranking_lab import *
inner, outer = splits(42)
X, H, R = rating_channels(inner)
def z(S):
    S = np.asarray(S); return (S - S.mean(1, keepdims=True)) / (S.std(1, keepdims=True) + 1e-12)
B1, B2 = ease_two_channel(X, H, H, 1200, 800)
E2 = np.asarray(X @ B1 + H @ B2) * (inner.item_counts + 1.0) ** -0.2
def ev(S): return round(evaluate(inner, lambda u: S[u])["NDCG@10"], 4)
for gamma in (0.0, 1.0, 3.0):
  for f in ("high", "rating"):
    if gamma == 0 and f == "rating": continue
    W = X.copy()
    W.data = 1.0 + gamma * ((R.data >= 4).astype(float) if f == "high" else (R.data - 1) / 4)
    for lam in (0.02, 0.05):
        U, V = ials(W, X, 64, lam, 0.1, 1.0, 10, 42); I = U @ V.T
        print(f, gamma, lam, "iALS", ev(I), [(w, ev(z(E2) + w * z(I))) for w in (1.0, 1.5, 2.0, 3.0)], flush=True)
