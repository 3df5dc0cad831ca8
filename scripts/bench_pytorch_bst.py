"""PyTorch reference for movierec's transformer benchmark: trains the notebook's
BstTransformer (scripts/bst_module.py, notebook sizes) on MovieLens-100k sequences built
the notebook's way over a chronological leave-last-1-out split, batch 512, AdamW +
OneCycleLR(max_lr=0.01), torch.set_num_threads(2), and reports training sequences/s and
validation MAE/MSE/RMSE per epoch.

  python3 scripts/bench_pytorch_bst.py /work/data/ml-100k --epochs 1 [--max-batches N] [--no-ratings] [--features]

With --inference MODEL it instead loads movierec's model file (the transformer's tensors
under their state_dict names) into the module in eval mode and times, under
torch.inference_mode(), one prediction and one batch of 100 candidates for one user with
the same deterministic inputs as movierec-transformer-inference-bench (p50/p99/mean):

  python3 scripts/bench_pytorch_bst.py --inference models/movierec.safetensors --threads 1

Data is prepared once into tensors (no per-item pandas), so the figure is the model's
throughput, not a data loader's.
"""
import argparse
import json
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


def load_model_file(path):
    """The transformer of a movierec model file as the notebook's module, in eval mode."""
    from safetensors import safe_open
    from bst_module import from_config
    with safe_open(path, "pt") as f:
        config = json.loads(f.metadata()["transformer.config"])
        model = from_config(config)
        state = {k: f.get_tensor(k) for k in model.state_dict() if not k.endswith("num_batches_tracked")}
    missing = model.load_state_dict(state, strict=False).missing_keys
    assert all(k.endswith("num_batches_tracked") for k in missing), missing
    return model.eval(), config


def timed(repetitions, body):
    """p50, p99, mean and calling-thread CPU p50 in ms of `repetitions` calls after
    repetitions // 10 untimed ones (CPU time covers only this thread: with 2 threads it is partial)."""
    for _ in range(max(1, repetitions // 10)):
        body()
    samples, cpu = [], []
    for _ in range(repetitions):
        started, started_cpu = time.perf_counter_ns(), time.thread_time_ns()
        body()
        cpu.append(time.thread_time_ns() - started_cpu)
        samples.append(time.perf_counter_ns() - started)
    samples.sort()
    cpu.sort()
    p99 = samples[min(len(samples) - 1, len(samples) * 99 // 100)]
    return samples[len(samples) // 2] / 1e6, p99 / 1e6, sum(samples) / len(samples) / 1e6, cpu[len(cpu) // 2] / 1e6


def inference(args):
    model, config = load_model_file(args.inference)
    movies = config["movieCount"]
    # Same inputs as movierec-transformer-inference-bench: user row 1, 9 history movies, 100 candidates.
    history = [(i * 37 + 11) % movies + 1 for i in range(9)]
    stars = [i % 5 + 1 for i in range(9)]
    candidates = [(j * 17 + 5) % movies + 1 for j in range(args.candidates)]

    def inputs(targets):
        n = len(targets)
        ids = torch.tensor([history + [t] for t in targets])
        return (ids, torch.tensor([stars] * n), torch.ones(n, dtype=torch.long),
                torch.tensor([[1, 2, 3]] * n) if config["useUserFeatures"] else None)

    print(f"torch {torch.__version__} threads {torch.get_num_threads()}")
    with torch.inference_mode():
        one, many = inputs(candidates[:1]), inputs(candidates)
        print(f"scores: single {model(*one)[0].item():.7f} batch[0..<4] {model(*many)[:4].tolist()}")
        for label, batch, repetitions in (("single", one, args.single), (f"batch {len(candidates)}", many, args.batch)):
            p50, p99, mean, cpu = timed(repetitions, lambda: model(*batch))
            print(f"{label}: p50 {p50:.3f} ms  p99 {p99:.3f} ms  mean {mean:.3f} ms  cpu p50 {cpu:.3f} ms  "
                  f"({repetitions} calls)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", nargs="?")
    parser.add_argument("--inference", metavar="MODEL")
    parser.add_argument("--single", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--candidates", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--max-batches", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-ratings", action="store_true")
    parser.add_argument("--features", action="store_true")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.inference:
        return inference(args)
    if not args.dataset:
        parser.error("a dataset directory is required for training")
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
