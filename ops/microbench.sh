#!/usr/bin/env bash
# Micro-benchmarks of the pure hot paths with package-benchmark (ordo-one/benchmark):
# allocations and CPU time per operation, figures that machine load does not blur.
#
#   ops/microbench.sh [FILTER]
#
# Builds the benchmark target (Benchmarks/ShuniuMicro, in the manifest only with
# SHUNIU_BENCH=1) in release mode into .build-bench/ (kept apart from .build/, never part of
# the product or the tests) and runs it; FILTER (a regular expression) picks benchmarks by name.
# Figures: docs/performance.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."
filter=()
[ $# -gt 0 ] && filter=(--filter "$1")
export SHUNIU_BENCH=1
echo "[microbench] building and running Benchmarks/ShuniuMicro (release, .build-bench)" >&2
exec swift package --scratch-path .build-bench --disable-sandbox benchmark run --target ShuniuMicro \
  --no-progress --format text "${filter[@]}"
