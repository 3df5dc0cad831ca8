#!/usr/bin/env bash
# Performs the Dockerfile's steps outside a container, since no Docker engine runs on
# movierec's build machines: the static-stdlib release build, the runtime layout
# (binary, shipped model, a data volume), start-up with the image's command, the
# HEALTHCHECK probe, and a clean stop on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --static-swift-stdlib --product movierec
root="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$root"' EXIT
install -D "$(swift build -c release --show-bin-path)/movierec" "$root/usr/local/bin/movierec"
mkdir -p "$root/opt/movierec" "$root/var/lib/movierec"
cp -r models "$root/opt/movierec/models"

echo "== linked libraries (the runtime image provides these)"
ldd "$root/usr/local/bin/movierec" | awk '{print $1}' | sort
if ldd "$root/usr/local/bin/movierec" | grep -q libswiftCore; then
    echo "the binary links the Swift runtime dynamically; --static-swift-stdlib did not apply" >&2
    exit 1
fi

scripts/fetch-ml100k.sh data/ml-100k
"$root/usr/local/bin/movierec" import data/ml-100k --db "$root/var/lib/movierec/movierec.sqlite"

# The image's CMD, with port 0 instead of 8080 so parallel runs do not collide.
"$root/usr/local/bin/movierec" serve --host 127.0.0.1 --port 0 \
    --db "$root/var/lib/movierec/movierec.sqlite" \
    --model "$root/opt/movierec/models/movierec.safetensors" > "$root/serve.out" 2> "$root/serve.err" &
pid=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$root/serve.out" 2>/dev/null && break
    sleep 0.1
done
url="$(awk '/listening on/ {print $NF}' "$root/serve.out")"
[ -n "$url" ] || { cat "$root/serve.err" >&2; echo "server did not start" >&2; exit 1; }

echo "== HEALTHCHECK: curl -fsS $url/health"
curl -fsS "$url/health"
echo
curl -fsS "$url/predict?user=196&movie=242"
echo

kill -TERM "$pid"
wait "$pid"
echo "== stopped cleanly on SIGTERM"
