#!/usr/bin/env python3
"""PyTorch anchor for movierec's next-movie transformer on MovieLens 100k.

    python3 Benchmarks/sequence/anchor.py --data data/ml-100k --seed 42 --json anchor.json

Trains scripts/next_movie_module.py (d 64, 2 heads, feed-forward 256, 2 layers, S 50,
dropout 0.2; Adam lr 1e-3, batch 128, full-softmax cross-entropy at every slot) with
torch.set_num_threads(2), and scores it with the split and metric code of
Benchmarks/ranking/anchors.py under its next-item protocol: each user's newest rating is
the test item, and the same rule on the training part gives the inner split whose held-out
(newest training) rating is the validation item.

Training windows come from the inner-train rows. A user's ratings sorted by (timestamp,
movie) are s_1..s_n; for e = n, n-S, n-2S, ... while e >= 2 one window has targets
s_max(2,e-S+1)..s_e and as inputs the movie before each target, right-aligned and
left-padded to S. Every training rating but the user's first is a target exactly once.
The rating input is the star rating rounded half up, clamped to 1..5.

After each epoch the validation figures (HR@10, NDCG@10) rank every movie from the slot
S-1 scores of the user's last S inner-train movies, leaving out the user's inner-train
movies and movies absent from inner training. Training stops after --patience epochs
without a better validation NDCG@10; the best epoch's weights are scored once on the test
item, from the user's last S movies of the whole training part, leaving out all of the
user's training movies and movies absent from training.

"train s" is the cumulative time of the training steps alone (evaluation excluded);
"wall s" is the cumulative wall time including evaluation.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "ranking"))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import anchors  # noqa: E402
from next_movie_module import from_config  # noqa: E402

THREADS = 2
OPTIONS = {"sequenceLength": 50, "embeddingSize": 64, "heads": 2, "feedForwardSize": 256, "layers": 2,
           "dropout": 0.2}
LEARNING_RATE = 1e-3
BATCH = 128
EVAL_BATCH = 256
REACH = (0.98, 1.0)


def histories(data, rows):
    """Per dense user index: (movie indices 1..V, rating indices 1..5) of `rows`, oldest first
    by (timestamp, raw movie id)."""
    users, movies, stamps = data.u[rows], data.movies[rows], data.timestamps[rows]
    order = rows[np.lexsort((movies, stamps, users))]
    ratings = np.clip(np.floor(data.r[order] + 0.5), 1, 5).astype(np.int64)
    items = data.m[order].astype(np.int64) + 1
    starts = np.flatnonzero(np.r_[True, data.u[order][1:] != data.u[order][:-1]])
    ends = np.r_[starts[1:], len(order)]
    return {int(data.u[order[a]]): (items[a:b], ratings[a:b]) for a, b in zip(starts, ends)}


def windows(history, size):
    """Training windows (movies, ratings, targets), each [N, size], left-padded with 0."""
    movies, ratings, targets = [], [], []
    for items, stars in history.values():
        e = len(items)  # 1-based index of the window's last target
        while e >= 2:
            first = max(2, e - size + 1)
            length = e - first + 1
            row = np.zeros((3, size), dtype=np.int64)
            row[0, size - length:] = items[first - 2:e - 1]
            row[1, size - length:] = stars[first - 2:e - 1]
            row[2, size - length:] = items[first - 1:e]
            movies.append(row[0])
            ratings.append(row[1])
            targets.append(row[2])
            e -= size
    return tuple(torch.from_numpy(np.stack(x)) for x in (movies, ratings, targets))


def last_inputs(history, users, size):
    """Each user's newest `size` movies and ratings, [len(users), size], left-padded with 0."""
    movies = np.zeros((len(users), size), dtype=np.int64)
    ratings = np.zeros_like(movies)
    for i, user in enumerate(users):
        items, stars = history.get(int(user), (np.zeros(0, np.int64), np.zeros(0, np.int64)))
        n = min(size, len(items))
        if n:
            movies[i, size - n:] = items[-n:]
            ratings[i, size - n:] = stars[-n:]
    return torch.from_numpy(movies), torch.from_numpy(ratings)


def score_function(model, history, size):
    """anchors.evaluate's `score_fn`: last-slot scores over all movies (dense index order)."""
    def scores(users):
        movies, ratings = last_inputs(history, users, size)
        model.eval()
        rows = []
        with torch.no_grad():
            for a in range(0, len(users), EVAL_BATCH):
                hidden = model(movies[a:a + EVAL_BATCH], ratings[a:a + EVAL_BATCH])[:, -1]
                rows.append(model.scores(hidden)[:, 1:].double().numpy())
        return np.concatenate(rows) if rows else np.zeros((0, model.movie_count))
    return scores


def train_epoch(model, optimizer, batches, generator, exclude_seen):
    """One pass over shuffled windows; returns the target-weighted mean loss."""
    movies, ratings, targets = batches
    model.train()
    order = torch.randperm(len(movies), generator=generator)
    total, count = 0.0, 0
    for a in range(0, len(order), BATCH):
        index = order[a:a + BATCH]
        optimizer.zero_grad()
        loss = model.loss(movies[index], ratings[index], targets[index], exclude_seen=exclude_seen)
        loss.backward()
        optimizer.step()
        n = int((targets[index] != 0).sum())
        total += loss.item() * n
        count += n
    return total / count


def first_reaching(epochs, fraction, best):
    """The first epoch record whose validation NDCG@10 is at least fraction × best."""
    return next(e for e in epochs if e["validation"]["NDCG@10"] >= fraction * best)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.path.join(HERE, "..", "..", "data", "ml-100k"),
                        help="ml-100k.inter, or the directory holding it (default data/ml-100k)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--patience", type=int, default=20,
                        help="stop after this many epochs without a better validation NDCG@10")
    parser.add_argument("--use-ratings", action=argparse.BooleanOptionalAction, default=True)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--tied", dest="tied", action="store_true", default=True,
                        help="score with the movie embeddings as output weights (default)")
    output.add_argument("--untied", dest="tied", action="store_false", help="give the output layer its own weights")
    parser.add_argument("--embedding-std", type=float, default=0.02,
                        help="standard deviation of the initial embeddings (movierec's 0.02; 1 is nn.Embedding's default)")
    parser.add_argument("--learning-rate", type=float, default=LEARNING_RATE)
    parser.add_argument("--exclude-seen", action="store_true",
                        help="leave the movies a window already holds out of each slot's softmax (movierec's --seq-exclude-seen)")
    parser.add_argument("--json", metavar="OUT", help="also write every figure as JSON")
    args = parser.parse_args(argv)

    torch.set_num_threads(THREADS)
    torch.manual_seed(args.seed)
    data = anchors.Data(args.data, args.seed)
    split = data.split("next-item")
    inner = split.inner()
    size = OPTIONS["sequenceLength"]
    train_history = histories(data, inner.train_rows)
    full_history = histories(data, split.train_rows)
    batches = windows(train_history, size)
    config = {"movieCount": data.n_items, **OPTIONS, "useRatings": args.use_ratings, "tiedOutput": args.tied}
    model = from_config(config, embedding_std=args.embedding_std)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    generator = torch.Generator().manual_seed(args.seed)
    print(f"{len(data.users)} ratings, {data.n_users} users, {data.n_items} movies; {len(batches[0])} training "
          f"windows ({int((batches[2] != 0).sum())} targets), {len(inner.eval_users)} validation users, "
          f"{len(split.eval_users)} test users; config {json.dumps(config)}", flush=True)

    epochs, best, best_state = [], None, None
    train_seconds, started = 0.0, time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        tick = time.perf_counter()
        loss = train_epoch(model, optimizer, batches, generator, args.exclude_seen)
        train_seconds += time.perf_counter() - tick
        validation = anchors.evaluate(inner, score_function(model, train_history, size))
        record = {"epoch": epoch, "loss": loss, "train_seconds": train_seconds,
                  "wall_seconds": time.perf_counter() - started, "validation": validation}
        epochs.append(record)
        print(f"epoch {epoch:3d}  loss {loss:.4f}  train {train_seconds:7.1f} s  wall {record['wall_seconds']:7.1f} s  "
              f"val HR@10 {validation['HR@10']:.4f}  NDCG@10 {validation['NDCG@10']:.4f}", flush=True)
        if best is None or validation["NDCG@10"] > best["validation"]["NDCG@10"]:
            best, best_state = record, copy.deepcopy(model.state_dict())
        elif epoch - best["epoch"] >= args.patience:
            break

    model.load_state_dict(best_state)
    test = anchors.evaluate(split, score_function(model, full_history, size))
    wall = time.perf_counter() - started
    best_ndcg = best["validation"]["NDCG@10"]
    reach = {}
    for fraction in REACH:
        hit = first_reaching(epochs, fraction, best_ndcg)
        reach[f"{fraction:.2f}"] = {"epoch": hit["epoch"], "train_seconds": hit["train_seconds"]}
    print(f"best epoch {best['epoch']} (val NDCG@10 {best_ndcg:.4f}, HR@10 {best['validation']['HR@10']:.4f}) "
          f"after {best['train_seconds']:.1f} train s")
    for key, hit in reach.items():
        print(f"reached {key}× best val NDCG@10 at epoch {hit['epoch']} after {hit['train_seconds']:.1f} train s")
    print(f"test HR@10 {test['HR@10']:.4f}  NDCG@10 {test['NDCG@10']:.4f}  "
          f"({len(epochs)} epochs, {train_seconds:.1f} train s, {wall:.1f} wall s)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"seed": args.seed, "data": os.path.abspath(args.data), "config": config,
                       "training": {"optimizer": "Adam", "learning_rate": args.learning_rate, "embedding_std": args.embedding_std,
                                    "exclude_seen": args.exclude_seen, "batch": BATCH,
                                    "max_epochs": args.epochs, "patience": args.patience, "threads": THREADS},
                       "counts": {"ratings": len(data.users), "users": data.n_users, "movies": data.n_items,
                                  "windows": len(batches[0]), "validation_users": len(inner.eval_users),
                                  "test_users": len(split.eval_users)},
                       "epochs": epochs, "best_epoch": best["epoch"], "best_validation": best["validation"],
                       "train_seconds_to_best": best["train_seconds"], "reach": reach, "test": test,
                       "train_seconds": train_seconds, "wall_seconds": wall}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
