#!/usr/bin/env bash
# Started (detached) by up.sh --owner-pid: runs down.sh for RUN_DIR once OWNER_PID has exited, so
# a test run that crashes, is killed, or skips its teardown leaves no server running.
# Usage: watchdog.sh OWNER_PID RUN_DIR
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
owner="${1:?owner pid}"
run_dir="${2:?run dir}"

# Polling (1 s) rather than waiting on a pipe: the owner is not our parent.
while kill -0 "$owner" 2>/dev/null; do
  sleep 1
done
if compgen -G "$run_dir/*/pid" >/dev/null; then
  echo "[stack] owner pid $owner exited; stopping the stack in $run_dir"
  TXGRAPH_STACK_WATCHDOG_PID=$$ TXGRAPH_STACK_DIR="$run_dir" "$SCRIPT_DIR/down.sh"
fi
