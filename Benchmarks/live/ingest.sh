#!/usr/bin/env bash
# Ratings/s through POST /ratings at 64 connections (wrk, one rating per request) against
# a release `movierec serve` on a fresh copy of the ML-100k store, synchronous = FULL.
# Usage: Benchmarks/live/ingest.sh BINARY [THREADS]   (THREADS = serve --threads, default: cores)
set -euo pipefail
BIN=${1:?movierec binary}
THREADS=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/movierec-ingest-XXXXXX)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$BIN" import /work/data/ml-100k --db "$WORK/db.sqlite" >/dev/null
"$BIN" train --models mf --db "$WORK/db.sqlite" --out "$WORK/models/movierec.safetensors" --factors 8 --epochs 3 --quiet >/dev/null
PORT=$((20000 + RANDOM % 10000))
"$BIN" serve --db "$WORK/db.sqlite" --model "$WORK/models/movierec.safetensors" --port $PORT \
  ${THREADS:+--threads $THREADS} >"$WORK/out" 2>"$WORK/err" &
PID=$!
sleep 1.5
wrk -t 2 -c 64 -d 10s -s "$HERE/post_ratings.lua" "http://127.0.0.1:$PORT/" 
