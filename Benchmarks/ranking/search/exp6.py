from ranking_lab import *
inner, outer = splits(42)
X, H, R = rating_channels(inner)
def z(S):
    S = np.asarray(S); return (S - S.mean(1, keepdims=True)) / (S.std(1, keepdims=True) + 1e-12)
B1, B2 = ease_two_channel(X, H, H, 1200, 800)
pop = (inner.item_counts + 1.0) ** -0.2
E2 = np.asarray(X @ B1 + H @ B2) * pop
E2n = np.asarray(X @ B1 + H @ B2)
def ev(S): return round(evaluate(inner, lambda u: S[u])["NDCG@10"], 4)
for (d,lam,a0) in ((64,0.03,0.1),(64,0.02,0.1),(128,0.03,0.1)):
    U, V = ials(X, X, d, lam, a0, 1.0, 10, 42); I = U @ V.T
    print(d, lam, a0, "iALS", ev(I), [ (w, ev(z(E2) + w * z(I)), ev(z(E2n) + w * z(I))) for w in (0.5, 0.75, 1.0, 1.5)], flush=True)
