"""PyTorch reference for movierec's transformer benchmark: trains the notebook's
BstTransformer (scripts/bst_module.py, notebook sizes) on MovieLens-100k sequences built
the notebook's way over a chronological leave-last-1-out split, batch 512, AdamW +
OneCycleLR(max_lr=0.01), torch.set_num_threads(2), and reports training sequences/s and
validation MAE/MSE/RMSE per epoch.

  python3 scripts/bench_pytorch_bst.py /work/data/ml-100k --epochs 1 [--max-batches N] [--no-ratings] [--features]

Data is prepared once into tensors (no per-item pandas), so the figure is the model's
throughput, not a data loader's.
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(__file__))
from bst_module import BstTransformer  # noqa: E402


def read_atomic(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        header = f.readline().rstrip("\n").split("\t")
        names = [h.split(":")[0] for h in header]
        return names, [line.rstrip("\n").split("\t") for line in f if line.strip()]


def age_group(age):
    for i, bound in enumerate((18, 25, 35, 45, 50, 56)):
        if age < bound:
            return i
    return 6


def load(directory, sequence_length, features):
    name = os.path.basename(os.path.normpath(directory))
    cols, rows = read_atomic(os.path.join(directory, name + ".inter"))
    u, m, r, t = (cols.index(c) for c in ("user_id", "item_id", "rating", "timestamp"))
    ratings = [(int(x[u]), int(x[m]), float(x[r]), int(x[t])) for x in rows]
    movie_row, user_row = {}, {}
    for user, movie, _, _ in ratings:  # first appearance, rows from 1 (0 = PAD)
        movie_row.setdefault(movie, len(movie_row) + 1)
        user_row.setdefault(user, len(user_row) + 1)
    profile = {}
    if features:
        ucols, urows = read_atomic(os.path.join(directory, name + ".user"))
        occupations = sorted({x[ucols.index("occupation")] for x in urows})
        for x in urows:
            gender = {"F": 0, "M": 1}.get(x[ucols.index("gender")], 2)
            profile[int(x[ucols.index("user_id")])] = (
                gender, age_group(int(x[ucols.index("age")])), occupations.index(x[ucols.index("occupation")]))
    by_user = {}
    for rating in ratings:
        by_user.setdefault(rating[0], []).append(rating)
    sets = {False: ([], [], [], [], []), True: ([], [], [], [], [])}
    S = sequence_length
    for user in sorted(by_user):
        events = sorted(by_user[user], key=lambda e: (e[3], e[1]))
        last = len(events) - 1 if len(events) > 1 else -1
        for i, (_, movie, value, _) in enumerate(events):
            history = events[max(0, i - S + 1):i]
            pad = S - 1 - len(history)
            movies = [0] * pad + [movie_row[e[1]] for e in history] + [movie_row[movie]]
            stars = [0] * pad + [min(5, max(1, int(e[2] + 0.5))) for e in history]
            target = sets[i == last]
            target[0].append(movies)
            target[1].append(stars)
            target[2].append(user_row[user])
            target[3].append(profile.get(user, (2, 7, 21)))
            target[4].append(value)
    tensors = {}
    for key, (movies, stars, users, feats, values) in sets.items():
        tensors[key] = (torch.tensor(movies), torch.tensor(stars), torch.tensor(users), torch.tensor(feats),
                        torch.tensor(values, dtype=torch.float32))
    return tensors[False], tensors[True], len(movie_row), len(user_row)


def evaluate(model, data, features, batch=512):
    model.eval()
    errors = []
    with torch.no_grad():
        for start in range(0, len(data[4]), batch):
            sl = slice(start, start + batch)
            p = model(data[0][sl], data[1][sl], data[2][sl], data[3][sl] if features else None)
            errors.append(p - data[4][sl])
    e = torch.cat(errors).double()
    mae, mse = e.abs().mean().item(), (e * e).mean().item()
    return mae, mse, mse ** 0.5


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--max-batches", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-ratings", action="store_true")
    parser.add_argument("--features", action="store_true")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train, valid, movies, users = load(args.dataset, 10, args.features)
    print(f"sequences train {len(train[4])} validation {len(valid[4])} movies {movies} users {users} "
          f"torch {torch.__version__} threads {torch.get_num_threads()}")
    model = BstTransformer(movies, users, use_ratings=not args.no_ratings, use_user_features=args.features)
    B = 512
    n = len(train[4])
    batches = n // B + (1 if n % B > 1 else 0)
    if args.max_batches:
        batches = min(batches, args.max_batches)
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.01)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.01, epochs=args.epochs, steps_per_epoch=batches)
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(n)
        started = time.perf_counter()
        total, seen = 0.0, 0
        for b in range(batches):
            idx = order[b * B:(b + 1) * B]
            p = model(train[0][idx], train[1][idx], train[2][idx], train[3][idx] if args.features else None)
            loss = torch.nn.functional.mse_loss(p, train[4][idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            total += loss.item() * len(idx)
            seen += len(idx)
        seconds = time.perf_counter() - started
        mae, mse, rmse = evaluate(model, valid, args.features)
        print(f"epoch {epoch} loss {total / seen:.4f} val MAE {mae:.4f} MSE {mse:.4f} RMSE {rmse:.4f}  "
              f"{seconds:.1f}s  {seen / seconds:.0f} seq/s")


if __name__ == "__main__":
    main()
