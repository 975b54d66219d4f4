#!/usr/bin/env bash
# upy's main job end to end, against a simulated board (the real MicroPython unix port on a pty):
# sync the example project onto the board, change one file and sync again (only it is sent),
# look at the board's files, then run the project on the board for a few seconds.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
bash tests/setup.sh
venv=${UPY_VENV:-$repo/.venv}
cargo build --quiet -p upy
upy="$repo/target/debug/upy"
[ -n "${CARGO_TARGET_DIR:-}" ] && upy="$CARGO_TARGET_DIR/debug/upy"

work=$(mktemp -d)
board_pid=
cleanup() {
  [ -n "$board_pid" ] && kill "$board_pid" 2>/dev/null && wait "$board_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The simulated board, paced like a 115200-baud UART.
"$venv/bin/python" tests/simboard/simboard.py --root "$work/board" --baud 115200 \
  --link "$work/ttyUPY0" >"$work/board.log" &
board_pid=$!
for _ in $(seq 100); do [ -e "$work/ttyUPY0" ] && break; sleep 0.1; done
export UPY_PORT="$work/ttyUPY0"

cp -r examples/blink "$work/project"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step "$upy" info
cd "$work/project"   # upy.toml here says what to send: src/ to the board's /, without *.md
step "$upy" sync
sed -i 's/0.2, 0.2, 0.2, 0.6/0.1, 0.1, 0.1, 0.3/' src/lib/pattern.py
step "$upy" sync
step "$upy" sync
step "$upy" tree
step "$upy" exec "from pattern import DELAYS; print('delays on the board:', DELAYS)"
printf '\n\033[1m$ %s\033[0m   (stopped with Ctrl-C after 3 s)\n' "$upy run main.py"
set +e
timeout --signal=INT 3 "$upy" run src/main.py
status=$?
set -e
[ "$status" = 130 ] || [ "$status" = 124 ] || { echo "demo: upy run exited $status" >&2; exit 1; }
echo
echo "demo: done. The board's files were in $work/board (removed now)."
