# Shared by run.sh and ials.sh (sourced, from the repository root): the synthetic sets'
# sizes, a release build, a work directory removed on exit unless KEEP=1, the data set
# generated on demand, and readers of /usr/bin/time -v reports.
# Environment (all optional): SIZES="1000000 10000000 25000000" USERS=160000 MOVIES=60000
#   SEED=1 EPOCHS=3 WORK=<dir for generated files> KEEP=1
root=$(pwd)
sizes=${SIZES:-"1000000 10000000 25000000"}
users=${USERS:-160000}
movies=${MOVIES:-60000}
seed=${SEED:-1}
epochs=${EPOCHS:-3}
work=${WORK:-$(mktemp -d /tmp/movierec-scale.XXXXXX)}
out=Benchmarks/scale/RESULTS.md

[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
swift build -c release --product movierec >&2
bin=$root/.build/release/movierec
mkdir -p "$work"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

# generate N: the synthetic set of N ratings in $work/gen-N (kept for later steps), with
# its log (planted RMSE) in $work/gen-N.log
generate() {
    [ -f "$work/gen-$1/ratings.csv" ] && return
    echo "== generating $1 ratings" >&2
    "$bin" generate --ratings "$1" --users "$users" --movies "$movies" --seed "$seed" --out "$work/gen-$1" | tee "$work/gen-$1.log" >&2
}

# peak KB, wall seconds and CPU seconds from a /usr/bin/time -v report
peak_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
wall_s() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1"; }
cpu_s() { awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$1"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
# 25000000 → 25M
millions() { awk -v n="$1" 'BEGIN {printf "%gM", n / 1e6}'; }
