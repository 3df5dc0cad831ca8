#!/usr/bin/env bash
# The served transformer through HTTP: starts `movierec serve` on a model file, then wrk at one
# connection (10 s each) on /predict (transformer), /predict?model=mf (baseline) and
# /recommendations (MF's best 100 re-ranked by the transformer); prints p50/p99, the
# server's CPU time per request (user + system, steadier than latency on a shared machine)
# and its resident memory after loading and after the run.
#   Benchmarks/transformer/http-latency.sh BINARY DB [MODEL_FILE] [USER] [MOVIE]
# DB: `movierec import /work/data/ml-100k --db DB` (see scripts/serve-ml100k.sh).
set -euo pipefail
bin=${1:?usage: http-latency.sh BINARY DB [MODEL_FILE] [USER] [MOVIE]}
db=${2:?usage: http-latency.sh BINARY DB [MODEL_FILE] [USER] [MOVIE]}
model=${3:-models/movierec.safetensors}
user=${4:-1}
movie=${5:-50}
port=${PORT:-18931}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
"$bin" serve --db "$db" --model "$model" --port "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 150); do curl -sf -o /dev/null "$base/predict?user=$user&movie=$movie" && break; sleep 0.2; done
rss() { awk '/VmRSS/ {print $2 / 1024 " MB"}' "/proc/$pid/status"; }
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
echo "server RSS after load: $(rss)"
hz=$(getconf CLK_TCK)
for path in "/predict?user=$user&movie=$movie" "/predict?user=$user&movie=$movie&model=mf" "/recommendations/$user?k=10"; do
    before=$(ticks)
    result=$(wrk -t1 -c1 -d10s --latency "$base$path")
    after=$(ticks)
    requests=$(awk '/requests in/ {print $1}' <<<"$result")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$result")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$result")
    cpu=$(awk -v t=$((after - before)) -v n="$requests" -v hz="$hz" 'BEGIN {printf "%.3f", t / hz * 1000 / n}')
    echo "$path: p50 $p50  p99 $p99  requests $requests  server CPU $cpu ms/request"
done
echo "server RSS after the run: $(rss)"
