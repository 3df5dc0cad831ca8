#!/usr/bin/env python3
"""Trains Surprise's SVD (and SVD++) on the same MovieLens 100k splits movierec uses and
prints RMSE, MAE and fit seconds as JSON, so a benchmark can set them beside movierec's.

Splits, exactly as movierec's `Split` builds them:
  last-1:  per user, ratings ordered by (timestamp, movie id); the last one is held out;
           users with at most one rating keep it in training.
  random:  NumPy RandomState(42).random_sample(n) < 0.8 per row, in file order → train.

Usage: pip install scikit-surprise numpy
       python3 scripts/compare_surprise.py [--data /work/data/ml-100k] [--svdpp] [--epochs 40]
"""
import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from surprise import SVD, SVDpp, Dataset, Reader, accuracy


def load_inter(directory: Path):
    """Rows (user, movie, rating, timestamp) of a RecBole `.inter` file, in file order."""
    files = sorted(directory.glob("*.inter"))
    if len(files) != 1:
        sys.exit(f"expected one .inter file in {directory}, found {len(files)}")
    rows = []
    with files[0].open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        names = [column.split(":")[0] for column in header]
        try:
            columns = [names.index(name) for name in ("user_id", "item_id", "rating", "timestamp")]
        except ValueError:
            sys.exit(f"{files[0]}:1: header lacks user_id/item_id/rating/timestamp: {header}")
        for number, line in enumerate(handle, start=2):
            fields = line.rstrip("\n").split("\t")
            try:
                user, movie, rating, timestamp = (fields[i] for i in columns)
                rows.append((int(user), int(movie), float(rating), int(float(timestamp))))
            except (ValueError, IndexError):
                sys.exit(f"{files[0]}:{number}: malformed row {line!r}")
    return rows


def leave_last_out(rows, n=1):
    by_user = defaultdict(list)
    for row in rows:
        by_user[row[0]].append(row)
    train, validation = [], []
    for user in sorted(by_user):
        history = sorted(by_user[user], key=lambda r: (r[3], r[1]))
        cut = len(history) - n if len(history) > n else len(history)
        train.extend(history[:cut])
        validation.extend(history[cut:])
    return train, validation


def random_split(rows, fraction=0.8, seed=42):
    draws = np.random.RandomState(seed).random_sample(len(rows))
    train = [row for row, draw in zip(rows, draws) if draw < fraction]
    validation = [row for row, draw in zip(rows, draws) if draw >= fraction]
    return train, validation


def evaluate(algorithm, name, split, train, validation):
    # Surprise reads raw ids as strings from a file; pandas is not needed this way.
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as handle:
        handle.writelines(f"{r[0]}\t{r[1]}\t{r[2]}\n" for r in train)
    reader = Reader(line_format="user item rating", sep="\t", rating_scale=(1, 5))
    trainset = Dataset.load_from_file(handle.name, reader).build_full_trainset()
    Path(handle.name).unlink()
    start, cpu_start = time.perf_counter(), time.process_time()
    algorithm.fit(trainset)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    predictions = algorithm.test([(str(r[0]), str(r[1]), r[2]) for r in validation])
    return {
        "split": split, "algorithm": name,
        "rmse": accuracy.rmse(predictions, verbose=False), "mae": accuracy.mae(predictions, verbose=False),
        "fit_seconds": seconds, "fit_cpu_seconds": cpu_seconds, "train": len(train), "validation": len(validation),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="/work/data/ml-100k", type=Path)
    parser.add_argument("--epochs", default=40, type=int)
    parser.add_argument("--svdpp", action="store_true", help="also train SVD++ on the random split (slow)")
    arguments = parser.parse_args()

    rows = load_inter(arguments.data)
    splits = {"last-1": leave_last_out(rows), "random": random_split(rows)}
    results = []
    for split, (train, validation) in splits.items():
        svd = SVD(n_factors=100, n_epochs=arguments.epochs, lr_all=0.005, reg_all=0.05, random_state=0)
        results.append(evaluate(svd, "SVD", split, train, validation))
        if arguments.svdpp and split == "random":
            svdpp = SVDpp(n_factors=20, n_epochs=20, lr_all=0.007, reg_all=0.02, random_state=0)
            results.append(evaluate(svdpp, "SVD++", split, train, validation))
    print(json.dumps({"dataset": str(arguments.data), "ratings": len(rows), "results": results}, indent=2))


if __name__ == "__main__":
    main()
