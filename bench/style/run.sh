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
