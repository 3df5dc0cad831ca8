#!/usr/bin/env bash
# Brings movierec up on real MovieLens 100k: installs the system libraries if they
# are missing, builds a release binary, fetches the data, imports it into SQLite
# (once) and serves it with the model shipped in models/.
# Usage: scripts/serve-ml100k.sh [--port 8080] [other `movierec serve` flags]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product movierec
bin="$(swift build -c release --show-bin-path)/movierec"
scripts/fetch-ml100k.sh data/ml-100k
if [ ! -f data/movierec.sqlite ]; then
    "$bin" import data/ml-100k --db data/movierec.sqlite
fi
exec "$bin" serve --db data/movierec.sqlite --model models/movierec.safetensors "$@"
