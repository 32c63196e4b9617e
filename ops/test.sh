#!/usr/bin/env bash
# The README's test command: installs what is missing, starts a dedicated dev broker and
# runs every test (unit tests on librdkafka's mock cluster, integration tests on the broker),
# then every fuzz target for 30 s (ops/fuzz.sh).
#
#   ops/test.sh [extra swift test arguments, e.g. --filter KafkaLayerTests]
#
# The test broker listens on $SHUNIU_TEST_PORT (default 19092) so it never touches the
# broker a demo may be running on 9092. It is stopped at the end unless it was already up.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/ops/install.sh"

port="${SHUNIU_TEST_PORT:-19092}"
started_here=0
if ! "$root/ops/broker.sh" status --port "$port" >/dev/null 2>&1; then
  "$root/ops/broker.sh" start --port "$port"
  started_here=1
fi
cleanup() { if [ $started_here -eq 1 ]; then "$root/ops/broker.sh" stop --port "$port" >/dev/null || true; fi; }
trap cleanup EXIT

export SHUNIU_TEST_BOOTSTRAP="127.0.0.1:$port"
echo "[test] building and running the tests (broker $SHUNIU_TEST_BOOTSTRAP)"
mkdir -p "$root/.shuniu"
log="$root/.shuniu/build-tests.log"
if ! swift build --build-tests >"$log" 2>&1; then
  tail -40 "$log" >&2
  echo "[build] failed: the full log is $log" >&2
  exit 1
fi
swift test --skip-build "$@"
# Then the fuzz targets, each for $SHUNIU_FUZZ_SECONDS seconds (default 30) from the committed
# seeds (ops/fuzz.sh; a full run only, not when test arguments pick a subset).
if [ $# -eq 0 ]; then
  "$root/ops/fuzz.sh" "${SHUNIU_FUZZ_SECONDS:-30}"
fi
