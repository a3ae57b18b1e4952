#!/usr/bin/env bash
# Throughput of the hls4ml-tutorial MLP: the Swift emulation (archive kernel mlp --benchmark)
# against the same network written with ap_fixed types and hls4ml's nnet_utils in C++ (-O2),
# side by side on this machine, plus a bit-for-bit comparison of their outputs on the test jets.
#
#   Tools/bench/mlp.sh [HLS4ML_TEMPLATES_DIR]   (default /tmp/hls4ml/hls4ml/templates/vivado)
#
# Needs a release build (swift build -c release; ARCHIVE=path overrides .build/release/archive)
# and the hls4ml 1.3.0 wheel's templates (see Tools/hls4ml-reference/README.md).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
templates="${1:-/tmp/hls4ml/hls4ml/templates/vivado}"
archive="${ARCHIVE:-$repo/.build/release/archive}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"

echo "== C++ build (g++ -O2 against the hls4ml headers)"
g++ -std=c++14 -O2 -I "$templates" -I "$templates/ap_types" Tools/hls4ml-reference/mlp_bench.cpp -o "$work/mlp_bench"

echo "== Swift: float32"
"$archive" kernel mlp --precision float --dataset Content/data/jets --split test \
    --save-inputs "$work/inputs.npy" --benchmark > /dev/null
echo "== Swift: ap_fixed<16,6>"
"$archive" kernel mlp --precision 'ap_fixed<16,6>' --input "$work/inputs.npy" --benchmark > "$work/swift.jsonl"
echo "== C++"
"$work/mlp_bench" Content/models/mlp "$work/inputs.npy" > "$work/cpp.jsonl"

echo "== bit-for-bit comparison of the ap_fixed<16,6> outputs"
python3 - "$work/swift.jsonl" "$work/cpp.jsonl" <<'PY'
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
assert len(a) == len(b), (len(a), len(b))
bad = sum(1 for x, y in zip(a, b) if x != y)
print(f"{len(a)} samples, {bad} differ")
sys.exit(1 if bad else 0)
PY
