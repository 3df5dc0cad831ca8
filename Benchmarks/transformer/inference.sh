#!/usr/bin/env bash
# Inference latency of the served transformer beside PyTorch eval mode, same weights, same
# inputs, same run: one prediction (2,000 calls) and 100 candidates for one user (200 calls),
# p50/p99 per call after a warm-up, on one thread and on two (movierec splits a request's
# candidates over its threads; PyTorch splits each operator over its intra-op threads).
#   Benchmarks/transformer/inference.sh [MODEL_FILE] [ROUNDS]
# ROUNDS > 1 alternates movierec and PyTorch that many times (the machine's load moves).
set -euo pipefail
cd "$(dirname "$0")/../.."
MODEL=$(realpath "${1:-models/movierec.safetensors}")
ROUNDS=${2:-1}
(cd Benchmarks && swift build -c release --product movierec-transformer-inference-bench >/dev/null)
BENCH=Benchmarks/.build/release/movierec-transformer-inference-bench
p50() { sed -n "s/^$1: p50 \([0-9.]*\) ms.*/\1/p" "$2"; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for round in $(seq "$ROUNDS"); do
    for threads in 1 2; do
        echo "== round $round: movierec, $threads thread(s) (OpenBLAS 1 thread each)"
        OPENBLAS_NUM_THREADS=1 "$BENCH" "$MODEL" --threads "$threads" | tee "$out/swift$threads"
    done
    for threads in 1 2; do
        echo "== round $round: PyTorch eval, inference_mode, torch.set_num_threads($threads)"
        python3 scripts/bench_pytorch_bst.py --inference "$MODEL" --threads "$threads" | tee "$out/torch$threads"
    done
    for case in single "batch 100"; do
        for threads in 1 2; do
            s=$(p50 "$case" "$out/swift$threads"); t=$(p50 "$case" "$out/torch$threads")
            echo "round $round $case p50, $threads thread(s): movierec $s ms, PyTorch $t ms:" \
                 "$(awk -v s="$s" -v t="$t" 'BEGIN{printf "%.1f", t/s}')× faster"
        done
    done
done
