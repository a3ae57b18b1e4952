#!/usr/bin/env bash
# Fuzzes the parsers of untrusted bytes with libFuzzer (the Swift toolchain's -sanitize=fuzzer).
#   Tools/fuzz/run.sh [seconds per target] [target...]     (default: 10 s, every target)
#   FUZZ_RUNS=1000000 Tools/fuzz/run.sh 0 npy               (a number of executions instead)
# Each target starts from its committed seeds in Tests/FuzzCorpus/<target>/ and keeps what it
# finds in .build-fuzz/corpus/<target>/ (not committed). An input that breaks a rule, runs over
# 1 s or takes over 200 MB is a failure; libFuzzer writes it to .build-fuzz/artifacts/ and the
# script exits 1. Replay one with: swift run archive-fuzz <target> <file>.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-10}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front-matter notebook markdown npy jets-jsonl hls-config)

swift build -c release --build-path .build-fuzz --sanitize=fuzzer -Xswiftc -DFUZZING --product archive-fuzz
binary=.build-fuzz/release/archive-fuzz
mkdir -p .build-fuzz/artifacts

status=0
for target in "${targets[@]}"; do
    [ -d "Tests/FuzzCorpus/$target" ] || { echo "no seed corpus for '$target'" >&2; exit 2; }
    corpus=.build-fuzz/corpus/$target
    mkdir -p "$corpus"
    limit=(-max_total_time="$seconds")
    [ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS")
    log=.build-fuzz/$target.log
    # Swift's backtracer would catch the trap before libFuzzer can save the input.
    if SWIFT_BACKTRACE=enable=no ARCHIVE_FUZZ_TARGET=$target "$binary" "${limit[@]}" -timeout=1 -rss_limit_mb=200 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix=".build-fuzz/artifacts/$target-" \
        "$corpus" "Tests/FuzzCorpus/$target" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
        rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
        echo "fuzz $target: $runs executions, $rate/s, peak RSS $rss MB, no failure"
    else
        status=1
        echo "fuzz $target: FAILED; see $log and .build-fuzz/artifacts/" >&2
        grep -E "ERROR|fuzz rule broken|Fatal error|timeout|out-of-memory" "$log" | head -5 >&2 || true
    fi
done
exit $status
