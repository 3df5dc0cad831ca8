#!/usr/bin/env bash
# /similar and /recommendations (MF) p50 at one connection, two builds alternating, on a model
# whose catalogue gemv splits over cores (e.g. the 60k-movie store and model of serving.sh).
#   Benchmarks/http/catalogue-latency.sh BINARY_A BINARY_B DB MODEL [ROUNDS] [SECONDS]
set -euo pipefail
a=${1:?usage: catalogue-latency.sh BINARY_A BINARY_B DB MODEL [ROUNDS] [SECONDS]}
b=${2:?usage}; db=${3:?usage}; model=${4:?usage}
rounds=${5:-3}; seconds=${6:-6}
port=${PORT:-18955}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
p50() { wrk -t1 -c1 -d"${seconds}s" --latency "$1" | awk '$1 == "50%" {print $2}'; }
for round in $(seq "$rounds"); do
    for bin in "$a" "$b"; do
        "$bin" serve --db "$db" --model "$model" --port "$port" >/dev/null 2>&1 &
        pid=$!
        for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/similar/50?k=10" && break; sleep 0.5; done
        echo "round $round $bin: /similar p50 $(p50 "http://127.0.0.1:$port/similar/50?k=10")" \
             " /recommendations p50 $(p50 "http://127.0.0.1:$port/recommendations/196?k=10")"
        kill "$pid"; wait "$pid" 2>/dev/null || true
    done
done
