#!/bin/sh
# DOCX benchmark: whole-process `kansli render` of the protokoll example to
# DOCX against pandoc converting the same content from Markdown
# (protokoll-au-2026-03-04.md, written from the example's IR). Figures are
# reported, never enforced.
#   bench/docx/run.sh [BUILD_DIR]      (default: build)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 5 --min-runs 30 -N --export-markdown "$out/result.md" \
  -n "kansli render -f docx" \
  "$build/core/kansli render $root/examples/protokoll-au-2026-03-04.txtpb -f docx -o $out/kansli.docx" \
  -n "pandoc md -> docx" \
  "pandoc $here/protokoll-au-2026-03-04.md -o $out/pandoc.docx"
cat "$out/result.md"
