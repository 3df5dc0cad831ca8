#!/usr/bin/env bash
# Accuracy of movierec on the real MovieLens 100k, beside Surprise's SVD, in one run.
#
# Fetches ML-100k (scripts/fetch-ml100k.sh), builds movierec in release mode, runs
# `movierec eval` with the leave-last-1, random 80/20 and 5-fold protocols (default MF flags,
# seed 42, k = 10, relevance ≥ 4, cold start < 20 training ratings), runs
# scripts/compare_surprise.py for Surprise's SVD on the same last-1 and random splits, and
# writes Benchmarks/accuracy/RESULTS.md (figures, machine, date, commands) and one SVG plot
# per protocol next to it.
#
# Usage: Benchmarks/accuracy/run.sh          (from anywhere; needs python3 with numpy and
#        scikit-surprise: pip install numpy scikit-surprise)
# Environment: DATA=<ml-100k directory> (default data/ml-100k, fetched when missing)
#              EVAL_FLAGS="…" extra flags for every `movierec eval` (e.g. "--tuning held-out")
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out=Benchmarks/accuracy
data=${DATA:-data/ml-100k}
extra=${EVAL_FLAGS:-}

scripts/fetch-ml100k.sh "$data"
swift build -c release --product movierec
bin=$root/.build/release/movierec

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -a commands=()
# run_eval NAME PLOT|- FLAGS…: one `movierec eval --json` run (with --plot $out/NAME.svg unless "-"),
# its JSON and timing kept in $work.
run_eval() {
    local name=$1 plot=$2; shift 2
    local -a flags=("$@")
    [ "$plot" = - ] || flags+=(--plot "$out/$name.svg")
    # shellcheck disable=SC2206
    flags+=(--json $extra)
    commands+=("movierec eval --data $data ${flags[*]}")
    echo "== movierec eval --data $data ${flags[*]}" >&2
    /usr/bin/time -f "%e s wall, %U s user" -o "$work/$name.time" \
        "$bin" eval --data "$data" "${flags[@]}" >"$work/$name.json"
}
run_eval last-1 plot --protocol last-n --n 1
run_eval random plot --protocol random --train-fraction 0.8 --seed 42
run_eval kfold plot --protocol kfold --folds 5 --seed 42
# The same splits with early stopping on the held-out ratings, as `movierec train` validates.
run_eval last-1-held-out - --protocol last-n --n 1 --tuning held-out
run_eval random-held-out - --protocol random --train-fraction 0.8 --seed 42 --tuning held-out

surprise="python3 scripts/compare_surprise.py --data $data"
commands+=("$surprise")
echo "== $surprise" >&2
python3 scripts/compare_surprise.py --data "$data" >"$work/surprise.json"

python3 - "$work" "$out/RESULTS.md" "$(git rev-parse --short HEAD)" "${commands[@]}" <<'PY'
import json, os, platform, subprocess, sys, datetime
work, target, commit, *commands = sys.argv[1:]

def load(name):
    with open(os.path.join(work, name + ".json")) as handle:
        return json.load(handle)

def cell(summary):
    if summary["mean"] is None:
        return "–"
    text = f"{summary['mean']:.4f}"
    return text + (f" ± {summary['std']:.4f}" if len(summary["values"]) > 1 else "")

def cpu_model():
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"

runs = {"last-1": load("last-1"), "random": load("random"), "kfold": load("kfold")}
surprise = {r["split"]: r for r in load("surprise")["results"] if r["algorithm"] == "SVD"}
titles = {"last-1": "Leave-last-1-out", "random": "Random 80/20", "kfold": "5-fold cross-validation"}
predictors = [("median", "median of training ratings"), ("global_mean", "global mean"),
              ("bias", None), ("mf", "movierec MF")]
swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
lines = [
    "# movierec accuracy on MovieLens 100k",
    "",
    "Produced by `Benchmarks/accuracy/run.sh`; do not edit by hand.",
    "",
    f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; commit `{commit}`",
    f"- Machine: {os.cpu_count()} cores (nproc {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()}), "
    f"{cpu_model()}, {platform.system()} {platform.release()}",
    f"- Toolchain: {swift[0] if swift else 'swift ?'}; release build",
    f"- Data: {runs['last-1']['source']}, {runs['last-1']['ratings']} ratings",
    "",
    "Metrics. Rating error on held-out ratings: MAE, MSE, RMSE. Ranking over every movie the model knows "
    "minus the user's training movies, top k = 10; relevant = held-out ratings ≥ 4 of movies seen in training "
    "(a training movie is never a candidate nor a hit); users without a relevant held-out movie are left out "
    "of the averages. HR@k = share of users with ≥ 1 hit; recall@k = hits / |relevant|; NDCG@k with binary "
    "gains, log2 discount and ideal DCG over min(k, |relevant|); MAP@k = mean AP@k, AP normalised by "
    "min(k, |relevant|). Cold start = users with < 20 training ratings. MF's epoch count is chosen by early "
    "stopping on the same protocol applied to the training part (`--tuning inner`), then MF is refitted on the "
    "whole training part; the held-out ratings are never seen. k-fold cells are mean ± sample std over folds.",
    "",
]
for key, run in runs.items():
    folds = run["folds"]
    lines += [f"## {titles[key]}", "", f"Split: {run['protocol']['description']}.", ""]
    for number, fold in enumerate(folds, 1):
        lines.append(f"- split {number}: train {fold['train']}, held out {fold['held_out']} "
                     f"({fold['held_out_users']} users; cold start {fold['cold_start_users']} users, "
                     f"{fold['cold_start_held_out']} ratings); MF {fold['epochs']} epochs, "
                     f"{fold['training_seconds']:.2f} s training")
    with open(os.path.join(work, key + ".time")) as handle:
        lines += [f"- whole `movierec eval` run: {handle.read().strip()}", ""]
    for slice_name, slice_title in [("all", "all users"), ("cold_start", "cold-start users")]:
        lines += [f"Rating error, {slice_title}:", "", "| predictor | MAE | MSE | RMSE |", "|---|---:|---:|---:|"]
        for predictor, label in predictors:
            if label is None:
                label = f"user+movie bias (damping {run['bias_damping']:g})"
            metrics = run["rating"][predictor][slice_name]
            lines.append(f"| {label} | {cell(metrics['mae'])} | {cell(metrics['mse'])} | {cell(metrics['rmse'])} |")
        if slice_name == "all" and key in surprise:
            s = surprise[key]
            lines.append(f"| Surprise SVD (100 factors, 40 epochs, lr 0.005, reg 0.05) | {s['mae']:.4f} | "
                         f"{s['rmse'] ** 2:.4f} | {s['rmse']:.4f} |")
        lines.append("")
        ranking = run["ranking"]
        users = ranking["mf"][slice_name]["users"]["mean"] or 0
        lines += [f"Ranking, {slice_title} ({users:.0f} users with a relevant held-out movie"
                  + (", mean per fold" if len(folds) > 1 else "") + "):", "",
                  "| ranker | HR@10 | recall@10 | NDCG@10 | MAP@10 |", "|---|---:|---:|---:|---:|"]
        for ranker, label in [("most_rated", "most rated (training count)"), ("mf", "movierec MF"),
                              ("ials", "movierec iALS"), ("ease", "movierec EASE")]:
            if ranker not in ranking:
                continue
            m = ranking[ranker][slice_name]
            if ranker == run["default_ranker"]:
                label += " (served)"
            lines.append(f"| {label} | {cell(m['hr'])} | {cell(m['recall'])} | {cell(m['ndcg'])} | {cell(m['map'])} |")
        lines.append("")
    lines += [f"Plot: [{key}.svg]({key}.svg) (training √MSE and inner-validation RMSE per epoch; "
              "MF predictions against actual ratings).", ""]
lines += ["## Early stopping on the held-out ratings", "",
          "What `movierec train --holdout …` reports: the epoch is chosen on the very ratings that are "
          "scored, which flatters MF a little. Same splits as above.", "",
          "| split | MF epochs | MF MAE | MF RMSE | MF NDCG@10 |", "|---|---:|---:|---:|---:|"]
for key in ["last-1", "random"]:
    run = load(key + "-held-out")
    mf = run["rating"]["mf"]["all"]
    lines.append(f"| {key} | {run['folds'][0]['epochs']} | {cell(mf['mae'])} | {cell(mf['rmse'])} | "
                 f"{cell(run['ranking']['mf']['all']['ndcg'])} |")
lines += ["", "## Surprise SVD (same run)", "",
          "Fixed 40 epochs, 100 factors, lr 0.005, reg 0.05 (scripts/compare_surprise.py).", "",
          "| split | RMSE | MAE | fit seconds |", "|---|---:|---:|---:|"]
for key, s in surprise.items():
    lines.append(f"| {key} | {s['rmse']:.4f} | {s['mae']:.4f} | {s['fit_seconds']:.1f} |")
lines += ["", "## Commands", "", "```"] + commands + ["```", ""]
with open(target, "w") as handle:
    handle.write("\n".join(lines))
print(f"wrote {target}")
PY
