#!/usr/bin/env python3
"""movierec's next-movie transformer beside its PyTorch reference, in one run, on MovieLens
100k's next-item protocol (each user's newest rating held out; training stops early on each
user's newest training rating), both sides in the reference configuration: the network of
`scripts/next_movie_module.py` (embeddings N(0, 0.02²), tied output), Adam 1e-3, batch 128,
the plain full softmax, patience 20 on validation NDCG@10.

1. movierec: `Benchmarks/ranking/http_eval.py` writes the training part, imports it, trains
   the sequence model beside MF, which serving needs (`movierec train --models mf,sequence
   --holdout last-1 --seq-learning-rate 1e-3 --seq-keep-seen --seq-patience 20`, its log kept
   for each epoch's training seconds and validation NDCG@10), serves it and scores the
   held-out movie from the HTTP answers of `/recommendations/{user}?model=sequence`.
2. PyTorch: `anchor.py` with its defaults (the same configuration) on the same split.

It prints each side's best validation NDCG@10, the training seconds each took to reach the
PyTorch reference's best validation NDCG@10, the seconds per epoch, and the test figures.
movierec's own default recipe (Adam 3e-3, rated movies left out of the softmax) is measured
by `http_eval.py` alone.

    python3 Benchmarks/sequence/compare.py              # about 25 minutes on two cores
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PATIENCE = 20
EPOCH = re.compile(r"sequence epoch (\d+): .*NDCG@10 ([0-9.]+) .*\| ([0-9.]+) s")


def movierec_epochs(log_path):
    """(epoch, cumulative train seconds, validation NDCG@10) of the validated run (before the refit)."""
    epochs, total = [], 0.0
    with open(log_path) as log:
        for line in log:
            if line.startswith("refitting sequence"):
                break
            match = EPOCH.search(line)
            if match:
                total += float(match.group(3))
                epochs.append((int(match.group(1)), total, float(match.group(2))))
    return epochs


def first_reaching(epochs, target):
    return next(((e, s) for e, s, v in epochs if v >= target), None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reference-epochs", type=int, default=200)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="movierec-sequence-compare-")
    log = os.path.join(work, "movierec-train.log")
    served = subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "ranking", "http_eval.py"),
                             "--protocol", "next-item", "--seed", str(args.seed), "--train-models", "mf,sequence",
                             "--models", "sequence", "--train-log", log,
                             "--train-flags", f"--seq-learning-rate 1e-3 --seq-keep-seen --seq-patience {PATIENCE}"],
                            check=True, capture_output=True, text=True).stdout
    print(served)
    ours = movierec_epochs(log)
    out = os.path.join(work, "reference.json")
    subprocess.run([sys.executable, os.path.join(HERE, "anchor.py"), "--seed", str(args.seed), "--json", out,
                    "--patience", str(PATIENCE), "--epochs", str(args.reference_epochs)],
                   check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        reference = json.load(f)
    target = reference["best_validation"]["NDCG@10"]
    reference_epochs = [(e["epoch"], e["train_seconds"], e["validation"]["NDCG@10"]) for e in reference["epochs"]]
    pt_reach = first_reaching(reference_epochs, target)
    mr_reach = first_reaching(ours, target)
    pt_per_epoch = reference_epochs[-1][1] / len(reference_epochs)
    mr_per_epoch = ours[-1][1] / len(ours)
    print(f"PyTorch reference: best validation NDCG@10 {target:.4f} at epoch {pt_reach[0]}, {pt_reach[1]:.1f} train s; "
          f"test {reference['test']}")
    best = max(ours, key=lambda e: e[2])
    print(f"movierec: best validation NDCG@10 {best[2]:.4f} at epoch {best[0]}, {best[1]:.1f} train s")
    if mr_reach:
        print(f"movierec reached {target:.4f} at epoch {mr_reach[0]} after {mr_reach[1]:.1f} train s: "
              f"{pt_reach[1] / mr_reach[1]:.1f}x faster than the reference")
    else:
        print(f"movierec never reached {target:.4f}")
    print(f"per epoch: PyTorch {pt_per_epoch:.2f} s, movierec {mr_per_epoch:.2f} s "
          f"({pt_per_epoch / mr_per_epoch:.1f}x)")


if __name__ == "__main__":
    main()
