from ranking_lab import *
inner, outer = splits(42)
X, H, R = rating_channels(inner)
def z(S):
    S = np.asarray(S); return (S - S.mean(1, keepdims=True)) / (S.std(1, keepdims=True) + 1e-12)
B1, B2 = ease_two_channel(X, H, H, 1200, 800)
pop = (inner.item_counts + 1.0) ** -0.2
E2 = np.asarray(X @ B1 + H @ B2) * pop
U, V = ials(X, X, 64, 0.03, 0.1, 1.0, 10, 42); I = U @ V.T
Eb = np.asarray(X @ ease_general(X, X, 800))
users_all = np.arange(X.shape[0])
def ev(S): return round(evaluate(inner, lambda u: S[u])["NDCG@10"], 4)
print("E2", ev(E2), "iALS", ev(I), "Ebin", ev(Eb))
for w in (0.1, 0.25, 0.5):
    print("E2 + w iALS", w, ev(z(E2) + w * z(I)))
# EASE binary x P(high | rated) from ridge biases
r = R.tocoo(); mu = r.data.mean()
bu = np.zeros(X.shape[0]); bi = np.zeros(X.shape[1])
for _ in range(10):
    bi = np.bincount(r.col, r.data - mu - bu[r.row], X.shape[1]) / (np.bincount(r.col, minlength=X.shape[1]) + 5)
    bu = np.bincount(r.row, r.data - mu - bi[r.col], X.shape[0]) / (np.bincount(r.row, minlength=X.shape[0]) + 5)
rhat = mu + bu[:, None] + bi[None, :]
for tau in (0.25, 0.5, 1.0):
    P = 1 / (1 + np.exp(-(rhat - 3.5) / tau))
    print("Ebin x P(high)", tau, ev(np.maximum(Eb, 0) * P), "E2 x P", ev(np.maximum(E2, 0) * P))
