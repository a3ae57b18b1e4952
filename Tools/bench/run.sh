#!/usr/bin/env bash
# Whole-process benchmarks of the release binary (run via `make bench`).
# Needs hyperfine and GNU time (Debian: hyperfine time); installs them as root when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
archive=.build/release/archive

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}"
  else echo "install: sudo apt-get install ${need[*]}" >&2; exit 1; fi
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== archive build (real content, release, whole process) =="
hyperfine --warmup 3 --runs 30 "$archive build --output $out/site"
echo
echo "== archive check =="
hyperfine --warmup 3 --runs 30 "$archive check"
echo
echo "== /usr/bin/time -v archive build =="
/usr/bin/time -v "$archive" build --output "$out/site" 2>&1 >/dev/null \
  | grep -E "Elapsed|Maximum resident|User time|System time"

# Conference scale: a synthetic archive of BENCH_TALKS talks (default 10000; `archive bench generate`).
talks=${BENCH_TALKS:-10000}
echo
echo "== archive build of a synthetic archive of $talks talks =="
"$archive" bench generate --talks "$talks" --out "$out/synthetic" >/dev/null
/usr/bin/time -v "$archive" build --content "$out/synthetic/Content" --output "$out/synthetic/Output" \
  --cache "$out/synthetic/cache" 2>&1 | grep -E "^  [a-z +]+:|Wrote|Elapsed|Maximum resident"
du -sh "$out/synthetic/Output"
