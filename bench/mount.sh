#!/usr/bin/env bash
# Mount benchmark: builds upy (release) and runs bench/mount.py, which compares it with
# mpremote mount on one simulated board paced at 115200 baud. Needs tests/setup.sh.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=${UPY_VENV:-$repo/.venv}
target=${CARGO_TARGET_DIR:-$repo/target}
if [ ! -x "$venv/bin/mpremote" ]; then
  echo "bench: no test venv at $venv: run tests/setup.sh first" >&2
  exit 1
fi
cargo build --release -p upy --manifest-path "$repo/Cargo.toml" >&2
exec "$venv/bin/python" "$repo/bench/mount.py" --upy "$target/release/upy" --venv "$venv" "$@"
