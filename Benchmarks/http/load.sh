#!/usr/bin/env bash
# Load-tests a running movierec HTTP server with wrk and compares it with nginx answering a fixed
# JSON body on another loopback port (the ceiling for "tiny handler" throughput on this machine).
#
# Usage: Benchmarks/http/load.sh TARGET [TARGET...]
#   (Benchmarks/http/HTTPBench/main.swift is a server of the HTTP module alone to point it at; its
#   header says how to build it.)
#   TARGET       [LABEL=]URL[::SCRIPT.lua] — a running server, e.g. http://127.0.0.1:8080/predict?user=1&movie=50,
#                optionally labelled (predict-mf=http://…) and driven by a wrk Lua script (POST bodies).
#   nginx runs once per connection count; each row's "vs nginx" is its req/s over nginx's in the
#   same run. p50 and p99 are in milliseconds.
# Environment (all optional):
#   DURATION=10s  CONNECTIONS="1 16 64 256"  THREADS=1 (wrk threads)  NGINX_PORT=18080
#   NGINX_WORKERS=<nproc>  NGINX_BODY='{"user":"1","movie":"50","score":3.9}'  SKIP_NGINX=1
#   SERVER_CPUS=0 LOAD_CPUS=1   pin nginx and wrk (taskset -c) to separate cores; the caller pins
#                               its own server to SERVER_CPUS the same way (serving.sh does).
#
# Unpinned, wrk, nginx and the server share the machine's cores, so figures are relative, not
# absolute: compare the two rows for the same connection count. Pinned, the load generator no
# longer preempts the server, which is what a tail latency (p99) on a 2-core machine needs.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: load.sh [LABEL=]URL[::SCRIPT.lua] ..." >&2; exit 1; }
duration=${DURATION:-10s}
connections=${CONNECTIONS:-"1 16 64 256"}
threads=${THREADS:-1}
nginx_port=${NGINX_PORT:-18080}
nginx_workers=${NGINX_WORKERS:-$(nproc)}
nginx_body=${NGINX_BODY:-'{"user":"1","movie":"50","score":3.9}'}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

# Path and query of the first URL, reused against nginx so both servers see a similar request line.
first=${1#*=}
first=${first%%::*}
[[ $1 == *=http* ]] || first=${1%%::*}
path_and_query=/${first#*://*/}
[[ $first == *://*/* ]] || path_and_query=/

nginx_dir=""
nginx_pid=""
cleanup() {
    if [[ -n $nginx_pid ]] && kill -0 "$nginx_pid" 2>/dev/null; then
        kill -QUIT "$nginx_pid"
        for _ in $(seq 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
    fi
    if [[ -n $nginx_dir ]]; then rm -rf "$nginx_dir"; fi
}
trap cleanup EXIT

start_nginx() {
    command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install nginx)" >&2; exit 1; }
    nginx_dir=$(mktemp -d)
    mkdir -p "$nginx_dir/tmp"
    local escaped_body=${nginx_body//\'/\\\'}
    cat >"$nginx_dir/nginx.conf" <<CONF
worker_processes $nginx_workers;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $nginx_dir/tmp;
    proxy_temp_path $nginx_dir/tmp;
    fastcgi_temp_path $nginx_dir/tmp;
    uwsgi_temp_path $nginx_dir/tmp;
    scgi_temp_path $nginx_dir/tmp;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    server {
        listen 127.0.0.1:$nginx_port;
        default_type application/json;
        location / { return 200 '$escaped_body'; }
    }
}
CONF
    ${SERVER_CPUS:+taskset -c "$SERVER_CPUS"} nginx -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/error.log" -g 'daemon off;' &
    nginx_pid=$!
    for _ in $(seq 50); do
        curl -fsS "http://127.0.0.1:$nginx_port/" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "nginx did not start; see $nginx_dir/error.log" >&2
    exit 1
}

# wrk's latency ("812.00us", "1.20ms", "2.01s") in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) printf "%.3f", substr(v, 1, length(v) - 2) / 1000
        else if (v ~ /ms$/) printf "%.3f", substr(v, 1, length(v) - 2)
        else if (v ~ /s$/) printf "%.3f", substr(v, 1, length(v) - 1) * 1000
        else print v }'
}

# One wrk run; sets rps, p50, p99 (ms) and errors.
measure() {
    local target=$1 conns=$2 script=$3
    local wrk_threads=$(( threads < conns ? threads : conns ))
    local output
    output=$(${LOAD_CPUS:+taskset -c "$LOAD_CPUS"} wrk -t "$wrk_threads" -c "$conns" -d "$duration" --latency ${script:+-s "$script"} "$target")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$output")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$output")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$output")")
    errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0}' <<<"$output")
}

# Waits (up to 2 minutes) until the server answers URL within a second again: requests a
# slow endpoint left queued when the previous wrk run stopped would otherwise be billed to
# the next target.
settle() {
    local probe=$1
    for _ in $(seq 120); do
        curl -sS -o /dev/null --max-time 1 "$probe" 2>/dev/null && return 0
        sleep 1
    done
    echo "$probe still does not answer within 1 s" >&2
}

for target in "$@"; do
    url=${target#*=}
    [[ $target == *=http* ]] || url=$target
    url=${url%%::*}
    curl -fsS -o /dev/null "$url" 2>/dev/null || curl -sS -o /dev/null "$url" \
        || { echo "no answer from $url" >&2; exit 1; }
done
[[ -n ${SKIP_NGINX:-} ]] || start_nginx

printf '%-22s %6s %12s %10s %10s %9s  %s\n' target conns "req/s" "p50 ms" "p99 ms" "vs nginx" errors
for conns in $connections; do
    nginx_rps=""
    if [[ -z ${SKIP_NGINX:-} ]]; then
        measure "http://127.0.0.1:$nginx_port$path_and_query" "$conns" ""
        nginx_rps=$rps
        printf '%-22s %6s %12s %10s %10s %9s  %s\n' nginx "$conns" "$rps" "$p50" "$p99" "1.00" "${errors:-none}"
    fi
    for target in "$@"; do
        label=server url=$target script=""
        if [[ $target == *=http* ]]; then label=${target%%=*}; url=${target#*=}; fi
        if [[ $url == *::* ]]; then script=${url#*::}; url=${url%%::*}; fi
        settle "$url"
        measure "$url" "$conns" "$script"
        ratio=$([[ -n $nginx_rps ]] && awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}' || echo "–")
        printf '%-22s %6s %12s %10s %10s %9s  %s\n' "$label" "$conns" "$rps" "$p50" "$p99" "$ratio" "${errors:-none}"
    done
done
