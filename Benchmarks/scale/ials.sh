#!/usr/bin/env bash
# iALS at scale: one `movierec train --models ials` per synthetic set (`movierec generate`,
# 160k users, 60k movies) at 1M, 10M and 25M ratings, trained straight from the generated
# files for a few epochs on every rating (no holdout), under /usr/bin/time -v. Reports the
# seconds of each epoch (wall and CPU), the whole run's wall time and peak RSS, and the load
# average, into the iALS section of Benchmarks/scale/RESULTS.md (the rest of the file is
# run.sh's and is left as it is).
#
# Usage: Benchmarks/scale/ials.sh           (release build; apt-get install time if missing)
# Environment (all optional):
#   SIZES, USERS, MOVIES, SEED, EPOCHS, WORK, KEEP as in common.sh (KEEP=1 keeps the
#   generated files and models, about 1 GB at 25M); IALS_FLAGS="--ials-threads 2" (extra
#   flags for train).
set -euo pipefail
cd "$(dirname "$0")/../.."
ials_flags=${IALS_FLAGS:---ials-threads 2}
# shellcheck source=Benchmarks/scale/common.sh
. Benchmarks/scale/common.sh

declare -a rows=() commands=()
for n in $sizes; do
    data=$work/gen-$n model=$work/ials-$n.safetensors
    generate "$n"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    echo "== iALS on $n ratings, $epochs epochs (load $load)" >&2
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$work/ials-$n.time" "$bin" train --data "$data" --models ials --holdout none \
        --ials-epochs "$epochs" --out "$model" $ials_flags | tee "$work/ials-$n.log" >&2
    # "ials epoch E: loss L | S s (C s CPU)": wall and CPU per epoch; epoch 1's CPU also counts set-up.
    epoch_walls=$(awk '/^ials epoch [0-9]+:/ {for (i = 1; i < NF; i++) if ($(i+1) == "s") {printf "%s%.2f", sep, $i; sep = ", "; break}}' "$work/ials-$n.log")
    mean_wall=$(awk '/^ials epoch [0-9]+:/ {for (i = 1; i < NF; i++) if ($(i+1) == "s") {sum += $i; count++; break}} END {printf "%.2f", sum / count}' "$work/ials-$n.log")
    mean_cpu=$(awk '/^ials epoch [0-9]+:/ && $3 != "1:" {sub(/.*\(/, ""); sum += $1; count++} END {if (count) printf "%.2f", sum / count; else print "–"}' "$work/ials-$n.log")
    wall=$(wall_s "$work/ials-$n.time")
    rss=$(mib "$(peak_kb "$work/ials-$n.time")")
    rows+=("| $(millions "$n") | $epoch_walls | $mean_wall s | $mean_cpu s | $wall s | $rss MiB | $load |")
    commands+=("movierec generate --ratings $n --users $users --movies $movies --seed $seed --out DIR"
               "/usr/bin/time -v movierec train --data DIR --models ials --holdout none --ials-epochs $epochs --out MODEL $ials_flags")
    [ -n "${KEEP:-}" ] || rm -rf "$data" "$model"
done

section=$(
    echo "<!-- ials:begin (Benchmarks/scale/ials.sh writes this section) -->"
    echo "## iALS epochs at 1M–25M ratings"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), shared with other"
    echo "work; release build; iALS with the default configuration (64 factors, 3 warm-started CG steps per row)"
    echo "${ials_flags:+plus \`$ials_flags\` }for $epochs epochs on every rating of the synthetic sets above. An epoch is a user"
    echo "step and a movie step over all rows. CPU seconds (epochs 2+) beside wall clock because the"
    echo "machine is shared; the load average (1, 5, 15 min) was read just before each run."
    echo
    echo "| ratings | epoch wall s (each) | mean epoch wall | mean epoch CPU | train wall (read + index + epochs + write) | peak RSS | load before |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo '```sh'
    printf '%s\n' "${commands[@]}" | awk '!seen[$0]++' | sed 's/ *$//'
    echo '```'
    echo "<!-- ials:end -->"
)
# Replace the section if the file has one, else append it.
if grep -q '<!-- ials:begin' "$out" 2>/dev/null; then
    awk -v section="$section" '/<!-- ials:begin/ {print section; skip = 1} /<!-- ials:end -->/ {skip = 0; next} !skip' "$out" >"$out.tmp"
    mv "$out.tmp" "$out"
else
    printf '\n%s\n' "$section" >>"$out"
fi
echo "$section"
