"""The search behind Benchmarks/ranking/SEARCH.md: splits and metric code imported from anchors.py.

Run an experiment from this folder: `cd Benchmarks/ranking/search && python3 exp10.py`.
"""
import os, sys, time, json
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
import numpy as np
import scipy.sparse as sp
from anchors import Data, evaluate, diversity, top_lists, fit_ease, fit_most_rated

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(HERE))), "data", "ml-100k")
_cache = {}

def splits(seed, protocol="random"):
    key = (seed, protocol)
    if key not in _cache:
        d = Data(DATA, seed)
        s = d.split(protocol)
        _cache[key] = (s.inner(), s)
    return _cache[key]

# ---------------------------------------------------------------- EASE family
def ease_general(X, Y, lam, rho=0.0):
    """min ||Y - X B||^2 + lam ||B||^2 (+ rho * sum_j G_jj ||B_j.||^2), diag(B) = 0.
    B = P X^T Y - P diag(mu), P = (X^T X + lam I + rho diag(G))^-1, mu_j = (P X^T Y)_jj / P_jj."""
    X = sp.csr_matrix(X); Y = sp.csr_matrix(Y)
    G = (X.T @ X).toarray()
    d = np.diag(G).copy()
    G[np.diag_indices_from(G)] += lam + rho * d
    P = np.linalg.inv(G)
    C = P @ (X.T @ Y).toarray()
    mu = np.diag(C) / np.diag(P)
    B = C - P * mu[None, :]
    return B

def ease_two_channel(X1, X2, Y, lam1, lam2):
    """Inputs [X1 X2] (2n features), targets Y (n); B_{j,j} = B_{n+j,j} = 0."""
    X = sp.hstack([X1, X2]).tocsr()
    n = X1.shape[1]
    G = (X.T @ X).toarray()
    G[np.diag_indices_from(G)] += np.r_[np.full(n, lam1), np.full(n, lam2)]
    P = np.linalg.inv(G)
    C = P @ (X.T @ Y).toarray()              # 2n x n
    j = np.arange(n)
    # per column j: B_j = C_j - P[:, S] (P[S,S])^-1 C[S, j], S = {j, n+j}
    a, b, c = P[j, j], P[j, n + j], P[n + j, n + j]
    det = a * c - b * b
    c1, c2 = C[j, j], C[n + j, j]
    m1 = (c * c1 - b * c2) / det
    m2 = (-b * c1 + a * c2) / det
    B = C - P[:, j] * m1[None, :] - P[:, n + j] * m2[None, :]
    return B[:n], B[n:]

def rating_channels(split):
    R = split.ratings.tocsr()
    X = split.binary.tocsr()
    H = R.copy(); H.data = (H.data >= 4).astype(float); H.eliminate_zeros()
    return X, H, R

# ---------------------------------------------------------------- iALS (numpy, dense, Rendle 2021 form)
def ials(W, Yt, d, lam, alpha0, nu, epochs, seed, init=0.1):
    """min sum_{obs} W_ui (y_ui - <w_u,h_i>)^2 + alpha0 sum_{all} <w_u,h_i>^2
          + lam sum_u (n_u + alpha0 N)^nu ||w_u||^2 + lam sum_i (n_i + alpha0 M)^nu ||h_i||^2.
    W: CSR weights of observed pairs; Yt: CSR targets on the same pattern."""
    rng = np.random.RandomState(seed)
    M, N = W.shape
    U = rng.normal(0, init / np.sqrt(d), (M, d)); V = rng.normal(0, init / np.sqrt(d), (N, d))
    W = sp.csr_matrix(W); WY = W.multiply(Yt).tocsr()
    Wt = W.T.tocsr(); WYt = WY.T.tocsr()
    nu_u = np.diff(W.indptr); nu_i = np.diff(Wt.indptr)
    reg_u = lam * (nu_u + alpha0 * N) ** nu; reg_i = lam * (nu_i + alpha0 * M) ** nu
    def solve(Wm, WYm, F, reg):
        O = (F[:, :, None] * F[:, None, :]).reshape(F.shape[0], d * d)
        A = (Wm @ O).reshape(-1, d, d) + alpha0 * (F.T @ F)[None]
        A[:, np.arange(d), np.arange(d)] += reg[:, None]
        b = WYm @ F
        return np.linalg.solve(A, b[:, :, None])[:, :, 0]
    for _ in range(epochs):
        U = solve(W, WY, V, reg_u)
        V = solve(Wt, WYt, U, reg_i)
    return U, V

# ---------------------------------------------------------------- helpers
def scorer(X, B):
    X = sp.csr_matrix(X)
    return lambda users: np.asarray(X[users] @ B)

def tune(seed, build, grid, protocol="random", verbose=False):
    """build(split, params) -> score_fn. Chooses on inner NDCG@10, refits on training."""
    inner, outer = splits(seed, protocol)
    best, best_m = None, None
    for p in grid:
        m = evaluate(inner, build(inner, p))
        if verbose: print("   ", p, round(m["NDCG@10"], 4), flush=True)
        if best_m is None or m["NDCG@10"] > best_m["NDCG@10"]:
            best, best_m = p, m
    t = time.perf_counter(); fn = build(outer, best); secs = time.perf_counter() - t
    m = evaluate(outer, fn)
    dist, rare = diversity(outer, fn)
    return dict(params=best, inner=best_m["NDCG@10"], **m, fit=secs, distinct=dist, rare=rare)

def report(name, build, grid, seeds=(42, 1, 7), protocol="random", verbose=False, log="/tmp/movierec-ranking-search.jsonl"):
    rows = []
    for seed in seeds:
        r = tune(seed, build, grid, protocol, verbose); r["seed"] = seed; rows.append(r)
        print(f"{name} [{protocol} seed {seed}] {r['params']} inner {r['inner']:.4f} | HR {r['HR@10']:.3f} "
              f"NDCG10 {r['NDCG@10']:.4f} MAP {r['MAP@10']:.4f} NDCG20 {r['NDCG@20']:.4f} fit {r['fit']:.2f}s "
              f"distinct {r['distinct']} rare {r['rare']:.3f}", flush=True)
    with open(log, "a") as f:
        f.write(json.dumps({"name": name, "protocol": protocol, "rows": rows}, default=str) + "\n")
    return rows
