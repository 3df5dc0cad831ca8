#!/usr/bin/env bash
# SQLite vs PostgreSQL on one replica, and one vs three replicas behind nginx: ratings/s
# through POST /ratings (one new rating per request, Benchmarks/live/post_ratings.lua) and
# /predict req/s with p99 (predict.lua), wrk at 64 connections for DURATION each.
# Prints one Markdown table row per scenario, with the machine's load average.
# PostgreSQL is a throwaway server (scripts/pg-temp.sh), nginx is scripts/nginx-replicas.sh;
# every store starts from a fresh ML-100k import.
#
#   swift build -c release --product movierec
#   Benchmarks/postgres/run.sh .build/release/movierec [DURATION] [THREADS]
#
# THREADS is `serve --threads` (event loops; default: one per core). A POST handler blocks
# its loop until its group commits, so it bounds the writes one replica has in flight.
# CONNECTIONS (environment, default 64) set to 1 measures one request at a time: the
# latency of a commit rather than throughput.
set -euo pipefail
BIN=$(realpath "${1:?movierec binary}")
DURATION=${2:-10s}
THREADS=${3:-}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=$(( CONNECTIONS < 2 ? 1 : 2 ))
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA=${DATA:-$ROOT/data/ml-100k}
WORK=$(mktemp -d /tmp/movierec-pgbench-XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    "$ROOT/scripts/pg-temp.sh" stop "$WORK/pg" || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.1; done; echo "nothing on $1" >&2; exit 1; }

PG_URL=$("$ROOT/scripts/pg-temp.sh" start "$WORK/pg" --watch $$)
"$BIN" train --models mf --data "$DATA" --out "$WORK/model.safetensors" --factors 32 --epochs 10 --quiet >/dev/null

# Fresh stores for a scenario: a SQLite file, or a new PostgreSQL database.
fresh_store() {
    local kind=$1 name=$2
    if [ "$kind" = sqlite ]; then
        echo "$WORK/$name.sqlite"
    else
        "$ROOT/scripts/pg-temp.sh" createdb "$WORK/pg" "$name"
    fi
}

# start_replicas DB N: starts N replicas in the background and sets PORTS (no subshell,
# so their PIDs stay in PIDS for stop_all).
start_replicas() {
    local db=$1 count=$2
    PORTS=()
    for _ in $(seq 1 "$count"); do
        local port; port=$(free_port)
        "$BIN" serve --db "$db" --model "$WORK/model.safetensors" --model-dir "$WORK/models-shared" --port "$port" \
            ${THREADS:+--threads $THREADS} >/dev/null 2>"$WORK/serve-$port.err" &
        PIDS+=($!)
        PORTS+=("$port")
    done
    for port in "${PORTS[@]}"; do wait_port "$port"; done
}

stop_all() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    PIDS=()
}

# run_wrk NAME URL SCRIPT -> "req/s p99"
run_wrk() {
    local out="$WORK/wrk-$1.txt"
    wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency -s "$3" "$2" >"$out" 2>"$out.err"
    local rps p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    errors=$(grep -c unexpected "$out.err" || true)
    echo "$rps $p99 $errors"
}

printf '| store | replicas | front | POST /ratings: ratings/s | p99 | /predict: req/s | p99 | non-2xx | load avg (1 min) |\n'
printf '|---|---:|---|---:|---:|---:|---:|---:|---:|\n'
scenario() {
    local kind=$1 count=$2 front=$3
    local name="${kind}_${count}_${front}"
    local db; db=$(fresh_store "$kind" "$name")
    "$BIN" import "$DATA" --db "$db" >/dev/null 2>&1
    start_replicas "$db" "$count"
    local port=${PORTS[0]}
    if [ "$front" = nginx ]; then
        port=$(free_port)
        "$ROOT/scripts/nginx-replicas.sh" "$WORK/nginx-$name" "$port" "${PORTS[@]}" >/dev/null 2>&1 &
        PIDS+=($!)
        wait_port "$port"
    fi
    read -r ingest ingest_p99 ingest_errors < <(run_wrk "$name-ingest" "http://127.0.0.1:$port/" "$ROOT/Benchmarks/live/post_ratings.lua")
    read -r predict predict_p99 predict_errors < <(run_wrk "$name-predict" "http://127.0.0.1:$port/" "$HERE/predict.lua")
    # The machine's load at the end of the runs: other work on the same cores shows here.
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    stop_all
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$kind" "$count" "$front" "$ingest" "$ingest_p99" \
        "$predict" "$predict_p99" "$((ingest_errors + predict_errors))" "$load"
}

scenario sqlite 1 direct
scenario postgres 1 direct
scenario postgres 1 nginx
scenario postgres 3 nginx
