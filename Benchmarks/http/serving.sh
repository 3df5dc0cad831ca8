#!/usr/bin/env bash
# Serving benchmark: wrk on 127.0.0.1 against a release `movierec serve` for /predict (MF and
# the file's default model), /recommendations, /similar and POST /ratings at 1, 16, 64 and 256
# connections, beside nginx returning a fixed JSON body in the same run (Benchmarks/http/load.sh),
# on two models: MovieLens 100k (models/movierec.safetensors, MF + transformer) and an MF model
# over 60k synthetic movies (`movierec generate`). Also the server's RSS once the model is
# loaded and after the load, against the model file's size. Writes Benchmarks/http/SERVING.md.
#
# Usage: Benchmarks/http/serving.sh
# Environment (all optional):
#   DURATION=5s  CONNECTIONS="1 16 64 256"  THREADS=2 (wrk threads)  SERVE_THREADS=<cores>
#   DATA=/work/data/ml-100k  MODEL_100K=models/movierec.safetensors
#   OUT=Benchmarks/http/SERVING.md   where the report goes
#   SERVER_CPUS=0 LOAD_CPUS=1   pin the server and nginx to one set of cores and wrk to another
#                               (taskset -c); set SERVE_THREADS, NGINX_WORKERS and THREADS to match.
#   BIG_DB=… BIG_MODEL=…   a store and MF model over 60k movies (e.g. from KEEP=1 Benchmarks/scale/run.sh);
#                          without them 10M synthetic ratings are generated, imported and trained (2 epochs).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export DURATION=${DURATION:-5s} CONNECTIONS=${CONNECTIONS:-"1 16 64 256"} THREADS=${THREADS:-2}
data=${DATA:-/work/data/ml-100k}
model_100k=${MODEL_100K:-$root/models/movierec.safetensors}
out=${OUT:-Benchmarks/http/SERVING.md}
swift build -c release --product movierec >&2
bin=$root/.build/release/movierec
work=$(mktemp -d /tmp/movierec-serving.XXXXXX)
server_pid=""
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

rss_mib() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# serve_and_load NAME DB MODEL: starts the server, records RSS, runs load.sh on every endpoint.
serve_and_load() {
    local name=$1 db=$2 model=$3
    local port=$((20000 + RANDOM % 20000))
    ${SERVER_CPUS:+taskset -c "$SERVER_CPUS"} "$bin" serve --db "$db" --model "$model" --port "$port" ${SERVE_THREADS:+--threads $SERVE_THREADS} \
        >"$work/$name.serve.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 600); do
        curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
        sleep 0.1
    done
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/$name.serve.log" >&2; exit 1; }
    local base=http://127.0.0.1:$port
    local rss_loaded; rss_loaded=$(rss_mib "$server_pid")
    echo "== $name: serving $model (RSS $rss_loaded MiB)" >&2
    Benchmarks/http/load.sh \
        "predict-mf=$base/predict?user=196&movie=242&model=mf" \
        "predict=$base/predict?user=196&movie=242" \
        "recommendations=$base/recommendations/196?k=10" \
        "similar=$base/similar/50?k=10" \
        "post-ratings=$base/ratings::$root/Benchmarks/live/post_ratings.lua" | tee "$work/$name.table" >&2
    local rss_after; rss_after=$(rss_mib "$server_pid")
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
    server_pid=""
    local size; size=$(stat -c %s "$model")
    {
        echo "### $name"
        echo
        echo "Model file: $(awk -v b="$size" 'BEGIN {printf "%.1f MB", b / 1e6}') ($model); server RSS once loaded: $rss_loaded MiB, after the load: $rss_after MiB."
        echo
        echo "| target | conns | req/s | p50 ms | p99 ms | vs nginx | errors |"
        echo "|---|---|---|---|---|---|---|"
        awk 'NR > 1 { err = ""; for (i = 7; i <= NF; i++) err = err (i > 7 ? " " : "") $i; printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, err }' "$work/$name.table"
        echo
    } >>"$work/report.md"
}

"$bin" import "$data" --db "$work/ml100k.sqlite" >/dev/null
serve_and_load "MovieLens 100k (MF + transformer)" "$work/ml100k.sqlite" "$model_100k"

big_db=${BIG_DB:-} big_model=${BIG_MODEL:-}
if [[ -z $big_db || -z $big_model ]]; then
    echo "== generating, importing and training 10M synthetic ratings" >&2
    "$bin" generate --ratings 10000000 --out "$work/synthetic" >&2
    "$bin" import "$work/synthetic" --db "$work/synthetic.sqlite" >&2
    rm -rf "$work/synthetic"
    "$bin" train --models mf --db "$work/synthetic.sqlite" --epochs 2 --quiet --out "$work/synthetic.safetensors" >&2
    big_db=$work/synthetic.sqlite big_model=$work/synthetic.safetensors
fi
# The memory-bound floor of one request on this model, measured now (see gemv_probe.c).
probe=""
if cc -O2 Benchmarks/http/gemv_probe.c $(pkg-config --cflags --libs openblas) -lpthread -o "$work/gemv_probe" 2>/dev/null; then
    probe=$("$work/gemv_probe" 60000 100)
fi
movies=$("$bin" inspect "$big_model" | sed -n 's/^ *mf.movies = \([0-9]*\)$/\1/p')
serve_and_load "Synthetic, ${movies:-60k} movies (MF only)" "$big_db" "$big_model"

{
    echo "# Serving: movierec beside nginx, same run"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), shared with"
    echo "other work; release build; wrk (${THREADS} threads, $DURATION per row) on 127.0.0.1; \`movierec serve\` with"
    echo "${SERVE_THREADS:-one event loop per core}${SERVE_THREADS:+ event loop(s)}; nginx (${NGINX_WORKERS:-$(nproc)} workers) returns a fixed JSON body."
    [[ -z ${SERVER_CPUS:-} ]] || echo "Pinned with taskset: the server and nginx on CPU $SERVER_CPUS, wrk on CPU ${LOAD_CPUS:-any}."
    echo "Requests:"
    echo "\`/predict?user=196&movie=242[&model=mf]\`, \`/recommendations/196?k=10\`, \`/similar/50?k=10\`, and"
    echo "\`POST /ratings\` with one new rating each (\`post_ratings.lua\`, store at synchronous = FULL)."
    echo
    cat "$work/report.md"
    [[ -z $probe ]] || echo "One \`cblas_sgemv\` over 60000 × 100 floats (the matrix /similar and /recommendations read per request) took ${probe% *} ms on one thread and ${probe#* } ms with its rows split over two threads (medians of 200, \`gemv_probe.c\`) during this run: the floor under those two endpoints' latency on the 60k-movie model."
    echo
    echo "Command: \`Benchmarks/http/serving.sh\` (see its header for the environment it reads)."
} >"$out"
cat "$out"
