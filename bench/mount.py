#!/usr/bin/env python3
"""Mount benchmark: `upy mount` against `mpremote mount` on the same simulated board.

Starts one simulated board (the real MicroPython unix port behind a pty, tests/simboard) paced
like a 115200-baud UART, writes a tree of 10 generated modules (50 KB of source) to a local
folder, and times one command line per tool that mounts the folder and imports every module:

    upy --port P mount DIR + exec "import m0, ..., m9"
    mpremote connect P mount DIR exec "import m0, ..., m9"

The board is soft-reset before each run (outside the timing), so every import really reads
the files. Each tool's command with `pass` instead of the imports is timed too; the difference
is the import itself. Prints the medians and upy's speed-up over mpremote for both.

Usage: bench/mount.sh   (or: .venv/bin/python bench/mount.py --upy target/release/upy)
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from transfer import Board, python_source  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULES = 10
RUNS = 3


def make_tree(folder):
    for i in range(MODULES):
        with open(os.path.join(folder, f"m{i}.py"), "wb") as f:
            source = python_source(5_200, 300 + i)
            # Whole functions only: the generator cuts at a byte count.
            f.write(source[: source.rindex(b"\n\n") + 2])
    # A package too, as real projects have.
    os.makedirs(os.path.join(folder, "lib_pkg"))
    with open(os.path.join(folder, "lib_pkg", "__init__.py"), "w") as f:
        f.write("VALUE = %d\n" % random.Random(5).randint(0, 99))


def command(tool, upy, venv, port, folder, code):
    if tool == "upy":
        return [upy, "--port", port, "mount", folder, "+", "exec", code]
    return [os.path.join(venv, "bin", "mpremote"), "connect", port, "mount", folder, "exec", code]


def soft_reset(upy, port):
    subprocess.run([upy, "--port", port, "soft-reset"], check=True, capture_output=True)


def timed(argv, want):
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or want not in done.stdout:
        sys.exit(f"failed: {' '.join(argv)}\n{done.stdout}\n{done.stderr}")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upy", default=os.path.join(REPO, "target/release/upy"))
    parser.add_argument("--venv", default=os.path.join(REPO, ".venv"))
    args = parser.parse_args()
    imports = "import " + ", ".join(f"m{i}" for i in range(MODULES)) + ", lib_pkg; print('imported')"
    with tempfile.TemporaryDirectory() as work:
        folder = os.path.join(work, "project")
        os.makedirs(folder)
        make_tree(folder)
        size = sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(folder) for n in ns)
        root = os.path.join(work, "board")
        os.makedirs(root)
        board = Board(args.venv, root)
        try:
            results = {}
            for tool in ("upy", "mpremote"):
                totals, bases = [], []
                for _ in range(RUNS):
                    soft_reset(args.upy, board.port)
                    totals.append(timed(command(tool, args.upy, args.venv, board.port, folder, imports), "imported"))
                    soft_reset(args.upy, board.port)
                    bases.append(timed(command(tool, args.upy, args.venv, board.port, folder, "print('based')"), "based"))
                results[tool] = (statistics.median(totals), statistics.median(bases))
        finally:
            board.stop()
    print(f"mount + import of {MODULES} modules + 1 package ({size / 1000:.1f} KB of source) at 115200 baud, "
          f"median of {RUNS}")
    print(f"{'tool':10} {'command':>9} {'mount only':>11} {'import':>8}")
    for tool, (total, base) in results.items():
        print(f"{tool:10} {total:8.2f}s {base:10.2f}s {total - base:7.2f}s")
    (ut, ub), (mt, mb) = results["upy"], results["mpremote"]
    print(f"upy vs mpremote: whole command {mt / ut:.2f}x, import alone {(mt - mb) / max(ut - ub, 1e-3):.2f}x")


if __name__ == "__main__":
    main()
