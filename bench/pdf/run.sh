#!/bin/sh
# PDF exporter benchmark: `kansli render EXAMPLE -f pdf` against the floor (a
# minimal libharu program writing the same text with the same fonts) and
# against itself untagged (-O tagged=no -O object-streams=no: the file as it
# was before tagging; issue 10 allows tagging +15 % time and bytes), all
# timed by hyperfine in one run, peak memory by /usr/bin/time -v, and the
# output sizes.
# Usage: bench/pdf/run.sh [BUILD-DIR] [EXAMPLE]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
example=${2:-$root/examples/protokoll-au-2026-03-04.txtpb}
fonts=/usr/share/fonts/truetype/liberation2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --build "$build" --target kansli kansli-exporter-pdf pdf_floor -j2 >/dev/null
kansli="$build/core/kansli"
floor="$build/bench/pdf/pdf_floor"

"$kansli" render "$example" -f pdf -o "$tmp/kansli.pdf"
untagged="-O tagged=no -O object-streams=no"
"$kansli" render "$example" -f pdf $untagged -o "$tmp/untagged.pdf"
"$kansli" render "$example" -f pdf -O object-streams=no -o "$tmp/no-objstm.pdf"
pdftotext -raw "$tmp/kansli.pdf" "$tmp/text.txt"   # the same text for the floor
"$floor" "$tmp/text.txt" "$fonts" "$tmp/floor.pdf"

hyperfine -N --warmup 5 --runs 50 --export-markdown "$tmp/times.md" \
  -n "kansli render -f pdf" "$kansli render $example -f pdf -o $tmp/kansli.pdf" \
  -n "untagged ($untagged)" "$kansli render $example -f pdf $untagged -o $tmp/untagged.pdf" \
  -n "tagged, no object streams" "$kansli render $example -f pdf -O object-streams=no -o $tmp/no-objstm.pdf" \
  -n "floor (libharu only)" "$floor $tmp/text.txt $fonts $tmp/floor.pdf"
cat "$tmp/times.md"

rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'; }
echo
echo "peak RSS kansli render: $(rss "$kansli" render "$example" -f pdf -o "$tmp/kansli.pdf") KiB"
echo "peak RSS floor:         $(rss "$floor" "$tmp/text.txt" "$fonts" "$tmp/floor.pdf") KiB"
echo "size kansli render: $(stat -c %s "$tmp/kansli.pdf") bytes ($(pdfinfo "$tmp/kansli.pdf" | awk '/^Pages/ {print $2}') pages)"
echo "size untagged:       $(stat -c %s "$tmp/untagged.pdf") bytes"
echo "size tagged, no object streams: $(stat -c %s "$tmp/no-objstm.pdf") bytes"
echo "size floor:         $(stat -c %s "$tmp/floor.pdf") bytes"
# Instructions (callgrind), which a loaded machine does not blur.
if command -v valgrind >/dev/null; then
  ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $4}'; }
  echo "instructions tagged:   $(ir "$kansli" render "$example" -f pdf -o "$tmp/kansli.pdf")"
  echo "instructions untagged: $(ir "$kansli" render "$example" -f pdf $untagged -o "$tmp/untagged.pdf")"
fi
