#!/usr/bin/env bash
# Eight clients that pipeline 1,400 `GET /similar/50?k=1000` each and never read, against the
# release build of this tree and against BEFORE (another release `movierec`, such as one built
# from main), alternating for ROUNDS rounds: resident memory and /health latency from fresh
# connections, idle and under the attack (Benchmarks/http/hostile-readers.py does the measuring).
# Usage: Benchmarks/http/hostile-readers.sh BEFORE_BINARY [ROUNDS=3]   (from the repository root)
#   git worktree add /tmp/movierec-main main && (cd /tmp/movierec-main && swift build -c release)
#   Benchmarks/http/hostile-readers.sh /tmp/movierec-main/.build/release/movierec
set -euo pipefail
before=${1:?usage: hostile-readers.sh BEFORE_BINARY [ROUNDS]}
rounds=${2:-3}
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
swift build -c release --product movierec >/dev/null
after="$(swift build -c release --show-bin-path)/movierec"
scripts/fetch-ml100k.sh data/ml-100k >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$after" import data/ml-100k --db "$work/base.sqlite" >/dev/null 2>&1
uptime
python3 Benchmarks/http/hostile-readers.py --db "$work/base.sqlite" --bin "before=$before" --bin "after=$after" \
    --rounds "$rounds"
