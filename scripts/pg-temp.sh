#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks, in a directory of its own.
#
#   scripts/pg-temp.sh start DIR [--watch PID]  # initdb + start; prints postgres://movierec@127.0.0.1:PORT/movierec
#   scripts/pg-temp.sh createdb DIR NAME        # another empty database; prints its URL
#   scripts/pg-temp.sh stop DIR                 # fast shutdown (the directory stays; remove it yourself)
#
# The server listens on 127.0.0.1 on a free port, keeps its unix socket in DIR, trusts
# local connections (role `movierec`, superuser) and keeps fsync and synchronous_commit
# on, so durability tests mean something. With --watch PID a watchdog stops the server
# when PID exits, so a crashed test leaves no server behind.
#
# initdb and postgres refuse to run as root: as root, the cluster belongs to the `postgres`
# system user (else `nobody`) and the server runs as that user via runuser/su. When that
# user cannot reach DIR (a private temp directory of root's), the cluster and its socket
# live in a directory of their own under /tmp, named in DIR/cluster and removed by stop.
# Binaries: $PG_BIN, else `pg_config --bindir`, else /usr/lib/postgresql/*/bin, else PATH.
# Exit status 3 means no PostgreSQL server binaries were found.
set -euo pipefail

self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
die() { echo "pg-temp: $*" >&2; exit 1; }

find_bin() {
    local candidates=()
    [ -n "${PG_BIN:-}" ] && candidates+=("$PG_BIN")
    if command -v pg_config >/dev/null 2>&1; then candidates+=("$(pg_config --bindir)"); fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do candidates+=("$dir"); done
    for dir in "${candidates[@]}"; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return; fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"; return
    fi
    echo "pg-temp: no PostgreSQL server binaries (initdb, pg_ctl, postgres) found; install Debian's postgresql or set PG_BIN" >&2
    exit 3
}

# Runs a command as the server's owner: ourselves, or a system user when we are root.
owner=""
as_owner() {
    if [ -z "$owner" ]; then "$@"; return; fi
    if command -v runuser >/dev/null 2>&1; then
        runuser -u "$owner" -- "$@"
    else
        su -s /bin/sh "$owner" -c "$(printf '%q ' "$@")"
    fi
}

pick_owner() {
    if [ "$(id -u)" -ne 0 ]; then return; fi
    if id postgres >/dev/null 2>&1; then owner=postgres; else owner=nobody; fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

url_for() { echo "postgres://movierec@127.0.0.1:$(cat "$1/port")/$2"; }

command="${1:-}"; dir="${2:-}"
[ -n "$command" ] && [ -n "$dir" ] || die "usage: pg-temp.sh start|createdb|stop DIR ..."

case "$command" in
start)
    watch=""
    if [ "${3:-}" = "--watch" ]; then watch="${4:?--watch needs a PID}"; fi
    bin="$(find_bin)"
    pick_owner
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    cluster="$dir"
    if [ -n "$owner" ]; then
        chown "$owner" "$dir"
        if ! as_owner test -w "$dir"; then
            cluster="$(mktemp -d /tmp/movierec-pg.XXXXXX)"
            chown "$owner" "$cluster"
        fi
    fi
    echo "$cluster" > "$dir/cluster"
    if [ ! -f "$cluster/data/PG_VERSION" ]; then
        as_owner "$bin/initdb" -D "$cluster/data" -U movierec --auth=trust -E UTF8 --no-locale --no-sync \
            >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi
    started=""
    for _ in 1 2 3 4 5; do
        port="$(free_port)"
        if as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 30 start \
            -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on -c synchronous_commit=on" \
            >/dev/null 2>&1; then
            started=yes; break
        fi
    done
    [ -n "$started" ] || { tail -n 20 "$cluster/server.log" >&2 || true; die "the server did not start"; }
    echo "$port" > "$dir/port"
    echo "$bin" > "$dir/bin"
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U movierec movierec 2>/dev/null || true
    if [ -n "$watch" ]; then
        # Detached from our stdout, so a caller reading it sees EOF once we exit.
        nohup setsid bash -c "while kill -0 $watch 2>/dev/null; do sleep 1; done; \"$self\" stop \"$dir\"" \
            >/dev/null 2>&1 < /dev/null &
    fi
    url_for "$dir" movierec
    ;;
createdb)
    name="${3:?createdb needs a database name}"
    "$(cat "$dir/bin")/createdb" -h 127.0.0.1 -p "$(cat "$dir/port")" -U movierec "$name"
    url_for "$dir" "$name"
    ;;
stop)
    [ -f "$dir/bin" ] || exit 0
    pick_owner
    cluster="$(cat "$dir/cluster")"
    as_owner "$(cat "$dir/bin")/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -f "$dir/bin"
    if [ "$cluster" != "$dir" ]; then rm -rf "$cluster"; fi
    ;;
*)
    die "unknown command $command (start, createdb, stop)"
    ;;
esac
