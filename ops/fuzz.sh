#!/usr/bin/env bash
# Fuzzing with libFuzzer (`swiftc -sanitize=fuzzer`).
#
#   ops/fuzz.sh [SECONDS] [TARGET...]
#
# Builds every fuzz target (Fuzz/Sources/Fuzz*, in the manifest only with SHUNIU_FUZZ=1) in
# release mode with -sanitize=fuzzer into .build-fuzz/ (kept apart from .build/, never part
# of the product), then runs each target for SECONDS seconds (default 30, per target) starting
# from its committed seed corpus Fuzz/corpus/<target>/ with the dictionaries of Fuzz/dict/
# (edge values of the bounds in docs/bounds.md). Inputs it finds go to
# .build-fuzz/corpus/<target>/ (not committed). TARGET names (row, event, grant-event,
# objection-event, audit-record, mask-rule, csv, licence) pick a subset.
#
# Exits 1 on the first target that crashes (or times out, or runs out of memory), printing the
# path of the crashing input: turn it into a unit test, fix, run again. Exits 0 when all run clean.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
seconds="${1:-30}"
shift || true
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number (got '$seconds')" >&2; exit 2 ;; esac

declare -A products=(
  [row]=FuzzRow [event]=FuzzEvent [grant-event]=FuzzGrantEvent [objection-event]=FuzzObjectionEvent
  [audit-record]=FuzzAuditRecord [mask-rule]=FuzzMaskRule [csv]=FuzzCSV [licence]=FuzzLicence
)
order=(row event grant-event objection-event audit-record mask-rule csv licence)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${order[@]}")
for target in "${targets[@]}"; do
  [ -n "${products[$target]:-}" ] || { echo "fuzz.sh: unknown target '$target' (use: ${order[*]})" >&2; exit 2; }
done

scratch="$root/.build-fuzz"
cd "$root"
echo "[fuzz] building ${#targets[@]} target(s) into .build-fuzz (release, -sanitize=fuzzer)"
started=$(date +%s)
build=(swift build -c release --scratch-path "$scratch"
       -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing -Xswiftc -use-ld=lld)
# -enable-testing: the CSV target reads the adapters' internal CSV reader (@testable import).
# -use-ld=lld: gold fails on the fuzzer runtime's debug info ("internal error in format_file_lineno").
# One product per build (SwiftPM builds only the last --product given); after the first, the
# others reuse its modules. Not `swift build` of everything: `shuniu` has a main of its own.
for target in "${targets[@]}"; do
  SHUNIU_FUZZ=1 "${build[@]}" --product "${products[$target]}" 2>&1 \
    | grep -v "unhandled; explicitly declare\|CMakeLists.txt$\|^Building for\|^\[[0-9]*/[0-9]*\]" \
    || { echo "[fuzz] build of ${products[$target]} failed" >&2; exit 1; }
done
bin="$scratch/release"
echo "[fuzz] built in $(( $(date +%s) - started )) s"

status=0
for target in "${targets[@]}"; do
  product="${products[$target]}"
  seeds="$root/Fuzz/corpus/$target"
  corpus="$scratch/corpus/$target"
  artifacts="$scratch/artifacts/$target"
  log="$scratch/logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  # The dictionary: the shared edge values plus the target's own words, if it has any.
  dict="$scratch/dict/$target.dict"
  mkdir -p "$(dirname "$dict")"
  cat "$root/Fuzz/dict/common.dict" > "$dict"
  [ ! -f "$root/Fuzz/dict/$target.dict" ] || cat "$root/Fuzz/dict/$target.dict" >> "$dict"
  set +e
  SWIFT_BACKTRACE=enable=no SHUNIU_TOPICS="$root/topics" "$bin/$product" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
    -dict="$dict" -artifact_prefix="$artifacts/" "$corpus" "$seeds" >"$log" 2>&1
  code=$?
  set -e
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
  if [ "$code" -ne 0 ]; then
    input="$(grep -o 'Test unit written to .*' "$log" | tail -1 | sed 's/Test unit written to //' || true)"
    echo "[fuzz] $target: FAILED (exit $code) after $runs runs; crashing input: ${input:-see $log}"
    grep -m 3 -E 'Fatal error|ERROR: libFuzzer|SUMMARY' "$log" | sed 's/^/[fuzz]   /' || true
    echo "[fuzz]   log: $log"
    status=1
    break
  fi
  echo "[fuzz] $target: clean, $runs runs in $seconds s (corpus $(ls "$corpus" | wc -l) inputs)"
done
exit $status
