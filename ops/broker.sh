#!/usr/bin/env bash
# The embedded dev broker (Tansu, Kafka protocol, in-memory storage).
#
#   ops/broker.sh start [--port 9092]   start and wait until it answers
#   ops/broker.sh stop  [--port 9092]   stop it (SIGTERM, then SIGKILL after 10 s)
#   ops/broker.sh status [--port 9092]  exit 0 when running and answering
#
# SHUNIU_BROKER_PORT sets the default port. pid and log files live in .shuniu/broker-<port>/.
# A restart loses every topic: the dev broker keeps them in memory only.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cmd="${1:-status}"; shift || true
port="${SHUNIU_BROKER_PORT:-9092}"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    *) echo "broker.sh: unknown option '$1' (use --port N)" >&2; exit 2 ;;
  esac
done

dir="$root/.shuniu/broker-$port"
pidfile="$dir/tansu.pid"
logfile="$dir/tansu.log"
tansu="$root/.shuniu/bin/tansu"

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid; pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

case "$cmd" in
  start)
    if pid="$(running_pid)"; then
      echo "[broker] already running on 127.0.0.1:$port (pid $pid)"; exit 0
    fi
    if answers; then
      echo "[broker] error: something else already listens on 127.0.0.1:$port; stop it or use --port" >&2
      exit 1
    fi
    [ -x "$tansu" ] || { echo "[broker] error: $tansu missing: run ops/install.sh first" >&2; exit 1; }
    mkdir -p "$dir"
    # setsid: the broker outlives the shell that started it and ignores its terminal's Ctrl-C.
    setsid "$tansu" broker \
      --listener-url "tcp://127.0.0.1:$port" \
      --advertised-listener-url "tcp://127.0.0.1:$port" \
      >"$logfile" 2>&1 </dev/null &
    echo $! >"$pidfile"
    for _ in $(seq 1 100); do
      if answers; then echo "[broker] Tansu listening on 127.0.0.1:$port (pid $(cat "$pidfile"), log $logfile)"; exit 0; fi
      kill -0 "$(cat "$pidfile")" 2>/dev/null || break
      sleep 0.1
    done
    echo "[broker] error: Tansu did not start on port $port; last log lines:" >&2
    tail -20 "$logfile" >&2 || true
    exit 1
    ;;
  stop)
    if pid="$(running_pid)"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$pidfile"
      echo "[broker] stopped (port $port)"
    else
      echo "[broker] not running (port $port)"
    fi
    ;;
  status)
    if pid="$(running_pid)" && answers; then
      echo "[broker] running on 127.0.0.1:$port (pid $pid)"
    else
      echo "[broker] not running on port $port"; exit 1
    fi
    ;;
  *) echo "usage: ops/broker.sh start|stop|status [--port N]" >&2; exit 2 ;;
esac
