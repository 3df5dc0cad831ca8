#!/usr/bin/env bash
# MF training speed on MovieLens 100k beside Surprise's SVD: same splits (chronological
# leave-last-1-out and NumPy's random 80/20), same 100 factors, the same number of epochs
# (40 by default, no early stopping on either side), same run, alternating ROUNDS times.
# Reports ratings per second of the epochs, the best epoch and the seconds to reach it, and
# the seconds movierec needs to reach Surprise's final RMSE. Writes Benchmarks/training/RESULTS.md.
#
# Usage: Benchmarks/training/run.sh        (pip install scikit-surprise numpy)
# Environment (all optional): DATA=data/ml-100k  EPOCHS=40  ROUNDS=3  MF_FLAGS=""  (extra train flags)
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${DATA:-data/ml-100k}
epochs=${EPOCHS:-40}
rounds=${ROUNDS:-3}
mf_flags=${MF_FLAGS:-}
python3 -c "import surprise" 2>/dev/null || { echo "Surprise is missing: pip install scikit-surprise numpy" >&2; exit 1; }
swift build -c release --product movierec >&2
bin=.build/release/movierec
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for round in $(seq "$rounds"); do
    for split in last-1 random; do
        echo "== round $round: movierec MF, $split, $epochs epochs" >&2
        # shellcheck disable=SC2086
        "$bin" train --models mf --data "$data" --holdout "$split" --epochs "$epochs" --patience "$epochs" \
            --out "$work/model.safetensors" $mf_flags >"$work/movierec-$split-$round.log"
    done
    echo "== round $round: Surprise SVD, $epochs epochs" >&2
    python3 scripts/compare_surprise.py --data "$data" --epochs "$epochs" >"$work/surprise-$round.json"
done
python3 Benchmarks/training/report.py "$work" --rounds "$rounds" --epochs "$epochs" --flags "$mf_flags" --data "$data" \
    >Benchmarks/training/RESULTS.md
cat Benchmarks/training/RESULTS.md
