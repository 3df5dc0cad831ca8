#!/usr/bin/env python3
"""Turns the logs of Benchmarks/training/run.sh into RESULTS.md (Markdown on stdout).

movierec side, per split and round, from `movierec train` output: the training ratings,
each epoch's wall seconds (sweep plus the validation pass) and validation RMSE. Surprise
side: fit seconds and RMSE from scripts/compare_surprise.py's JSON. Medians over rounds.
"""
import argparse
import json
import re
import statistics
import subprocess
from pathlib import Path

EPOCH = re.compile(r"^epoch (\d+): .* RMSE ([0-9.]+) \| median .* \| ([0-9.]+) s")
TRAINING = re.compile(r"^training \w+ MF on (\d+) ratings")


def movierec_run(log: Path):
    lines = log.read_text().splitlines()
    train = next(int(m.group(1)) for m in map(TRAINING.match, lines) if m)
    epochs = [(int(m.group(1)), float(m.group(2)), float(m.group(3))) for m in map(EPOCH.match, lines) if m]
    return train, epochs


def seconds_until(epochs, epoch):
    return sum(seconds for number, _, seconds in epochs if number <= epoch)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("work", type=Path)
    parser.add_argument("--rounds", type=int, required=True)
    parser.add_argument("--epochs", type=int, required=True)
    parser.add_argument("--flags", default="")
    parser.add_argument("--data", required=True)
    args = parser.parse_args()

    rows = []
    for split in ("last-1", "random"):
        ours, theirs = [], []
        for round_ in range(1, args.rounds + 1):
            train, epochs = movierec_run(args.work / f"movierec-{split}-{round_}.log")
            surprise = next(r for r in json.loads((args.work / f"surprise-{round_}.json").read_text())["results"]
                            if r["split"] == split and r["algorithm"] == "SVD")
            total = seconds_until(epochs, len(epochs))
            best_epoch, best_rmse, _ = min(epochs, key=lambda e: (e[1], e[0]))
            reaching = next((number for number, rmse, _ in epochs if rmse <= surprise["rmse"]), None)
            ours.append({
                "rate": train * len(epochs) / total,
                "epoch_ms": 1000 * total / len(epochs),
                "best_epoch": best_epoch,
                "best_rmse": best_rmse,
                "to_best": seconds_until(epochs, best_epoch),
                "reaching": reaching,
                "to_reach": seconds_until(epochs, reaching) if reaching else None,
                "final_rmse": epochs[-1][1],
            })
            theirs.append({
                "rate": surprise["train"] * args.epochs / surprise["fit_seconds"],
                "epoch_ms": 1000 * surprise["fit_seconds"] / args.epochs,
                "fit": surprise["fit_seconds"],
                "rmse": surprise["rmse"],
            })
        rows.append((split, ours, theirs))

    def median(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    date = subprocess.run(["date", "-u", "+%Y-%m-%d %H:%M UTC"], capture_output=True, text=True).stdout.strip()
    load = Path("/proc/loadavg").read_text().split()[:3]
    print("# MF training speed beside Surprise's SVD (MovieLens 100k)")
    print()
    print(f"Produced by `DATA={args.data} Benchmarks/training/run.sh`; do not edit by hand.")
    print()
    print(f"- {date}, commit `{commit}`, 2 cores, release build, load average {' '.join(load)} at the end")
    print(f"- both: 100 factors, {args.epochs} epochs, no early stopping; medians of {args.rounds} alternating rounds")
    print(f"- movierec: `movierec train --models mf --holdout SPLIT --epochs {args.epochs} --patience {args.epochs}"
          + (f" {args.flags}" if args.flags else "") + "` (its default learning rate 0.07 decaying ×0.85 per epoch, "
          "regularisation 0.08); an epoch's seconds include its validation pass")
    print(f"- Surprise: `SVD(n_factors=100, n_epochs={args.epochs}, lr_all=0.005, reg_all=0.05)`, "
          "the fit's wall seconds (`scripts/compare_surprise.py`)")
    print()
    print("| split | ratings/s movierec | ratings/s Surprise | epoch ms movierec / Surprise | per-epoch ratio |"
          " best epoch (RMSE), seconds to it | Surprise final RMSE, fit seconds | movierec reaches that RMSE at | time-to-accuracy ratio |")
    print("|---|---:|---:|---:|---:|---|---|---|---:|")
    for split, ours, theirs in rows:
        rate, their_rate = median([o["rate"] for o in ours]), median([t["rate"] for t in theirs])
        epoch_ms, their_epoch_ms = median([o["epoch_ms"] for o in ours]), median([t["epoch_ms"] for t in theirs])
        to_best = median([o["to_best"] for o in ours])
        best = statistics.median_low([o["best_epoch"] for o in ours])
        best_rmse = median([o["best_rmse"] for o in ours])
        fit, their_rmse = median([t["fit"] for t in theirs]), median([t["rmse"] for t in theirs])
        reaching = median([o["reaching"] for o in ours])
        to_reach = median([o["to_reach"] for o in ours])
        reach_text = f"epoch {reaching:.0f}, {to_reach:.3f} s" if to_reach else "never"
        ratio_text = f"{fit / to_reach:.1f}×" if to_reach else "–"
        print(f"| {split} | {rate:,.0f} | {their_rate:,.0f} | {epoch_ms:.2f} / {their_epoch_ms:.2f} | {rate / their_rate:.1f}× |"
              f" {best} ({best_rmse:.4f}), {to_best:.3f} s | {their_rmse:.4f}, {fit:.2f} s | {reach_text} | {ratio_text} |")
    print()
    print("Per-epoch ratio: movierec's ratings per second over Surprise's at the same factors and epochs.")
    print("Time-to-accuracy ratio: Surprise's fit seconds over the seconds of movierec's epochs up to the")
    print("first one whose validation RMSE is no worse than Surprise's final RMSE.")


if __name__ == "__main__":
    main()
