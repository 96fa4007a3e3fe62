#!/bin/sh
# Batch benchmark (issue 13), reported, never enforced:
# 1. A whole year of an organisation's documents (bench/year/manifest.txtpb:
#    20 meeting records, the annual report and 14 protokollsutdrag, each to
#    PDF and DOCX: 70 files) rendered by ONE `kansli render --manifest` call
#    against one CLI call per file, in the same hyperfine run.
# 2. 1 000 PDFs (copies of the AU protokoll) in one `kansli render` call.
# 3. Warm renders through the C API: one context, one thread and all cores
#    (bench/batch/warm_bench.cc).
# Usage: bench/batch/run.sh [BUILD-DIR] [JOBS]
# Use a Release or RelWithDebInfo build; the build type is printed.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
jobs=${2:-$(nproc)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --build "$build" --target kansli warm_bench -j2 >/dev/null
kansli="$build/core/kansli"
year="$root/bench/year"
example="$root/examples/protokoll-au-2026-03-04.txtpb"
echo "build: $(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt"); -j $jobs; $(nproc) cores"

# One CLI call per output file, from the manifest's lines
# `document { input: "X" }` and `document { input: "X" extract: [21, 22] }`.
mkdir -p "$tmp/out"
sed -n 's/^document { input: "\([^"]*\)"\( extract: \[\([0-9, ]*\)\]\)\? }$/\1|\3/p' "$year/manifest.txtpb" |
  while IFS='|' read -r input items; do
    extract=${items:+--extract $(echo "$items" | tr -d ' ')}
    for e in pdf docx; do echo "\"$kansli\" render \"$year/$input\" $extract -o \"$tmp/out/single.$e\""; done
  done >"$tmp/per-file.sh"
echo "year: $(grep -c '^document' "$year/manifest.txtpb") documents in the manifest;" \
  "$(wc -l <"$tmp/per-file.sh") CLI calls for the same files"
one_call="$kansli render --manifest $year/manifest.txtpb --outdir $tmp/out/year -j $jobs"
$one_call >/dev/null
echo "files written by the one call: $(ls "$tmp/out/year" | wc -l)"

hyperfine -N --warmup 2 --runs 10 --export-markdown "$tmp/year.md" \
  -n "whole year (70 files), one kansli render call" "$one_call" \
  -n "whole year (70 files), 70 CLI calls" "sh $tmp/per-file.sh"
cat "$tmp/year.md"
echo

mkdir -p "$tmp/thousand"
for n in $(seq 1 1000); do cp "$example" "$tmp/thousand/p$n.txtpb"; done
hyperfine -N --warmup 1 --runs 3 --export-markdown "$tmp/thousand.md" \
  -n "1000 PDFs, one call" "$kansli render $tmp/thousand --outdir $tmp/out/thousand -f pdf -j $jobs"
cat "$tmp/thousand.md"
echo

echo "== Warm renders through the C API ($(basename "$example"))"
"$build/bench/batch/warm_bench" "$example" pdf 1000 1
"$build/bench/batch/warm_bench" "$example" pdf 1000 "$jobs"
"$build/bench/batch/warm_bench" "$example" docx 1000 "$jobs"
