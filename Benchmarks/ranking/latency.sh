#!/usr/bin/env bash
# /recommendations latency and throughput on MovieLens 100k with the shipped model file (EASE
# the default ranker), every user in turn (users.lua), beside MF's /predict and nginx's fixed
# body in the same run (Benchmarks/http/load.sh), ROUNDS alternating rounds.
#
# Usage: Benchmarks/ranking/latency.sh        (release build; imports data/ml-100k once)
# Environment: ROUNDS=3  DURATION=10s  CONNECTIONS="1 64"  MODEL=models/movierec.safetensors
#              QUERY=?model=ials (appended to every /recommendations request)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-3}
export DURATION=${DURATION:-10s} CONNECTIONS=${CONNECTIONS:-"1 64"} THREADS=${THREADS:-2}
model=${MODEL:-models/movierec.safetensors}
swift build -c release --product movierec >&2
bin=.build/release/movierec
scripts/fetch-ml100k.sh data/ml-100k >&2
[ -f data/movierec.sqlite ] || "$bin" import data/ml-100k --db data/movierec.sqlite >&2
port=$((20000 + RANDOM % 20000))
"$bin" serve --db data/movierec.sqlite --model "$model" --port "$port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
    echo "== round $round"
    Benchmarks/http/load.sh \
        "recommendations=http://127.0.0.1:$port/recommendations/1::Benchmarks/ranking/users.lua" \
        "predict-mf=http://127.0.0.1:$port/predict?user=1&movie=50&model=mf"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
