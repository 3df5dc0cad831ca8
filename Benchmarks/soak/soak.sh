#!/usr/bin/env bash
# Soak: `movierec serve` (release build, shipped model, MovieLens 100k) under a mixed load
# of every endpoint and posted ratings at 64 connections for DURATION, sampling the
# server's resident memory and open descriptors every INTERVAL seconds, so growth shows.
# Usage: Benchmarks/soak/soak.sh [DURATION=600] [INTERVAL=30]   (from the repository root)
set -euo pipefail
duration=${1:-600}
interval=${2:-30}
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
swift build -c release --product movierec >/dev/null
bin="$(swift build -c release --show-bin-path)/movierec"
scripts/fetch-ml100k.sh data/ml-100k >/dev/null
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" import data/ml-100k --db "$work/soak.sqlite" >/dev/null 2>&1
cp models/movierec.safetensors "$work/"
"$bin" serve --db "$work/soak.sqlite" --model "$work/movierec.safetensors" --port 0 >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.1; done
url="$(awk '/listening on/ {print $NF}' "$work/out")"

sample() {
    local rss fds
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
    fds=$(ls "/proc/$server/fd" | wc -l)
    echo "$1 $rss $fds"
}
echo "seconds rss_kib open_fds"
sample 0
wrk -t2 -c64 -d"${duration}s" --latency -s Benchmarks/soak/mix.lua "$url" >"$work/wrk" &
load=$!
elapsed=0
while kill -0 "$load" 2>/dev/null; do
    sleep "$interval"
    elapsed=$((elapsed + interval))
    kill -0 "$load" 2>/dev/null && sample "$elapsed"
done
wait "$load"
sleep 1
sample "after"
echo
cat "$work/wrk"
echo "ratings stored after the soak: $(curl -s "$url/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ratings_stored"])')"
kill -TERM "$server"
wait "$server"
echo "server stopped cleanly on SIGTERM"
