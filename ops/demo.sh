#!/usr/bin/env bash
# The README's main command: installs what is missing, starts the dev broker and runs the
# live demo of the hub on it.
#
#   ops/demo.sh [shuniu demo options, e.g. --persons 2000]
#
# The broker keeps running afterwards (ops/broker.sh stop ends it); $SHUNIU_BROKER_PORT
# picks its port (default 9092).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/ops/install.sh"
port="${SHUNIU_BROKER_PORT:-9092}"
"$root/ops/broker.sh" start --port "$port"

echo "[demo] building shuniu (release; the first build takes a few minutes)"
mkdir -p "$root/.shuniu"
log="$root/.shuniu/build-shuniu.log"
if ! swift build -c release --product shuniu >"$log" 2>&1; then
  tail -40 "$log" >&2
  echo "[build] failed: the full log is $log" >&2
  exit 1
fi
exec "$root/.build/release/shuniu" demo --bootstrap "127.0.0.1:$port" "$@"
