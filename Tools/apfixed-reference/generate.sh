#!/usr/bin/env bash
# Regenerates the FixedPoint golden vectors with the real ap_types headers.
#
#   Tools/apfixed-reference/generate.sh AP_TYPES_DIR [fixture|exhaustive] [OUTPUT]
#
# AP_TYPES_DIR is the directory holding ap_fixed.h (inside the hls4ml 1.3.0 wheel:
# hls4ml/templates/vivado/ap_types). The default mode, fixture, rewrites the committed
# Tests/FixedPointTests/Fixtures/apfixed_golden.txt; exhaustive writes a much larger
# file (default /tmp/apfixed_exhaustive.txt) for APFIXED_GOLDEN_EXTRA. See README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
headers="${1:?usage: generate.sh AP_TYPES_DIR [fixture|exhaustive] [OUTPUT]}"
mode="${2:-fixture}"
case "$mode" in
  fixture) default_out="$repo/Tests/FixedPointTests/Fixtures/apfixed_golden.txt" ;;
  exhaustive) default_out="/tmp/apfixed_exhaustive.txt" ;;
  *) echo "mode must be fixture or exhaustive" >&2; exit 2 ;;
esac
out="${3:-$default_out}"

if [ ! -f "$headers/ap_fixed.h" ]; then
  echo "no ap_fixed.h in $headers" >&2
  exit 1
fi

build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
# -O0 compiles several times faster than -O1 here (about 1,000 ap_fixed instantiations)
# and the program still runs in seconds. NDEBUG only silences the headers' debug
# assertions and warnings (some of which read bits beyond the MSB and then discard them).
echo "compiling (a few minutes)..." >&2
g++ -std=c++14 -O0 -DNDEBUG -I "$headers" "$here/apfixed_reference.cpp" -o "$build/apfixed_reference"
mkdir -p "$(dirname "$out")"
"$build/apfixed_reference" "$mode" > "$out" 2> "$build/stderr" || {
  cat "$build/stderr" >&2
  exit 1
}
echo "wrote $out ($(wc -l < "$out") lines)" >&2
