#!/usr/bin/env bash
# Latency of the API's reads on MovieLens 100k with the shipped model file, one connection by
# default, beside nginx's fixed body in the same run (Benchmarks/http/load.sh), ROUNDS
# alternating rounds: a user's ratings, a movie with its statistics, a title search, a list
# filtered by genre, a list explained, /similar filtered, and 100 predictions in one POST.
# Users rotate over all 943 (paths.lua), so every request reads the store afresh.
#
# Usage: Benchmarks/api/reads.sh          (release build; imports data/ml-100k once)
# Environment: ROUNDS=3  DURATION=8s  CONNECTIONS="1"  MODEL=models/movierec.safetensors
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-3}
export DURATION=${DURATION:-8s} CONNECTIONS=${CONNECTIONS:-1} THREADS=${THREADS:-1}
model=${MODEL:-models/movierec.safetensors}
swift build -c release --product movierec >&2
bin=.build/release/movierec
scripts/fetch-ml100k.sh data/ml-100k >&2
[ -f data/movierec.sqlite ] || "$bin" import data/ml-100k --db data/movierec.sqlite >&2
work=$(mktemp -d)
cp data/movierec.sqlite "$work/store.sqlite"
port=$((20000 + RANDOM % 20000))
"$bin" serve --db "$work/store.sqlite" --model "$model" --port "$port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
base=http://127.0.0.1:$port
lua=Benchmarks/api/paths.lua
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
    echo "== round $round"
    TEMPLATE='/users/{user}/ratings?limit=20' Benchmarks/http/load.sh "user-ratings=$base/users/1/ratings::$lua"
    SKIP_NGINX=1 Benchmarks/http/load.sh "movie=$base/movies/50" "search=$base/movies?q=star%20wars"
    TEMPLATE='/recommendations/{user}?genre=Comedy' SKIP_NGINX=1 Benchmarks/http/load.sh "genre-list=$base/recommendations/1::$lua"
    TEMPLATE='/recommendations/{user}' SKIP_NGINX=1 Benchmarks/http/load.sh "plain-list=$base/recommendations/1::$lua"
    TEMPLATE='/recommendations/{user}?explain=true' SKIP_NGINX=1 Benchmarks/http/load.sh "explained-list=$base/recommendations/1::$lua"
    SKIP_NGINX=1 Benchmarks/http/load.sh "similar-filtered=$base/similar/50?genre=Comedy&year_min=1990" \
        "predict-100=$base/predict::Benchmarks/api/batch.lua"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
