#!/usr/bin/env python3
"""Ranking anchors beside movierec, on the same splits and metric code as `movierec eval`.

One command, from the repository root:

    python3 Benchmarks/ranking/anchors.py --data data/ml-100k --seed 42 --protocol both

(needs `pip install numpy scipy implicit threadpoolctl`; about 3 minutes on 2 cores shared
with a Swift build, well under that on a quiet machine).
`--json FILE` also writes every figure and the chosen hyper-parameters; `--self-test`
checks the metric code on a hand-worked case and exits.

Rankers: most rated (training-rating count), item-kNN (cosine on the binary user×movie
matrix; a candidate movie scores the sum of its similarities to the user's movies among
the candidate's k most similar movies), implicit's BPR and ALS (CPU,
num_threads=2), and EASE (Steck 2019, closed form in NumPy). Each model's
hyper-parameters are chosen on an inner split of the training part (grids in `GRIDS`,
best inner NDCG@10), then it is refit on the whole training part and scored once on the
held-out part; "fit s" is that refit's wall time.

Protocols (as movierec's Swift code, rows kept in file order):
- random: draws = numpy.random.RandomState(seed).random_sample(n_rows); row i is held out
  when draws[i] >= 0.8. Relevant: the user's held-out ratings >= 4 of movies that are in
  training and not among the user's training movies.
- next-item: each user's newest rating (largest (timestamp, movie id)) is held out; users
  with <= 1 rating keep everything. Relevant: that movie, whatever its value, if in
  training.
- inner split (tuning): the same protocol applied to the training rows in their order
  (random: a fresh RandomState(seed) over the training rows).
Candidates for a user: every movie in training minus the user's training movies. Ties in
scores go to the lower movie index (movies indexed by ascending raw id). Users without a
relevant movie are left out of the means; a user without training rows is ranked by
most-rated.

Metrics per user (list L best first, relevant set R, 0-based positions i):
HR@k = 1 if any hit; NDCG@k = sum_{hits} 1/log2(i+2) / sum_{i<min(k,|R|)} 1/log2(i+2);
AP@k = sum_{hits} precision@(i+1) / min(k,|R|). MAP@k is the mean of AP@k.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
os.environ.setdefault("MKL_NUM_THREADS", "2")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402

THREADS = 2
RELEVANCE = 4.0
TRAIN_FRACTION = 0.8

GRIDS = {
    "item-kNN": [{"k": k} for k in (25, 50, 100, 200, 400, 800)],
    "BPR": [{"factors": f, "learning_rate": lr, "regularization": 0.01, "iterations": 100}
            for f in (32, 64, 128) for lr in (0.01, 0.05)],
    "ALS": [{"factors": f, "regularization": r, "alpha": a, "iterations": 15}
            for f in (32, 64, 128) for r in (1.0, 10.0, 50.0) for a in (1.0, 5.0, 20.0)],
    "EASE": [{"lambda": l} for l in (50, 100, 200, 300, 500, 800, 1200, 2000)],
}


# ----------------------------------------------------------------------------- metrics

def ranking_metrics(ranked, relevant, k):
    """(HR@k, NDCG@k, AP@k) of one user's list `ranked` (best first) against the set
    `relevant`; None when `relevant` is empty."""
    if not relevant:
        return None
    hits, dcg, precision_sum = 0, 0.0, 0.0
    for i, movie in enumerate(ranked[:k]):
        if movie in relevant:
            hits += 1
            dcg += 1.0 / math.log2(i + 2)
            precision_sum += hits / (i + 1)
    ideal = min(k, len(relevant))
    idcg = sum(1.0 / math.log2(i + 2) for i in range(ideal))
    return (1.0 if hits else 0.0), dcg / idcg, precision_sum / ideal


def self_test():
    """Hand-worked: L = [5, 3, 9, 1], R = {3, 1, 7}; hits at positions 1 and 3.
    k=4: DCG = 1/log2(3) + 1/log2(5) = 1.061606, IDCG(3) = 1 + 1/log2(3) + 1/2 = 2.130930,
    NDCG = 0.498189; AP = (1/2 + 2/4) / 3 = 1/3.  k=2: NDCG = 0.630930/1.630930 = 0.386853,
    AP = (1/2)/2 = 0.25.  k=1: miss, all 0.  Empty R: None."""
    def close(a, b):
        return all(abs(x - y) < 1e-6 for x, y in zip(a, b))
    assert close(ranking_metrics([5, 3, 9, 1], {3, 1, 7}, 4), (1.0, 0.498189, 1 / 3))
    assert close(ranking_metrics([5, 3, 9, 1], {3, 1, 7}, 2), (1.0, 0.386853, 0.25))
    assert close(ranking_metrics([5, 3, 9, 1], {3, 1, 7}, 1), (0.0, 0.0, 0.0))
    assert ranking_metrics([5, 3], set(), 10) is None
    assert close(ranking_metrics([7], {7}, 10), (1.0, 1.0, 1.0))
    print("self-test: 5 passed, 0 failed")


# ----------------------------------------------------------------------------- data and splits

def load(path):
    """Rows in file order: users, movies (raw ids), ratings, timestamps."""
    if os.path.isdir(path):
        path = os.path.join(path, "ml-100k.inter")
    table = np.loadtxt(path, delimiter="\t", skiprows=1, dtype=np.float64)
    return (table[:, 0].astype(np.int64), table[:, 1].astype(np.int64),
            table[:, 2].astype(np.float64), table[:, 3].astype(np.int64))


def random_holdout(n, seed):
    """Boolean mask of held-out rows: RandomState(seed).random_sample(n) >= 0.8."""
    return np.random.RandomState(seed).random_sample(n) >= TRAIN_FRACTION


def last_holdout(users, movies, timestamps):
    """Boolean mask: each user's largest (timestamp, movie) row, for users with >= 2 rows."""
    order = np.lexsort((movies, timestamps, users))  # by user, then time, then movie
    held = np.zeros(len(users), dtype=bool)
    u = users[order]
    last = np.r_[u[1:] != u[:-1], True]
    first = np.r_[True, u[1:] != u[:-1]]
    counts = np.diff(np.r_[np.flatnonzero(first), len(u)])
    user_count = np.repeat(counts, counts)
    held[order[last & (user_count > 1)]] = True
    return held


class Split:
    """A train/held-out partition of index arrays (users and movies as dense indices)."""

    def __init__(self, data, train_rows, test_rows, protocol):
        self.data, self.protocol = data, protocol
        self.train_rows, self.test_rows = train_rows, test_rows
        u, m, r = data.u, data.m, data.r
        n_users, n_items = data.n_users, data.n_items
        tu, tm, tr = u[train_rows], m[train_rows], r[train_rows]
        self.binary = sp.csr_matrix((np.ones(len(tu)), (tu, tm)), shape=(n_users, n_items))
        self.binary.sum_duplicates()
        self.binary.data[:] = 1.0
        self.ratings = sp.csr_matrix((tr, (tu, tm)), shape=(n_users, n_items))
        self.item_counts = np.asarray(self.binary.sum(axis=0)).ravel()
        self.in_train = self.item_counts > 0
        self.user_counts = np.asarray(self.binary.sum(axis=1)).ravel()
        keep = self.in_train[m[test_rows]] & ~np.isin(u[test_rows] * n_items + m[test_rows], tu * n_items + tm)
        if protocol == "random":
            keep &= r[test_rows] >= RELEVANCE
        relevant = {}
        for user, movie in zip(u[test_rows][keep].tolist(), m[test_rows][keep].tolist()):
            relevant.setdefault(user, set()).add(movie)
        self.relevant = relevant
        self.eval_users = np.array(sorted(relevant), dtype=np.int64)

    def inner(self):
        """The same protocol applied again to the training rows, in their order."""
        rows = self.train_rows
        d = self.data
        if self.protocol == "random":
            held = random_holdout(len(rows), d.seed)
        else:
            held = last_holdout(d.users[rows], d.movies[rows], d.timestamps[rows])
        return Split(d, rows[~held], rows[held], self.protocol)


class Data:
    def __init__(self, path, seed):
        self.users, self.movies, self.values, self.timestamps = load(path)
        self.seed = seed
        self.user_ids, self.u = np.unique(self.users, return_inverse=True)
        self.movie_ids, self.m = np.unique(self.movies, return_inverse=True)
        self.r = self.values
        self.n_users, self.n_items = len(self.user_ids), len(self.movie_ids)

    def split(self, protocol):
        n = len(self.users)
        if protocol == "random":
            held = random_holdout(n, self.seed)
        else:
            held = last_holdout(self.users, self.movies, self.timestamps)
        rows = np.arange(n)
        return Split(self, rows[~held], rows[held], protocol)


# ----------------------------------------------------------------------------- ranking

def top_lists(split, scores, users, k=20):
    """Top-k movie indices per user in `users` from a (len(users) × n_items) score matrix:
    training movies of the user and movies unseen in training excluded, ties to the lower
    index. Users without training rows are ranked by training counts."""
    s = np.array(scores, dtype=np.float64, copy=True)
    cold = split.user_counts[users] == 0
    if cold.any():
        s[cold] = split.item_counts
    s[:, ~split.in_train] = -np.inf
    seen = split.binary[users]
    s[seen.nonzero()] = -np.inf
    return np.argsort(-s, axis=1, kind="stable")[:, :k]


def evaluate(split, score_fn):
    """Mean HR@10, NDCG@10, MAP@10, NDCG@20 over users with a relevant movie.
    `score_fn(user_indices)` returns their score rows over all movies."""
    users = split.eval_users
    lists = top_lists(split, score_fn(users), users)
    sums = np.zeros(4)
    for user, ranked in zip(users, lists):
        relevant = split.relevant[int(user)]
        ranked = ranked.tolist()
        hr, ndcg10, ap = ranking_metrics(ranked, relevant, 10)
        ndcg20 = ranking_metrics(ranked, relevant, 20)[1]
        sums += (hr, ndcg10, ap, ndcg20)
    means = sums / len(users)
    return dict(zip(("HR@10", "NDCG@10", "MAP@10", "NDCG@20"), means.tolist()))


def diversity(split, score_fn):
    """Distinct movies across all users' top-10 lists, and the largest share of lists
    holding one movie with fewer than 10 training ratings (users with training rows)."""
    users = np.flatnonzero(split.user_counts > 0)
    lists = top_lists(split, score_fn(users), users, k=10)
    distinct = len(np.unique(lists))
    per_movie = np.bincount(lists.ravel(), minlength=split.data.n_items) / len(users)
    rare = split.item_counts < 10
    return distinct, float(per_movie[rare].max()) if rare.any() else 0.0


# ----------------------------------------------------------------------------- models

def fit_most_rated(split, _params):
    counts = split.item_counts.astype(np.float64)
    return lambda users: np.broadcast_to(counts, (len(users), len(counts)))


def fit_item_knn(split, params):
    x = split.binary.tocsc().astype(np.float64)
    norms = np.sqrt(split.item_counts)
    norms[norms == 0] = 1.0
    g = (x.T @ x).toarray() / norms[:, None] / norms[None, :]
    np.fill_diagonal(g, 0.0)
    k = params["k"]
    if k < g.shape[0]:  # a candidate (column) is scored from its k most similar movies only
        drop = np.argpartition(-g, k, axis=0)[k:, :]
        np.put_along_axis(g, drop, 0.0, axis=0)
    x = split.binary
    return lambda users: (x[users] @ g)


def fit_ease(split, params):
    x = split.binary
    g = (x.T @ x).toarray()
    g[np.diag_indices_from(g)] += params["lambda"]
    p = np.linalg.inv(g)
    b = -p / np.diag(p)
    np.fill_diagonal(b, 0.0)
    return lambda users: (x[users] @ b)


def _implicit_scores(model):
    uf, itf = np.asarray(model.user_factors), np.asarray(model.item_factors)
    return lambda users: uf[users] @ itf.T


def fit_bpr(split, params):
    from implicit.cpu.bpr import BayesianPersonalizedRanking
    from threadpoolctl import threadpool_limits
    with threadpool_limits(1, "blas"):  # implicit runs its own {THREADS} threads
        model = BayesianPersonalizedRanking(num_threads=THREADS, random_state=split.data.seed, **params)
        model.fit(split.binary.astype(np.float32).tocsr(), show_progress=False)
    return _implicit_scores(model)


def fit_als(split, params):
    from implicit.cpu.als import AlternatingLeastSquares
    from threadpoolctl import threadpool_limits
    with threadpool_limits(1, "blas"):  # implicit runs its own {THREADS} threads
        model = AlternatingLeastSquares(num_threads=THREADS, random_state=split.data.seed, **params)
        model.fit(split.binary.astype(np.float32).tocsr(), show_progress=False)
    return _implicit_scores(model)


RANKERS = [
    ("most rated", fit_most_rated, None),
    ("item-kNN", fit_item_knn, "item-kNN"),
    ("BPR", fit_bpr, "BPR"),
    ("ALS", fit_als, "ALS"),
    ("EASE", fit_ease, "EASE"),
]


def describe(params):
    return ", ".join(f"{k} {v:g}" if isinstance(v, float) else f"{k} {v}" for k, v in params.items())


def run_protocol(data, protocol, log):
    split = data.split(protocol)
    inner = split.inner()
    rows = []
    for name, fit, grid_name in RANKERS:
        grid = GRIDS[grid_name] if grid_name else [{}]
        best, best_ndcg = grid[0], -1.0
        if len(grid) > 1:
            for params in grid:
                ndcg = evaluate(inner, fit(inner, params))["NDCG@10"]
                log(f"  [{protocol}] {name} {describe(params)}: inner NDCG@10 {ndcg:.4f}")
                if ndcg > best_ndcg:
                    best, best_ndcg = params, ndcg
        else:
            best_ndcg = evaluate(inner, fit(inner, best))["NDCG@10"]
        start = time.perf_counter()
        score_fn = fit(split, best)
        seconds = time.perf_counter() - start
        metrics = evaluate(split, score_fn)
        distinct, rare_share = diversity(split, score_fn)
        rows.append({"ranker": name, "params": best, "inner NDCG@10": best_ndcg, **metrics,
                     "fit seconds": seconds, "distinct top-10 movies": distinct,
                     "max rare-movie share": rare_share})
        log(f"  [{protocol}] {name}: chose {describe(best) or '-'}; held-out NDCG@10 {metrics['NDCG@10']:.4f}")
    return {"protocol": protocol, "users": len(split.eval_users),
            "train rows": len(split.train_rows), "held-out rows": len(split.test_rows), "rankers": rows}


def markdown(result, seed):
    lines = [f"### {result['protocol']} (seed {seed}; {result['users']} users with a relevant movie)", "",
             "| ranker | HR@10 | NDCG@10 | MAP@10 | NDCG@20 | fit s | chosen on inner split (inner NDCG@10) |",
             "|---|---|---|---|---|---|---|"]
    for row in result["rankers"]:
        chosen = describe(row["params"]) or "–"
        lines.append(f"| {row['ranker']} | {row['HR@10']:.3f} | {row['NDCG@10']:.3f} | {row['MAP@10']:.3f} | "
                     f"{row['NDCG@20']:.3f} | {row['fit seconds']:.2f} | {chosen} ({row['inner NDCG@10']:.3f}) |")
    return "\n".join(lines)


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.path.join(here, "..", "..", "data", "ml-100k"),
                        help="ml-100k.inter, or the directory holding it (default data/ml-100k)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--protocol", choices=("random", "next-item", "both"), default="both")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--quiet", action="store_true", help="no per-configuration progress on stderr")
    parser.add_argument("--self-test", action="store_true", help="check the metric code and exit")
    args = parser.parse_args(argv)
    if args.self_test:
        self_test()
        return 0

    def log(text):
        if not args.quiet:
            print(text, file=sys.stderr, flush=True)

    data = Data(args.data, args.seed)
    protocols = ("random", "next-item") if args.protocol == "both" else (args.protocol,)
    started = time.perf_counter()
    results = [run_protocol(data, p, log) for p in protocols]
    for result in results:
        print(markdown(result, args.seed))
        print()
    total = time.perf_counter() - started
    print(f"_{len(data.users)} ratings, {data.n_users} users, {data.n_items} movies; total {total:.0f} s._")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"seed": args.seed, "data": os.path.abspath(args.data), "grids": GRIDS,
                       "results": results, "seconds": total}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
