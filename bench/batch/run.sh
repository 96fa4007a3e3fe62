#!/bin/sh
# Batch benchmark (issue 13): a whole year of an organisation's documents
# rendered by one `kansli render ... --outdir` call against one CLI call per
# file, in the same hyperfine run; then 1 000 PDFs in one call.
# The year is generated from examples/ into a temporary directory: 20
# meeting records (the four meeting-record examples, five copies each), the
# annual report, and 14 protokollsutdrag (copies of the AU protokoll with
# --extract 21), each to PDF and DOCX: 70 files. Extracts take their item
# list per call, so the year is two batch calls (documents, extracts).
# Usage: bench/batch/run.sh [BUILD-DIR] [JOBS]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
jobs=${2:-$(nproc)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --build "$build" --target kansli -j2 >/dev/null
kansli="$build/core/kansli"
ex="$root/examples"

mkdir -p "$tmp/year/docs" "$tmp/year/extracts" "$tmp/thousand" "$tmp/out"
for n in 1 2 3 4 5; do
  for f in "$ex"/protokoll-*.txtpb "$ex"/minnesanteckningar-*.txtpb; do
    cp "$f" "$tmp/year/docs/$(basename "$f" .txtpb)-$n.txtpb"
  done
done
cp "$ex/arsredovisning-2025.txtpb" "$tmp/year/docs/"
for n in $(seq 1 14); do cp "$ex/protokoll-au-2026-03-04.txtpb" "$tmp/year/extracts/utdrag-$n.txtpb"; done
for n in $(seq 1 1000); do cp "$ex/protokoll-au-2026-03-04.txtpb" "$tmp/thousand/p$n.txtpb"; done
echo "year: $(ls "$tmp/year/docs" | wc -l) documents + $(ls "$tmp/year/extracts" | wc -l) extracts, pdf and docx; -j $jobs"

# One CLI call per output file, as a script run by sh.
{
  for f in "$tmp/year/docs"/*.txtpb; do
    for e in pdf docx; do echo "\"$kansli\" render \"$f\" -o \"$tmp/out/single.$e\""; done
  done
  for f in "$tmp/year/extracts"/*.txtpb; do
    for e in pdf docx; do echo "\"$kansli\" render \"$f\" --extract 21 -o \"$tmp/out/single.$e\""; done
  done
} >"$tmp/per-file.sh"
cat >"$tmp/batch.sh" <<SH
"$kansli" render "$tmp/year/docs" --outdir "$tmp/out/year" -f pdf,docx -j $jobs >/dev/null
"$kansli" render "$tmp/year/extracts" --extract 21 --outdir "$tmp/out/year" -f pdf,docx -j $jobs >/dev/null
SH
sh "$tmp/batch.sh"
echo "files written by the batch: $(ls "$tmp/out/year" | wc -l)"

hyperfine -N --warmup 2 --runs 10 --export-markdown "$tmp/year.md" \
  -n "whole year, 2 batch calls" "sh $tmp/batch.sh" \
  -n "whole year, 70 CLI calls" "sh $tmp/per-file.sh"
cat "$tmp/year.md"
echo
hyperfine -N --warmup 1 --runs 3 --export-markdown "$tmp/thousand.md" \
  -n "1000 PDFs, one call" "$kansli render $tmp/thousand --outdir $tmp/out/thousand -f pdf -j $jobs"
cat "$tmp/thousand.md"
