#!/bin/sh
# Issue 13, point 5: peak RSS of `kansli render` for a long protokoll of
# 500, 1 000 and 2 000 pages (bench/memory/big_protokoll.py), tagged (the
# default) and untagged (-O tagged=no -O object-streams=no), in process
# (--isolation never), so that the figure is the whole render's. The target
# is at most 100 MiB at 2 000 pages tagged, growing linearly. A figure, never
# enforced (no timed or measured unit test).
# Usage: bench/memory/peak_rss.sh [BUILD-DIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
kansli=$build/core/kansli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

peak() {  # peak RSS in KiB of one render of $1 with the options that follow
  input=$1
  shift
  /usr/bin/time -f %M "$kansli" render --isolation never "$input" -o "$tmp/out.pdf" "$@" 2>&1 >/dev/null | tail -1
}

# "KiB/page": what the pages added since the row before cost, tagged (the
# same figure in each row: linear).
printf '%6s %14s %14s %10s\n' pages "tagged KiB" "untagged KiB" "KiB/page"
last_pages=0
last_tagged=0
for pages in 500 1000 2000; do
  /usr/bin/python3 "$root/bench/memory/big_protokoll.py" "$root/examples/protokoll-au-2026-03-04.txtpb" \
    "$pages" >"$tmp/long.txtpb"
  tagged=$(peak "$tmp/long.txtpb")
  actual=$(pdfinfo "$tmp/out.pdf" | awk '/^Pages/ {print $2}')
  untagged=$(peak "$tmp/long.txtpb" -O tagged=no -O object-streams=no)
  marginal=-
  [ "$last_pages" -gt 0 ] && marginal=$(((tagged - last_tagged) / (actual - last_pages)))
  printf '%6s %14s %14s %10s\n' "$actual" "$tagged" "$untagged" "$marginal"
  last_pages=$actual
  last_tagged=$tagged
done
