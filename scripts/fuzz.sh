#!/usr/bin/env bash
# Fuzzes the HTTP request parser with libFuzzer and the address sanitizer for SECONDS (default 60),
# starting from the seed requests in Fuzz/corpus. Fails on any crash, leak, timeout or split
# mismatch, and leaves the input that caused it in the printed artifact directory.
#
#   scripts/fuzz.sh            # one minute
#   scripts/fuzz.sh 3600       # an hour, for a change to the parser
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
seconds="${1:-60}"

# -sanitize=fuzzer,address links libFuzzer and ASan into the executable. Gold fails on this link
# (an internal error in its DWARF reader), so the toolset makes swiftc link with lld.
swift build -c release --build-path .build-fuzz --toolset lld-toolset.json \
    -Xswiftc -sanitize=fuzzer,address
fuzzer=".build-fuzz/release/movierec-fuzz-request-parser"

# New inputs go to a scratch directory, so the committed seeds stay as they are.
work="$(mktemp -d)"
trap 'rm -rf "$work/corpus"' EXIT
mkdir -p "$work/corpus" "$work/artifacts"
# Swift's own crash backtracer is turned off so that libFuzzer reports the crash and saves the input.
# An input parses in microseconds; the 30 s per-input limit still catches a hang but not a stall of
# a shared machine (a 5 s limit once fired on an input that replays in 0.2 s under a load of 10).
if ! SWIFT_BACKTRACE=enable=no "$fuzzer" "$work/corpus" corpus \
    -max_total_time="$seconds" -max_len=4096 -timeout=30 -rss_limit_mb=2048 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 >"$work/log" 2>&1; then
    grep -E 'Fatal error|ERROR: libFuzzer|ERROR: AddressSanitizer|ERROR: LeakSanitizer|SUMMARY|Test unit written' \
        "$work/log" >&2 || tail -n 40 "$work/log" >&2
    echo "fuzz: failed; inputs that caused it are in $work/artifacts" >&2
    exit 1
fi
grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log" || true
rm -rf "$work"
