#!/usr/bin/env bash
# Regenerates Tests/QuantizedMLPTests/Fixtures/hls4ml_mlp_golden.txt with the real hls4ml headers.
#
#   Tools/hls4ml-reference/generate.sh HLS4ML_TEMPLATES_DIR [OUTPUT]
#
# HLS4ML_TEMPLATES_DIR is hls4ml/templates/vivado inside the hls4ml 1.3.0 wheel (see README.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
templates="${1:?usage: generate.sh HLS4ML_TEMPLATES_DIR [OUTPUT]}"
out="${2:-$repo/Tests/QuantizedMLPTests/Fixtures/hls4ml_mlp_golden.txt}"
[ -f "$templates/nnet_utils/nnet_activation.h" ] || { echo "no nnet_utils in $templates" >&2; exit 1; }
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
g++ -std=c++14 -O1 -I "$templates" -I "$templates/ap_types" "$here/hls4ml_reference.cpp" -o "$build/hls4ml_reference"
"$build/hls4ml_reference" > "$out"
echo "wrote $out ($(wc -l < "$out") lines)" >&2
