#!/usr/bin/env bash
# The handler pool against none: the same release `movierec serve` (shipped model, MovieLens
# 100k) started with --handler-threads 0 (every handler on the event loops) and with the
# default 8, measured in the same run:
#   1. POST /ratings, one rating per request, 64 connections (each a disk sync);
#   2. /predict?model=mf, 64 connections (a loop-placed route: the pool must cost it nothing);
#   3. /similar/50 at 16 connections while 16 more ask for transformer re-ranked
#      /recommendations: do cheap requests queue behind expensive ones?
# Usage: Benchmarks/http/handler-pool.sh [SECONDS=10]   (from the repository root)
set -euo pipefail
seconds=${1:-10}
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
swift build -c release --product movierec >/dev/null
bin="$(swift build -c release --show-bin-path)/movierec"
scripts/fetch-ml100k.sh data/ml-100k >/dev/null
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

start() {
    rm -f "$work"/db.sqlite*
    cp "$work/base.sqlite" "$work/db.sqlite"
    "$bin" serve --db "$work/db.sqlite" --model models/movierec.safetensors --port 0 --handler-threads "$1" \
        >"$work/out" 2>"$work/err" &
    server=$!
    for _ in $(seq 1 100); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.1; done
    url="$(awk '/listening on/ {print $NF}' "$work/out")"
}

stop() {
    kill -TERM "$server"
    wait "$server" || true
    server=""
}

# "req/s p50 p99" from a wrk --latency report.
summary() {
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%s req/s, p50 %s, p99 %s", rps, p50, p99}' "$1"
}

"$bin" import data/ml-100k --db "$work/base.sqlite" >/dev/null 2>&1
printf '| handler threads | POST /ratings (64 conns) | /predict?model=mf (64 conns) | /similar (16 conns) beside 16 re-ranking /recommendations |\n'
printf '|---|---|---|---|\n'
for threads in 0 8; do
    start "$threads"
    wrk -t2 -c64 -d"${seconds}s" --latency -s Benchmarks/live/post_ratings.lua "$url/" >"$work/post"
    wrk -t2 -c64 -d"${seconds}s" --latency "$url/predict?user=196&movie=242&model=mf" >"$work/mf"
    wrk -t1 -c16 -d"$((seconds + 2))s" "$url/recommendations/22?k=10" >/dev/null &
    heavy=$!
    sleep 1
    wrk -t1 -c16 -d"${seconds}s" --latency "$url/similar/50?k=10" >"$work/similar"
    wait "$heavy"
    stop
    printf '| %s | %s | %s | %s |\n' "$threads" "$(summary "$work/post")" "$(summary "$work/mf")" "$(summary "$work/similar")"
done
