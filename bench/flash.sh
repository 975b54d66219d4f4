#!/usr/bin/env bash
# Flashing benchmark: upy vs esptool 5.6.0 on the paced ROM-bootloader emulator.
# Usage: bench/flash.sh [--runs N]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=${UPY_VENV:-$repo/.venv}
if [ ! -x "$venv/bin/esptool" ]; then
  echo "bench: no venv with esptool at $venv; run tests/setup.sh" >&2
  exit 1
fi
cargo build --release -p upy --quiet
target=${CARGO_TARGET_DIR:-$repo/target}
exec "$venv/bin/python" "$repo/bench/flash.py" --upy "$target/release/upy" --venv "$venv" "$@"
