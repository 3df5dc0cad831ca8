#!/usr/bin/env bash
# One epoch of the notebook-sized transformer (d 120, 12 heads, ff 2048, S 10, head
# 1024-512-256, batch 512) on MovieLens-100k, movierec then PyTorch, back to back on the
# same machine. Prints sequences/s and validation MAE/MSE/RMSE for each.
#   Benchmarks/transformer/run.sh [DATASET_DIR] [EPOCHS] [MAX_BATCHES]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-/work/data/ml-100k}
EPOCHS=${2:-1}
MAX_BATCHES=${3:-0}
swift build -c release --product movierec
echo "== movierec"
.build/release/movierec bench-transformer --data "$DATA" --epochs "$EPOCHS" --max-batches "$MAX_BATCHES"
echo "== PyTorch (torch.set_num_threads(2))"
python3 scripts/bench_pytorch_bst.py "$DATA" --epochs "$EPOCHS" --max-batches "$MAX_BATCHES" --threads 2
