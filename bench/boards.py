#!/usr/bin/env python3
"""Benchmark of `upy sync` to many boards at once: 1 board, then 4, then 16 in parallel.

Each round starts N fresh simulated boards (tests/simboard/simboard.py, the real MicroPython
unix port) paced like a UART at 115200 baud, and times one `upy --port P1,P2,... sync` of the
same project (20 files, about 100 KB of .py) onto all of them. Every board's files are checked
against the project afterwards. Prints seconds per round and the ratios to one board; the goal
is 4 boards <= 1.3x and 16 boards <= 2x the time of one.

The boards are Python processes on this machine: with few cores, many of them compete for the
CPU with upy itself, so the figures also show what the machine can pace (the load average is
printed beside them).

Usage: python3 bench/boards.py [--upy PATH] [--counts 1,4,16] [--runs N]
Needs tests/setup.sh (the venv at ./.venv or $UPY_VENV); builds upy in release mode unless --upy.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sync import Board, build_upy, make_project, need_venv, tree  # noqa: E402

BAUD = 115_200
GOALS = {4: 1.3, 16: 2.0}


def sync_round(upy, project, count):
    """Seconds for one sync of `project` onto `count` fresh boards at once."""
    boards = [Board(baud=BAUD) for _ in range(count)]
    try:
        ports = ",".join(board.port for board in boards)
        env = dict(os.environ, UPY_NO_PROGRESS="1")
        started = time.perf_counter()
        done = subprocess.run([upy, "--port", ports, "sync", project, ":"], env=env,
                              capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"sync to {count} boards failed ({done.returncode}):\n{done.stderr}")
        wanted = tree(project)
        for board in boards:
            if tree(board.root) != wanted:
                sys.exit(f"board {board.port} does not hold the project after the sync")
        return elapsed
    finally:
        for board in boards:
            board.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upy", help="upy binary (default: build in release mode)")
    parser.add_argument("--counts", default="1,4,16", help="board counts, the first the base")
    parser.add_argument("--runs", type=int, default=1, help="rounds per count (median kept)")
    args = parser.parse_args()
    need_venv()
    upy = args.upy or build_upy()
    counts = [int(n) for n in args.counts.split(",")]
    work = tempfile.mkdtemp(prefix="upy-bench-boards")
    try:
        project = os.path.join(work, "project")
        make_project(project, files=20, target_bytes=100_000)
        size = sum(len(data) for data in tree(project).values())
        print(f"project: {len(tree(project))} files, {size / 1000:.1f} KB; boards paced at "
              f"{BAUD} baud; {os.cpu_count()} CPUs")
        times = {}
        for count in counts:
            runs = [sync_round(upy, project, count) for _ in range(args.runs)]
            times[count] = statistics.median(runs)
            load = os.getloadavg()[0]
            print(f"{count:3d} board(s): {times[count]:6.2f} s  (load average {load:.1f})")
        base = times[counts[0]]
        for count in counts[1:]:
            ratio = times[count] / base
            goal = GOALS.get(count)
            verdict = "" if goal is None else f"  goal <= {goal}x: {'met' if ratio <= goal else 'MISSED'}"
            print(f"{count} boards / {counts[0]}: {ratio:.2f}x{verdict}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
