#!/bin/sh
# House style benchmark (issue 15): the same protokoll to PDF unstyled and in
# the example house style (logo, letterhead, DejaVu typefaces by family name,
# margins). Target: styled at most 20 % slower than unstyled.
#
# Three figures, each as styled / unstyled:
#   elapsed   hyperfine medians, three rounds that alternate the two commands
#             (a shared machine drifts), and the median of the rounds' ratios
#   CPU       user + system time of the same runs
#   work      instructions counted by callgrind (when valgrind is installed):
#             the one figure a loaded machine does not disturb
# first as one process per document, then every example record five times
# (35 records) in one batch call on one thread.
# Usage: bench/style/run.sh [BUILD-DIR] [EXAMPLE] [STYLE]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
example=${2:-$root/examples/protokoll-au-2026-03-04.txtpb}
style=${3:-$root/examples/husstil/sormland.txtpb}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --build "$build" --target kansli kansli-exporter-pdf -j2 >/dev/null
kansli="$build/core/kansli"

mkdir -p "$tmp/batch"
for n in 1 2 3 4 5; do
  for f in "$root"/examples/protokoll-*.txtpb "$root"/examples/minnesanteckningar-*.txtpb \
    "$root"/examples/sammantrade-*.txtpb; do
    cp "$f" "$tmp/batch/$(basename "$f" .txtpb)-$n.txtpb"
  done
done
count=$(ls "$tmp/batch" | wc -l)

# compare NAME RUNS UNSTYLED-COMMAND STYLED-COMMAND
compare() {
  name=$1 runs=$2 plain=$3 styled=$4
  for round in 1 2 3; do
    hyperfine -N --warmup 2 --runs "$runs" --export-json "$tmp/$name-$round.json" \
      -n unstyled "$plain" -n styled "$styled" >/dev/null
  done
  python3 - "$name" "$tmp"/"$name"-*.json <<'PY'
import json, statistics, sys
name, files = sys.argv[1], sys.argv[2:]
rows = []
for f in files:
    r = {x["command"]: x for x in json.load(open(f))["results"]}
    rows.append({k: (r[k]["median"], r[k]["user"] + r[k]["system"]) for k in ("unstyled", "styled")})
def ms(v): return "%.1f ms" % (v * 1000)
for i, r in enumerate(rows, 1):
    print("  round %d: elapsed %s / %s = %.2f, CPU %s / %s = %.2f" % (
        i, ms(r["styled"][0]), ms(r["unstyled"][0]), r["styled"][0] / r["unstyled"][0],
        ms(r["styled"][1]), ms(r["unstyled"][1]), r["styled"][1] / r["unstyled"][1]))
print("%s: styled / unstyled, median of the rounds: elapsed %.2f, CPU %.2f (target <= 1.20)" % (
    name, statistics.median(r["styled"][0] / r["unstyled"][0] for r in rows),
    statistics.median(r["styled"][1] / r["unstyled"][1] for r in rows)))
PY
  if command -v valgrind >/dev/null; then
    # shellcheck disable=SC2086
    a=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null $plain 2>&1 | sed -n 's/.*Collected : //p')
    # shellcheck disable=SC2086
    b=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null $styled 2>&1 | sed -n 's/.*Collected : //p')
    python3 -c 'import sys; a, b = int(sys.argv[2]), int(sys.argv[3]); print("%s: work %.1f M / %.1f M instructions = %.2f" % (sys.argv[1], b / 1e6, a / 1e6, b / a))' "$name" "$a" "$b"
  fi
}

echo "One protokoll, one process per document:"
compare single 30 "$kansli render $example -f pdf -o $tmp/plain.pdf" \
  "$kansli render $example -f pdf --style $style -o $tmp/styled.pdf"
echo "  size unstyled: $(stat -c %s "$tmp/plain.pdf") bytes ($(pdfinfo "$tmp/plain.pdf" | awk '/^Pages/ {print $2}') pages)"
echo "  size styled:   $(stat -c %s "$tmp/styled.pdf") bytes ($(pdfinfo "$tmp/styled.pdf" | awk '/^Pages/ {print $2}') pages)"

# The same in one warm process: fonts, subsets and the logo are then paid
# for once per process, as in a year's batch.
echo "$count records in one batch call, one thread:"
compare batch 5 "$kansli render $tmp/batch --outdir $tmp/out-plain -f pdf -j 1" \
  "$kansli render $tmp/batch --outdir $tmp/out-styled -f pdf -j 1 --style $style"
