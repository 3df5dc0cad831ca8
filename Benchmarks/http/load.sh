#!/usr/bin/env bash
# Load-tests a running movierec HTTP server with wrk and compares it with nginx answering a fixed
# JSON body on another loopback port (the ceiling for "tiny handler" throughput on this machine).
#
# Usage: Benchmarks/http/load.sh URL
#   (Benchmarks/http/HTTPBench/main.swift is a server of the HTTP module alone to point it at; its
#   header says how to build it.)
#   URL          a running server, e.g. http://127.0.0.1:8080/predict?user=1&movie=50
# Environment (all optional):
#   DURATION=10s  CONNECTIONS="1 16 64 256"  THREADS=1 (wrk threads)  NGINX_PORT=18080
#   NGINX_WORKERS=<nproc>  NGINX_BODY='{"user":"1","movie":"50","score":3.9}'  SKIP_NGINX=1
#
# wrk, nginx and the server share the machine's cores, so figures are relative, not absolute:
# compare the two rows for the same connection count.
set -euo pipefail

url=${1:?usage: load.sh URL}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-"1 16 64 256"}
threads=${THREADS:-1}
nginx_port=${NGINX_PORT:-18080}
nginx_workers=${NGINX_WORKERS:-$(nproc)}
nginx_body=${NGINX_BODY:-'{"user":"1","movie":"50","score":3.9}'}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

# Path and query of the URL, reused against nginx so both servers see the same request line.
path_and_query=/${url#*://*/}
[[ $url == *://*/* ]] || path_and_query=/

nginx_dir=""
nginx_pid=""
cleanup() {
    if [[ -n $nginx_pid ]] && kill -0 "$nginx_pid" 2>/dev/null; then
        kill -QUIT "$nginx_pid"
        for _ in $(seq 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
    fi
    [[ -n $nginx_dir ]] && rm -rf "$nginx_dir"
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
    nginx -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/error.log" -g 'daemon off;' &
    nginx_pid=$!
    for _ in $(seq 50); do
        curl -fsS "http://127.0.0.1:$nginx_port/" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "nginx did not start; see $nginx_dir/error.log" >&2
    exit 1
}

# One wrk run; prints "label connections req/s p50 p99 errors".
measure() {
    local label=$1 target=$2 conns=$3
    local wrk_threads=$(( threads < conns ? threads : conns ))
    local output
    output=$(wrk -t "$wrk_threads" -c "$conns" -d "$duration" --latency "$target")
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$output")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$output")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$output")
    errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0}' <<<"$output")
    printf '%-8s %6s %12s %10s %10s  %s\n' "$label" "$conns" "$rps" "$p50" "$p99" "${errors:-none}"
}

curl -fsS -o /dev/null "$url" || { echo "no answer from $url" >&2; exit 1; }
[[ -n ${SKIP_NGINX:-} ]] || start_nginx

printf '%-8s %6s %12s %10s %10s  %s\n' target conns "req/s" p50 p99 errors
for conns in $connections; do
    measure server "$url" "$conns"
    [[ -n ${SKIP_NGINX:-} ]] || measure nginx "http://127.0.0.1:$nginx_port$path_and_query" "$conns"
done
