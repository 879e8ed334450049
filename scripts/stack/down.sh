#!/usr/bin/env bash
# Stop the servers that scripts/stack/up.sh started, by their recorded PIDs. Idempotent.
#
# Usage: scripts/stack/down.sh [--only kafka,dynamodb,s3] [--hard]
#
#   --only   stop only these servers (default: all, plus the owner-PID watchdog)
#   --hard   SIGKILL at once, like a crash (outage tests); default is SIGTERM, then SIGKILL
#            after a timeout (Kafka 30 s for its controlled shutdown, the others 10 s)
#
# Environment: TXGRAPH_STACK_DIR (default <repo>/.stack), the run dir given to up.sh.
# Data and logs stay in the run dir (delete it to start from scratch); stack.env is removed
# once nothing is running.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
RUN_DIR="${TXGRAPH_STACK_DIR:-$REPO_DIR/.stack}"
ALL_SERVERS=(kafka dynamodb s3)

log() { printf '[stack] %s\n' "$*" >&2; }

ONLY=""
HARD=false
while (($#)); do
  case "$1" in
    --only) ONLY="${2:?--only needs a list}"; shift 2 ;;
    --only=*) ONLY="${1#--only=}"; shift ;;
    --hard) HARD=true; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) log "unknown argument: $1"; exit 64 ;;
  esac
done
[[ -d "$RUN_DIR" ]] || exit 0 # nothing was ever started here
RUN_DIR="$(cd "$RUN_DIR" && pwd)"

if [[ -n "$ONLY" ]]; then
  IFS=',' read -r -a SERVERS <<<"$ONLY"
else
  SERVERS=("${ALL_SERVERS[@]}")
fi

# PID of a live JVM of THIS run dir for server $1, or nothing. The -Dtxgraph.stack.dir tag on
# the command line guards against signalling an unrelated process that reused a stale PID.
our_pid() {
  local pidfile="$RUN_DIR/$1/pid" pid
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 0
  if tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "-Dtxgraph.stack.dir=$RUN_DIR"; then
    echo "$pid"
  fi
}

# Wait until PID is gone (or a zombie: reaped by whoever is its parent). 0 if gone in time.
wait_gone() {
  local pid="$1" deadline=$((SECONDS + $2)) state
  while ((SECONDS < deadline)); do
    state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
    [[ -z "$state" || "$state" == Z ]] && return 0
    sleep 0.1
  done
  return 1
}

stop_one() {
  local name="$1" pid timeout=10
  [[ "$name" == kafka ]] && timeout=30
  pid="$(our_pid "$name")"
  if [[ -n "$pid" ]]; then
    if $HARD; then
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 10 || log "$name: pid $pid survived SIGKILL?"
      log "$name: killed (pid $pid)"
    else
      kill -TERM "$pid" 2>/dev/null || true
      if wait_gone "$pid" "$timeout"; then
        log "$name: stopped (pid $pid)"
      else
        log "$name: no exit ${timeout}s after SIGTERM, sending SIGKILL (pid $pid)"
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$pid" 10 || log "$name: pid $pid survived SIGKILL?"
      fi
    fi
  fi
  rm -f "$RUN_DIR/$name/pid"
}

# Stop in parallel: Kafka's controlled shutdown should not delay the others.
pids=()
for s in "${SERVERS[@]}"; do
  case "$s" in
    kafka | dynamodb | s3) stop_one "$s" & pids+=($!) ;;
    '') ;;
    *) log "unknown server '$s' (expected kafka, dynamodb, s3)"; exit 64 ;;
  esac
done
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done

any_running=false
for s in "${ALL_SERVERS[@]}"; do
  [[ -n "$(our_pid "$s")" ]] && any_running=true
done
if ! $any_running; then
  rm -f "$RUN_DIR/stack.env"
  # Full stop: end the owner watchdog too, unless we are that watchdog.
  if [[ -f "$RUN_DIR/watchdog.pid" ]]; then
    wpid="$(cat "$RUN_DIR/watchdog.pid")"
    if [[ "$wpid" != "${TXGRAPH_STACK_WATCHDOG_PID:-}" ]] &&
      tr '\0' '\n' <"/proc/$wpid/cmdline" 2>/dev/null | grep -qxF -- "$RUN_DIR"; then
      kill -TERM "$wpid" 2>/dev/null || true
    fi
    rm -f "$RUN_DIR/watchdog.pid"
  fi
fi
exit "$rc"
