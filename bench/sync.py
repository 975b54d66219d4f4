#!/usr/bin/env python3
"""Benchmark of `upy sync` against mpremote 1.29.0 and mpytool 2.6.0, in one run.

Part 1 (transfer): each tool syncs the same 40-file project (about 200 KB of .py) onto its own
fresh simulated board (tests/simboard/simboard.py, the real MicroPython unix port) paced like a
UART at 115200 baud: first sync, re-sync with nothing changed, re-sync after one file changed.
The board's files are checked against the project after every step. Prints seconds and ratios.

Part 2 (watch latency): `upy sync --watch` on an unpaced board, then on one paced at 115200
baud; a small module is saved with a new value and the time until main.py prints that value is
measured. Prints median and p95.

Usage: python3 bench/sync.py [--upy PATH] [--runs N] [--saves N] [--only transfer|watch]
Needs tests/setup.sh (the venv at ./.venv or $UPY_VENV); builds upy in release mode unless --upy.
"""

import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.environ.get("UPY_VENV", os.path.join(REPO, ".venv"))
BIN = os.path.join(VENV, "bin")


def need_venv():
    if not os.path.exists(os.path.join(BIN, "micropython")):
        sys.exit(f"no MicroPython venv at {VENV}: run tests/setup.sh first")


def build_upy():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
    subprocess.run(["cargo", "build", "--release", "-p", "upy"], cwd=REPO, check=True)
    return os.path.join(target, "release", "upy")


class Board:
    """A simulated board on a pty; its filesystem is a temporary folder."""

    def __init__(self, baud=None):
        self.dir = tempfile.mkdtemp(prefix="upy-bench-board")
        self.root = os.path.join(self.dir, "root")
        os.makedirs(self.root)
        args = [os.path.join(BIN, "python"), os.path.join(REPO, "tests/simboard/simboard.py"),
                "--root", self.root, "--exit-on-stdin-eof"]
        if baud:
            args += ["--baud", str(baud)]
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("PORT "):
            sys.exit(f"simboard said {line!r}")
        self.port = line[5:]

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def make_project(path, files=40, target_bytes=200_000):
    """Python modules of varied, realistic-looking code: classes, functions, constants."""
    rng = random.Random(1234)
    words = ("sensor value reading buffer index count total offset scale limit state "
             "timer pin led motor speed angle delta sample filter window average config "
             "packet header payload checksum retry timeout address register channel").split()
    os.makedirs(os.path.join(path, "lib"), exist_ok=True)
    per_file = target_bytes // files
    for n in range(files):
        lines = [f'"""Module {n}: {rng.choice(words)} handling for the {rng.choice(words)}."""',
                 "import time", ""]
        k = 0
        while sum(len(line) + 1 for line in lines) < per_file:
            a, b, c = rng.sample(words, 3)
            k += 1
            lines += [
                f"{a.upper()}_{b.upper()}_{k} = {rng.randint(0, 65535)}", "",
                f"class {a.title()}{b.title()}{k}:",
                f'    """Keeps the {a} {b} for one {c}."""', "",
                f"    def __init__(self, {a}={rng.randint(1, 99)}, {b}=None):",
                f"        self.{a} = {a}", f"        self.{b} = {b} or []",
                f"        self.{c}_{k} = {rng.random():.6f}", "",
                f"    def update_{c}(self, {c}):",
                f"        if {c} > self.{a}:",
                f"            self.{b}.append({c} * {rng.randint(2, 9)} - self.{a})",
                f"        elif len(self.{b}) > {rng.randint(4, 32)}:",
                f"            self.{b}.pop(0)",
                f"        return sum(self.{b}) / max(1, len(self.{b}))", "",
                f"def {a}_{c}_{k}(values, {b}={rng.randint(1, 9)}):",
                f"    total = 0",
                f"    for i, v in enumerate(values):",
                f"        total += (v << {rng.randint(1, 7)}) ^ (i * {b})",
                f"    return total % {rng.randint(1000, 99999)}", "",
            ]
        folder = "lib" if n % 2 else ""
        with open(os.path.join(path, folder, f"mod{n:02d}.py"), "w") as f:
            f.write("\n".join(lines) + "\n")


def tree(root):
    out = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            full = os.path.join(dirpath, name)
            with open(full, "rb") as f:
                out[os.path.relpath(full, root)] = f.read()
    return out


def timed(args, cwd):
    start = time.monotonic()
    result = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout.decode()}\n{result.stderr.decode()}")
    return elapsed


def tools(upy):
    env_clean = {k: v for k, v in os.environ.items() if not k.startswith("UPY_")}
    os.environ.clear()
    os.environ.update(env_clean)
    os.environ["UPY_NO_PROGRESS"] = "1"
    return {
        "upy": lambda port: [upy, "--port", port, "sync", "."],
        "mpremote": lambda port: [os.path.join(BIN, "mpremote"), "connect", port,
                                  "cp", "-r", ".", ":"],
        "mpytool": lambda port: [os.path.join(BIN, "mpytool"), "-q", "-p", port,
                                 "cp", "./", ":/"],
    }


def transfer_bench(upy, runs):
    project = tempfile.mkdtemp(prefix="upy-bench-project")
    make_project(project)
    size = sum(len(v) for v in tree(project).values())
    print(f"project: {len(tree(project))} files, {size / 1024:.0f} KB of .py; "
          f"board paced at 115200 baud; best of {runs} run(s)")
    steps = ("first sync", "no-change re-sync", "one-file-changed re-sync")
    results = {name: {step: [] for step in steps} for name in tools(upy)}
    changed = os.path.join(project, "lib", "mod05.py")
    original = open(changed).read()
    for _ in range(runs):
        for name, command in tools(upy).items():
            board = Board(baud=115200)
            try:
                with open(changed, "w") as f:
                    f.write(original)
                results[name][steps[0]].append(timed(command(board.port), project))
                assert tree(board.root) == tree(project), f"{name}: board differs after first sync"
                results[name][steps[1]].append(timed(command(board.port), project))
                with open(changed, "a") as f:
                    f.write("EXTRA = 1\n")
                results[name][steps[2]].append(timed(command(board.port), project))
                assert tree(board.root) == tree(project), f"{name}: board differs after change"
            finally:
                board.close()
    with open(changed, "w") as f:
        f.write(original)
    shutil.rmtree(project, ignore_errors=True)
    best = {n: {s: min(v) for s, v in r.items()} for n, r in results.items()}
    print(f"{'':28}{'upy':>9}{'mpremote':>10}{'mpytool':>9}{'vs mpremote':>13}{'vs mpytool':>12}")
    for step in steps:
        u, m, t = best["upy"][step], best["mpremote"][step], best["mpytool"][step]
        print(f"{step:28}{u:8.2f}s{m:9.2f}s{t:8.2f}s{m / u:12.1f}x{t / u:11.1f}x")


def hundred_unchanged(upy):
    """The issue's bar: nothing to do is one round trip, 100 unchanged files well under 1 s."""
    project = tempfile.mkdtemp(prefix="upy-bench-hundred")
    for n in range(100):
        folder = os.path.join(project, f"pkg{n // 25}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"m{n:03d}.py"), "w") as f:
            f.write(f"VALUE_{n} = {n * 7919}\n" * 20)
    board = Board(baud=115200)
    try:
        command = tools(upy)["upy"](board.port)
        timed(command, project)
        elapsed = min(timed(command, project) for _ in range(3))
    finally:
        board.close()
        shutil.rmtree(project, ignore_errors=True)
    print(f"upy re-sync of 100 unchanged files (paced 115200): {elapsed:.2f} s")


def watch_bench(upy, saves, baud=None):
    project = tempfile.mkdtemp(prefix="upy-bench-watch")
    with open(os.path.join(project, "main.py"), "w") as f:
        f.write("import time, value\nprint('value', value.V)\nwhile True:\n    time.sleep(0.05)\n")
    with open(os.path.join(project, "value.py"), "w") as f:
        f.write("V = 0\n")
    board = Board(baud)
    watcher = subprocess.Popen([upy, "--port", board.port, "sync", ".", "--watch"],
                               cwd=project, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seen = {}
    lock = threading.Condition()

    def read():
        for raw in watcher.stdout:
            line = raw.decode(errors="replace").strip()
            if line.startswith("value "):
                with lock:
                    seen.setdefault(line.split()[1], time.monotonic())
                    lock.notify_all()

    threading.Thread(target=read, daemon=True).start()

    def wait_for(value, timeout=10):
        deadline = time.monotonic() + timeout
        with lock:
            while value not in seen:
                left = deadline - time.monotonic()
                if left <= 0:
                    sys.exit(f"watch: value {value} never ran")
                lock.wait(left)
            return seen[value]

    latencies = []
    try:
        wait_for("0", timeout=30)
        for n in range(1, saves + 1):
            time.sleep(0.3)
            saved = time.monotonic()
            with open(os.path.join(project, "value.py"), "w") as f:
                f.write(f"V = {n}\n")
            latencies.append((wait_for(str(n)) - saved) * 1000)
    finally:
        watcher.send_signal(signal.SIGINT)
        time.sleep(0.2)
        watcher.send_signal(signal.SIGINT)
        try:
            watcher.wait(timeout=5)
        except subprocess.TimeoutExpired:
            watcher.kill()
        board.close()
        shutil.rmtree(project, ignore_errors=True)
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)]
    link = f"board paced at {baud} baud" if baud else "unpaced board"
    print(f"watch latency, save to new code running ({link}, {saves} saves): "
          f"median {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms, "
          f"min {latencies[0]:.0f} ms, max {latencies[-1]:.0f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upy", help="upy binary (default: cargo build --release)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--only", choices=["transfer", "watch"])
    args = parser.parse_args()
    need_venv()
    upy = os.path.abspath(args.upy) if args.upy else build_upy()
    if args.only in (None, "transfer"):
        transfer_bench(upy, args.runs)
        hundred_unchanged(upy)
    if args.only in (None, "watch"):
        watch_bench(upy, args.saves)
        watch_bench(upy, args.saves, baud=115200)


if __name__ == "__main__":
    main()
