#!/usr/bin/env python3
"""Transfer benchmark: upy against mpremote and mpytool on the same simulated board.

Starts one simulated board (the real MicroPython unix port behind a pty, tests/simboard) paced
like a 115200-baud UART, then uploads and downloads a 50 KB .py file, a 200 KB random binary
file and a folder of 50 small .py files with each tool in turn, checking every copy byte for
byte. Prints seconds per tool, upy's speed-up over each peer, each tool's payload throughput
(B/s) and upy's against the link's base64 limit (0.75 x 11,520 B/s at 115200 baud). Then the
command latency: the median time of a whole `exec "pass"` and a one-file `ls` command line
(connect, take control of the board, run, leave), each tool on the same board.

With `--board wasm` the board is the MicroPython WebAssembly port (tests/wasmboard), whose
firmware can compress: upy's downloads then come back deflated (run it with
`--tools upy`: mpytool 2.6 cannot list that port's folders, and mpremote 1.29 refuses to copy
onto it, "destination is not a directory").

Usage: bench/transfer.sh   (or: .venv/bin/python bench/transfer.py --upy target/release/upy)
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BAUD = 115200
LINK_BYTES_PER_S = BAUD // 10
BASE64_LIMIT = 0.75 * LINK_BYTES_PER_S


def python_source(size, seed):
    rng = random.Random(seed)
    parts = ['"""Generated module for the transfer benchmark."""\n\nimport machine\n\n']
    i = 0
    while sum(map(len, parts)) < size:
        parts.append(
            f"def handler_{i}(pin, value={rng.randint(0, 999)}):\n"
            f"    # toggle pin {i} when the value crosses the threshold\n"
            f"    if value > {rng.randint(0, 99)}:\n"
            f"        pin.value(not pin.value())\n"
            f"    return value * {rng.randint(2, 9)} + {i}\n\n"
        )
        i += 1
    return "".join(parts).encode()[:size]


def make_payloads(work):
    os.makedirs(os.path.join(work, "small"))
    with open(os.path.join(work, "module.py"), "wb") as f:
        f.write(python_source(50_000, 1))
    with open(os.path.join(work, "random.bin"), "wb") as f:
        f.write(random.Random(2).randbytes(200_000))
    for i in range(50):
        with open(os.path.join(work, "small", f"mod{i:02}.py"), "wb") as f:
            f.write(python_source(1_000 + 60 * i, 100 + i))


class Board:
    def __init__(self, venv, root, kind):
        self.root = root
        self.proc = subprocess.Popen(
            [os.path.join(venv, "bin", "python"), os.path.join(REPO, "tests/simboard/simboard.py"),
             "--root", root, "--baud", str(BAUD), "--exit-on-stdin-eof", "--port-kind", kind],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("PORT "):
            sys.exit(f"simulated board did not start: {line!r}")
        self.port = line.split(" ", 1)[1]
        # Let the interpreter finish booting, as a board on a desk has: a Ctrl-C that reaches the
        # simulator while its CPython wrapper is still starting kills it, which no board does.
        time.sleep(1.5)

    def clear(self):
        for name in os.listdir(self.root):
            path = os.path.join(self.root, name)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.remove(path)

    def stop(self):
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def tool_commands(tool, upy, venv, port):
    """Command lines for (upload file, upload folder, download file, download folder)."""
    if tool == "upy":
        base = [upy, "--port", port]
        return {
            "put": lambda src: base + ["cp", src, ":"],
            "put_dir": lambda src: base + ["cp", "-r", src, ":"],
            "get": lambda name, dst: base + ["cp", ":" + name, dst],
            "get_dir": lambda name, dst: base + ["cp", "-r", ":" + name, dst],
        }
    if tool == "mpremote":
        base = [os.path.join(venv, "bin", "mpremote"), "connect", port]
        return {
            "put": lambda src: base + ["fs", "cp", src, ":/"],
            "put_dir": lambda src: base + ["fs", "cp", "-r", src, ":/"],
            "get": lambda name, dst: base + ["fs", "cp", ":" + name, dst],
            "get_dir": lambda name, dst: base + ["fs", "cp", "-r", ":" + name, dst],
        }
    # mpytool 2.6 cannot download from this board: it reads a size from os.ilistdir's fourth
    # field, which the unix port does not give ("Source not found on device").
    base = [os.path.join(venv, "bin", "mpytool"), "-q", "-p", port]
    return {
        "put": lambda src: base + ["cp", src, ":/"],
        "put_dir": lambda src: base + ["cp", src, ":/"],
        "get": None,
        "get_dir": None,
    }


LATENCY_RUNS = 7


def latency_commands(tool, upy, venv, port):
    """Command lines for (exec pass, ls /)."""
    if tool == "upy":
        base = [upy, "--port", port]
        return {"exec": base + ["exec", "pass"], "ls": base + ["ls", ":/"]}
    if tool == "mpremote":
        base = [os.path.join(venv, "bin", "mpremote"), "connect", port]
        return {"exec": base + ["exec", "pass"], "ls": base + ["fs", "ls", ":/"]}
    # mpytool 2.6's ls needs os.ilistdir sizes, which the unix port does not give.
    base = [os.path.join(venv, "bin", "mpytool"), "-q", "-p", port]
    return {"exec": base + ["exec", "pass"], "ls": None}


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def timed(command):
    start = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, UPY_NO_PROGRESS="1"))
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr}")
    return elapsed


def same_tree(a, b):
    if os.path.isdir(a):
        names = sorted(os.listdir(a))
        return os.path.isdir(b) and names == sorted(os.listdir(b)) and all(
            same_tree(os.path.join(a, n), os.path.join(b, n)) for n in names)
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def cell(value, width, unit):
    return f" {'n/a':>{width + 1}}" if value is None else f" {value:{width}.2f}{unit}"


def payload_bytes(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(path, n)) for n in os.listdir(path))
    return os.path.getsize(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upy", default=os.path.join(REPO, "target/release/upy"))
    parser.add_argument("--venv", default=os.environ.get("UPY_VENV", os.path.join(REPO, ".venv")))
    parser.add_argument("--tools", default="upy,mpremote,mpytool")
    parser.add_argument("--board", choices=("unix", "wasm"), default="unix",
                        help="the unix port (default) or the WebAssembly port, which compresses")
    args = parser.parse_args()
    tools = args.tools.split(",")
    work = tempfile.mkdtemp(prefix="upy-bench-")
    make_payloads(work)
    os.makedirs(os.path.join(work, "board"), exist_ok=True)
    board = Board(args.venv, os.path.join(work, "board"), args.board)
    cases = [("50 KB .py", "module.py"), ("200 KB random", "random.bin"), ("50 small .py", "small")]
    results = {}  # (case, direction, tool) -> seconds
    try:
        for label, name in cases:
            src = os.path.join(work, name)
            for tool in tools:
                cmds = tool_commands(tool, args.upy, args.venv, board.port)
                board.clear()
                put = cmds["put_dir"](src) if os.path.isdir(src) else cmds["put"](src)
                results[(label, "upload", tool)] = timed(put)
                if not same_tree(src, os.path.join(board.root, name)):
                    sys.exit(f"{tool} upload of {name} does not match")
                if cmds["get"] is not None:
                    out = os.path.join(work, "out-" + tool)
                    shutil.rmtree(out, ignore_errors=True)
                    os.makedirs(out)
                    dst = os.path.join(out, name)
                    get = (cmds["get_dir"](name, out) if os.path.isdir(src)
                           else cmds["get"](name, dst))
                    results[(label, "download", tool)] = timed(get)
                    if not same_tree(src, dst):
                        sys.exit(f"{tool} download of {name} does not match")
                down = results.get((label, "download", tool))
                print(f"  {label:14} {tool:9} up {results[(label, 'upload', tool)]:6.2f} s"
                      f"  down {'n/a' if down is None else f'{down:6.2f} s'}", file=sys.stderr)
        latency = {}  # (command, tool) -> median seconds
        board.clear()
        with open(os.path.join(board.root, "one.py"), "w") as f:
            f.write("x = 1\n")
        for tool in tools:
            for name, command in latency_commands(tool, args.upy, args.venv, board.port).items():
                if command is not None:
                    latency[(name, tool)] = median([timed(command) for _ in range(LATENCY_RUNS)])
    finally:
        board.stop()
    if "mpytool" in tools:
        print("\nmpytool downloads: n/a (mpytool 2.6 needs os.ilistdir sizes, which the unix port lacks)")
    print(f"\nSimulated board ({args.board} port) paced at {BAUD} baud ({LINK_BYTES_PER_S} B/s each way); "
          f"base64 payload limit {BASE64_LIMIT:.0f} B/s\n")
    header = f"{'case':14} {'direction':9}" + "".join(f" {t:>9}" for t in tools)
    peers = [t for t in tools if t != "upy"]
    header += "".join(f" {'vs ' + p:>12}" for p in peers)
    header += "".join(f" {t + ' B/s':>13}" for t in tools) + f" {'upy of b64':>10}"
    print(header)
    for label, name in cases:
        size = payload_bytes(os.path.join(work, name))
        for direction in ("upload", "download"):
            row = f"{label:14} {direction:9}"
            row += "".join(cell(results.get((label, direction, t)), 8, "s") for t in tools)
            if "upy" in tools:
                mine = results[(label, direction, "upy")]
                for p in peers:
                    theirs = results.get((label, direction, p))
                    row += cell(None if theirs is None else theirs / mine, 11, "x")
            for t in tools:
                taken = results.get((label, direction, t))
                row += f" {'n/a':>13}" if taken is None else f" {size / taken:13.0f}"
            if "upy" in tools:
                row += f" {100 * size / mine / BASE64_LIMIT:9.0f}%"
            print(row)
    print(f"\nCommand latency (median of {LATENCY_RUNS} runs, whole command line):")
    print(f"{'command':14}" + "".join(f" {t:>9}" for t in tools)
          + "".join(f" {'vs ' + p:>12}" for p in peers))
    for name, label in (("exec", "exec pass"), ("ls", "ls /")):
        row = f"{label:14}" + "".join(cell(latency.get((name, t)), 8, "s") for t in tools)
        if "upy" in tools:
            for p in peers:
                theirs = latency.get((name, p))
                row += cell(None if theirs is None else theirs / latency[(name, "upy")], 11, "x")
        print(row)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
