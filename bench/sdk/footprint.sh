#!/bin/sh
# Footprint of kansli for embedding: the stripped size of the core library
# and of the CLI (copies are stripped, the build is untouched), and the peak
# memory (maximum resident set size, GNU time) of rendering the protokoll
# example to each format `kansli plugins` lists.
#   bench/sdk/footprint.sh <build dir> [example]
set -eu
build=${1:?usage: footprint.sh BUILD_DIR [EXAMPLE]}
here=$(cd "$(dirname "$0")" && pwd)
example=${2:-$here/../../examples/protokoll-au-2026-03-04.txtpb}
cli=$build/core/kansli
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

size_of() {  # stripped size in bytes of a copy of $1
  cp "$1" "$scratch/stripped" && strip "$scratch/stripped" && stat -c %s "$scratch/stripped"
}
core=$(readlink -f "$build/core/libkansli_core.so")
proto=$(readlink -f "$build/proto/libkansli_proto.so")
printf '%-28s %10s %10s\n' "file" "bytes" "stripped"
for f in "$core" "$proto" "$cli" "$build"/plugins/*.so; do
  [ -f "$f" ] || continue
  printf '%-28s %10s %10s\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(size_of "$f")"
done

echo
printf '%-10s %14s %10s\n' "format" "peak RSS (KiB)" "output"
for format in $("$cli" plugins | awk 'NR > 1 && $1 != "-" && !/^ / {print $1}' | sort -u); do
  /usr/bin/time -f %M -o "$scratch/rss" "$cli" render "$example" -f "$format" -o "$scratch/out" 2>/dev/null
  printf '%-10s %14s %10s\n' "$format" "$(cat "$scratch/rss")" "$(stat -c %s "$scratch/out")"
done
# The process without rendering: loading the plugins and listing them.
/usr/bin/time -f %M -o "$scratch/rss" "$cli" plugins >/dev/null
printf '%-10s %14s\n' "(plugins)" "$(cat "$scratch/rss")"
