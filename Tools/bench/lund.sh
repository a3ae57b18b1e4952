#!/usr/bin/env bash
# Lund declusterings of the whole committed jet sample, Swift against FastJet's C++.
#
#   Tools/bench/lund.sh [ROUNDS]      (via `make bench-jets`)
#
# 1. builds Tools/bench/fastjet-lund/fastjet_lund.cc against Debian's libfastjet-dev
#    (installed when missing and running as root);
# 2. checks that `archive jets lund` and FastJet give the same declusterings, number
#    for number, on all 38,500 jets (train + val + test);
# 3. reports jets/s of each on one core (pinned to CPU 1 when there are two or more): CPU time of
#    float32 rows -> four-momenta -> C/A reclustering -> primary walk, best of ROUNDS; twice,
#    interleaved, with the ratio of each pass;
# 4. the same by jet multiplicity (bins of constituent count), since the ratio depends on it,
#    as the median of ROUNDS interleaved FastJet/Swift ratios:
#    FastJet's default strategy is N2Plain up to 30 particles and NlnNCam above (R = 1000).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
archive=.build/release/archive
[ -x "$archive" ] || { echo "build first: make build-release" >&2; exit 1; }

need=()
command -v g++ >/dev/null || need+=(g++)
command -v fastjet-config >/dev/null || need+=(libfastjet-dev)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
  else echo "install: sudo apt-get install ${need[*]}" >&2; exit 1; fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
g++ -O2 -std=c++17 -o "$work/fastjet_lund" Tools/bench/fastjet-lund/fastjet_lund.cc \
  $(fastjet-config --cxxflags) -lfastjet

echo "== same declusterings? (all splits) =="
"$archive" jets lund --dataset Content/data/jets --split all > "$work/swift.jsonl"
"$work/fastjet_lund" lund Content/data/jets all > "$work/fastjet.jsonl"
python3 Tools/bench/fastjet-lund/compare.py "$work/swift.jsonl" "$work/fastjet.jsonl"

pin=()
if command -v taskset >/dev/null && [ "$(nproc)" -gt 1 ]; then pin=(taskset -c 1); fi
echo
echo "== throughput, one core, best of $rounds =="
rate() { sed -n 's/.*= \([0-9][0-9]*\) jets\/s.*/\1/p' <<<"$1"; }
for pass in 1 2; do   # interleaved, so both see the same machine state
  fj=$("${pin[@]}" "$work/fastjet_lund" bench Content/data/jets all "$rounds")
  sw=$("${pin[@]}" "$archive" jets benchmark --split all --rounds "$rounds")
  echo "$fj"
  echo "$sw"
  awk -v s="$(rate "$sw")" -v f="$(rate "$fj")" -v p="$pass" \
    'BEGIN { if (f > 0) printf "pass %d: Swift / FastJet = %.2f\n", p, s / f }'
done

echo
echo "== by multiplicity (constituents), one core, interleaved =="
# Per bin, ROUNDS alternations of FastJet and Swift (each the best of 2 passes over the
# bin's jets, so caches are warm): the best rate of each, and the median and range of the
# ROUNDS per-alternation ratios. On a shared VM the two programs' rates drift by ±20%
# between minutes, so a ratio of neighbouring runs is steadier than a ratio of two best-ofs.
printf '%-9s %6s %14s %14s %7s %13s\n' particles jets "FastJet jets/s" "Swift jets/s" median "ratio range"
# The last row overlaps the others: the jets of about 60 constituents that issue 3's goal
# (at least twice FastJet's throughput) is stated for.
for bin in 2-30 31-45 46-60 61-75 76-100 101-100000 55-65; do
  rows=""
  for ((r = 0; r < rounds; r++)); do
    fj=$("${pin[@]}" "$work/fastjet_lund" bench Content/data/jets all 2 "${bin%-*}" "${bin#*-}")
    sw=$("${pin[@]}" "$archive" jets benchmark --split all --rounds 2 --particles "$bin")
    n=$(sed -n 's/.*: \([0-9][0-9]*\) jets, .*/\1/p' <<<"$sw")
    rows+="$(rate "$fj") $(rate "$sw")"$'\n'
  done
  awk -v b="$bin" -v n="$n" '
    NF == 2 && $1 > 0 { k++; if ($1 > f) f = $1; if ($2 > s) s = $2; q[k] = $2 / $1 }
    END {
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (q[j] < q[i]) { t = q[i]; q[i] = q[j]; q[j] = t }
      m = (k % 2) ? q[(k + 1) / 2] : (q[k / 2] + q[k / 2 + 1]) / 2
      printf "%-9s %6d %14d %14d %7.2f %6.2f–%.2f\n", b, n, f, s, m, q[1], q[k]
    }' <<<"$rows"
done
