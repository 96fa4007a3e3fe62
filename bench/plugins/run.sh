#!/bin/sh
# Issue 11: what running an exporter isolated costs, and what loading only
# the exporter asked for saves. Needs hyperfine. Reported, never enforced.
#   bench/plugins/run.sh <build dir> [example]
set -eu
build=${1:?usage: run.sh BUILD_DIR [EXAMPLE]}
here=$(cd "$(dirname "$0")" && pwd)
example=${2:-$here/../../examples/protokoll-au-2026-03-04.txtpb}
cli=$build/core/kansli
bench=$build/bench/plugins/plugin_bench
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "== One CLI render to PDF: in-process vs isolated (a worker started per run)"
hyperfine -N -w 3 -r 30 \
  "$cli render $example -f pdf -o $scratch/a.pdf --isolation never" \
  "$cli render $example -f pdf -o $scratch/b.pdf --isolation always"

echo "== Per render in a long-running embedding program (one context, the worker kept)"
"$bench" render "$example" pdf 40 never
"$bench" render "$example" pdf 40 always

echo "== Start-up: load only the exporter asked for vs every exporter"
hyperfine -N -w 3 -r 30 "$bench load-one json" "$bench load-one pdf" "$bench load-all"
