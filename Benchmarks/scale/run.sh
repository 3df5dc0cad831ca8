#!/usr/bin/env bash
# Scale benchmark: synthetic MovieLens-like sets (`movierec generate`, 160k users, 60k
# movies) at 1M, 10M and 25M ratings; for each, `movierec import` into a fresh SQLite store
# and `movierec train --models mf` for a few epochs from that store, each under
# /usr/bin/time -v. Reports import time and rate, seconds per MF epoch, peak RSS of each
# step, database and model file sizes, the growth ratios against the smallest size, and
# MF's validation RMSE beside the planted noise floor. Writes Benchmarks/scale/RESULTS.md,
# keeping the iALS section that Benchmarks/scale/ials.sh writes there.
#
# Usage: Benchmarks/scale/run.sh            (release build; apt-get install time if missing)
# Environment (all optional):
#   SIZES="1000000 10000000 25000000"  USERS=160000  MOVIES=60000  SEED=1  EPOCHS=3
#   MF_FLAGS="--threads 1"  (extra flags for train)   WORK=<dir for generated files>
#   KEEP=1 keeps the generated files, databases and models (they take ~4 GB at 25M).
set -euo pipefail
cd "$(dirname "$0")/../.."
mf_flags=${MF_FLAGS:-}
# shellcheck source=Benchmarks/scale/common.sh
. Benchmarks/scale/common.sh

declare -a rows=() commands=()
base_import="" base_epoch="" base_import_rss="" base_train_rss="" base_model="" base_n=""
for n in $sizes; do
    data=$work/gen-$n db=$work/gen-$n.sqlite model=$work/gen-$n.safetensors
    generate "$n"
    floor=$(sed -n 's/.*planted RMSE \([0-9.]*\).*/\1/p' "$work/gen-$n.log" 2>/dev/null || true)
    rm -f "$db" "$db-wal" "$db-shm"
    sync
    echo "== importing $n ratings" >&2
    /usr/bin/time -v -o "$work/import-$n.time" "$bin" import "$data" --db "$db" | tee "$work/import-$n.log" >&2
    sync
    echo "== training MF on $n ratings, $epochs epochs" >&2
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$work/train-$n.time" "$bin" train --models mf --db "$db" --epochs "$epochs" --out "$model" $mf_flags \
        | tee "$work/train-$n.log" >&2
    import_s=$(sed -n 's/.*; \([0-9.]*\) s, [0-9]* rows\/s$/\1/p' "$work/import-$n.log")
    rate=$(sed -n 's/.* \([0-9]*\) rows\/s$/\1/p' "$work/import-$n.log")
    # wall seconds of every epoch; CPU seconds of epochs 2+ (epoch 1's CPU also counts set-up)
    epoch_s=$(awk '/^epoch [0-9]+:/ {for (i = 1; i < NF; i++) if ($(i+1) == "s") {sum += $i; count++; break}} END {printf "%.2f", sum / count}' "$work/train-$n.log")
    epoch_cpu=$(awk '/^epoch [0-9]+:/ && $2 != "1:" {sub(/.*\(/, ""); sum += $1; count++} END {if (count) printf "%.2f", sum / count; else print "–"}' "$work/train-$n.log")
    val_rmse=$(sed -n 's/.*validation MAE .* RMSE \([0-9.]*\)$/\1/p' "$work/train-$n.log")
    train_wall=$(wall_s "$work/train-$n.time")
    import_cpu=$(cpu_s "$work/import-$n.time")
    import_rss=$(peak_kb "$work/import-$n.time") train_rss=$(peak_kb "$work/train-$n.time")
    db_mb=$(du -m "$db" | cut -f1) model_bytes=$(stat -c %s "$model")
    if [ -z "$base_n" ]; then
        base_n=$n base_import=$import_s base_import_cpu=$import_cpu base_epoch=$epoch_s base_epoch_cpu=$epoch_cpu base_import_rss=$import_rss base_train_rss=$train_rss base_model=$model_bytes
    fi
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f×", a / b}'; }
    rows+=("| $(millions "$n") | $import_s s ($rate rows/s; $import_cpu s CPU) | $epoch_s s ($epoch_cpu s CPU) | $train_wall s | $(mib "$import_rss") / $(mib "$train_rss") MiB | $db_mb MB | $(awk -v b="$model_bytes" 'BEGIN {printf "%.0f", b / 1e6}') MB | $val_rmse / $floor |")
    growth+=("| $(millions "$n") | $(ratio "$n" "$base_n") | $(ratio "$import_s" "$base_import") / $(ratio "$import_cpu" "$base_import_cpu") | $(ratio "$epoch_s" "$base_epoch") / $(ratio "$epoch_cpu" "$base_epoch_cpu") | $(ratio "$import_rss" "$base_import_rss") / $(ratio "$train_rss" "$base_train_rss") | $(ratio "$model_bytes" "$base_model") |")
    commands+=("movierec generate --ratings $n --users $users --movies $movies --seed $seed --out DIR"
               "/usr/bin/time -v movierec import DIR --db DB"
               "/usr/bin/time -v movierec train --models mf --db DB --epochs $epochs --out MODEL $mf_flags")
    [ -n "${KEEP:-}" ] || rm -f "$db" "$db-wal" "$db-shm"
done

# ials.sh's section, kept across rewrites.
ials_section=$(sed -n '/<!-- ials:begin/,/<!-- ials:end -->/p' "$out" 2>/dev/null || true)
{
    echo "# Scale: import, MF training and memory at 1M–25M ratings"
    echo
    echo "Synthetic MovieLens-like sets from \`movierec generate\` ($users users, $movies movies, seed $seed;"
    echo "Zipf popularity, power-law activity, planted rank-8 model plus noise σ = 0.5, half stars)."
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), shared"
    echo "with other work; release build; MF with the default flags (100 factors, SGD)${mf_flags:+ plus \`$mf_flags\`} for $epochs epochs"
    echo "validated on each user's newest rating (holdout last-1). Peak memory is /usr/bin/time's maximum RSS."
    echo "CPU seconds are given beside wall clock because the machine is shared: wall time includes waiting"
    echo "for a core ($(uptime | sed 's/.*load average: //') load average at the end of the run)."
    echo
    echo "| ratings | import wall (rate; CPU user + sys) | MF epoch wall (CPU) | train wall (load + split + epochs + write) | peak RSS import / train | database | model file | val RMSE / planted floor |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Growth against the smallest size (linear growth = the ratings ratio):"
    echo
    echo "| ratings | ratings × | import wall / CPU × | epoch wall / CPU × | peak RSS import / train × | model file × |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${growth[@]}"
    echo
    echo "Commands (per size; \`Benchmarks/scale/run.sh\` runs them all):"
    echo
    echo '```sh'
    printf '%s\n' "${commands[@]}" | awk '!seen[$0]++' | sed 's/ *$//'
    echo '```'
    if [ -n "$ials_section" ]; then echo; echo "$ials_section"; fi
} >"$out"
cat "$out"
