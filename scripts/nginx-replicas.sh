#!/usr/bin/env bash
# Runs nginx in the foreground as a round-robin reverse proxy in front of movierec
# replicas on this machine: the topology of deploy/ (there in containers), for the
# replica test and the benchmarks.
#
#   scripts/nginx-replicas.sh DIR LISTEN_PORT REPLICA_PORT...
#
# Writes DIR/nginx.conf (pid, logs and temp files all inside DIR, so it runs as any
# user) and execs `nginx -p DIR -c DIR/nginx.conf` with `daemon off`. Idempotent GETs
# that meet a dead replica (connection error, timeout, 502, 503) are retried on the next
# one; POSTs are not, since a retried write that had reached a replica could be applied
# twice (harmless for ratings, which are idempotent, but nginx cannot know that).
set -euo pipefail
dir="${1:?usage: nginx-replicas.sh DIR LISTEN_PORT REPLICA_PORT...}"
listen="${2:?listen port missing}"
shift 2
[ "$#" -ge 1 ] || { echo "nginx-replicas: no replica ports" >&2; exit 1; }
mkdir -p "$dir/tmp"
dir="$(cd "$dir" && pwd)"
servers=""
for port in "$@"; do servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'; done
# As root nginx would switch its workers to `nobody`, who cannot write DIR.
user_line=""
if [ "$(id -u)" -eq 0 ]; then user_line="user root;"; fi
cat > "$dir/nginx.conf" <<CONF
$user_line
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    upstream movierec {
$servers        keepalive 64;
    }
    server {
        listen 127.0.0.1:$listen;
        location / {
            proxy_pass http://movierec;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_connect_timeout 1s;
            proxy_read_timeout 30s;
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 3;
        }
    }
}
CONF
exec nginx -p "$dir" -c "$dir/nginx.conf"
