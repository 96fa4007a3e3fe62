#!/bin/sh
# House style benchmark (issue 15): the same protokoll to PDF unstyled and in
# the example house style (logo, letterhead, DejaVu Serif, margins), timed by
# hyperfine in one run, with the output sizes. Target: styled at most 20 %
# slower than unstyled.
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

hyperfine -N --warmup 5 --runs 40 --export-json "$tmp/times.json" --export-markdown "$tmp/times.md" \
  -n "unstyled" "$kansli render $example -f pdf -o $tmp/plain.pdf" \
  -n "styled" "$kansli render $example -f pdf --style $style -o $tmp/styled.pdf"
cat "$tmp/times.md"
python3 -c '
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
print("\nstyled / unstyled: %.2f (target <= 1.20)" % (r["styled"] / r["unstyled"]))
' "$tmp/times.json"
echo "size unstyled: $(stat -c %s "$tmp/plain.pdf") bytes ($(pdfinfo "$tmp/plain.pdf" | awk '/^Pages/ {print $2}') pages)"
echo "size styled:   $(stat -c %s "$tmp/styled.pdf") bytes ($(pdfinfo "$tmp/styled.pdf" | awk '/^Pages/ {print $2}') pages)"

# The same in one warm process: every example record, five copies each, in
# one batch call on one thread, unstyled against styled. Fonts, subsets and
# the logo are then paid for once per process, as in a year's batch.
mkdir -p "$tmp/batch"
for n in 1 2 3 4 5; do
  for f in "$root"/examples/protokoll-*.txtpb "$root"/examples/minnesanteckningar-*.txtpb \
    "$root"/examples/sammantrade-*.txtpb; do
    cp "$f" "$tmp/batch/$(basename "$f" .txtpb)-$n.txtpb"
  done
done
count=$(ls "$tmp/batch" | wc -l)
hyperfine -N --warmup 1 --runs 10 --export-json "$tmp/warm.json" --export-markdown "$tmp/warm.md" \
  -n "unstyled, $count records in one call" "$kansli render $tmp/batch --outdir $tmp/out-plain -f pdf -j 1" \
  -n "styled, $count records in one call" "$kansli render $tmp/batch --outdir $tmp/out-styled -f pdf -j 1 --style $style"
cat "$tmp/warm.md"
python3 -c '
import json, sys
r = [x["mean"] for x in json.load(open(sys.argv[1]))["results"]]
print("\nwarm: styled / unstyled: %.2f (target <= 1.20)" % (r[1] / r[0]))
' "$tmp/warm.json"
