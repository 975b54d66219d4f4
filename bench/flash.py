#!/usr/bin/env python3
"""Flashing benchmark: upy against esptool in the same run, on the ROM-bootloader emulator
paced like a real UART at 460800 baud.

Images: 1.5 MiB of random bytes (incompressible: the wire is the limit) and 1.5 MiB shaped
like a real firmware (compressible). Each tool gets a fresh emulator for each run; the best of
the runs counts. Prints the wire time of the image data alone, each tool's time, and ratios.
"""

import argparse
import os
import struct
import subprocess
import sys
import tempfile
import time

BAUD = 460800
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
EMULATOR = os.path.join(REPO, "tests", "esp_rom_emulator", "emulator.py")


def esp32_image(payload):
    # One segment, followed (as in real images) by padding and the checksum byte.
    header = bytes([0xE9, 1, 2, 0x20]) + struct.pack("<I", 0x40080000) + bytes(16)
    segment = (len(payload) - 64) & ~3
    return header + struct.pack("<II", 0x3FFB0000, segment) + payload


def random_image(size):
    return esp32_image(os.urandom(size - 32))


def firmware_like_image(size):
    # Code-like bytes (a small alphabet, repeated patterns) with erased 0xFF gaps.
    chunks = []
    rng = __import__("random").Random(7)
    words = [os.urandom(4) for _ in range(64)]
    total = 0
    while total < size - 32:
        if rng.random() < 0.1:
            chunk = b"\xff" * rng.randint(256, 4096)
        else:
            chunk = b"".join(rng.choice(words) for _ in range(rng.randint(16, 256)))
        chunks.append(chunk)
        total += len(chunk)
    return esp32_image(b"".join(chunks)[: size - 32])


def wire_seconds(image):
    escaped = image.count(0xC0) + image.count(0xDB)
    return (len(image) + escaped) * 10 / BAUD


class Emulator:
    def __init__(self, python, workdir):
        self.link = os.path.join(workdir, "tty")
        flash = os.path.join(workdir, "flash.bin")
        if os.path.exists(flash):
            os.unlink(flash)
        self.flash = flash
        self.proc = subprocess.Popen(
            [python, EMULATOR, "--chip", "esp32", "--pace", "--link", self.link, "--flash", flash],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        assert line.startswith("READY"), line

    def contents(self, offset, length):
        with open(self.flash, "rb") as f:
            f.seek(offset)
            return f.read(length)

    def stop(self):
        self.proc.kill()
        self.proc.wait()


def run(command):
    start = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upy", required=True)
    parser.add_argument("--venv", required=True)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    python = os.path.join(args.venv, "bin", "python")
    esptool = os.path.join(args.venv, "bin", "esptool")
    size = 1536 * 1024
    images = {"random 1.5 MiB": random_image(size), "firmware-like 1.5 MiB": firmware_like_image(size)}
    tools = {
        "upy": lambda port, path: [args.upy, "flash", "--port", port, "--before", "no-reset",
                                   "--baud", str(BAUD), "--firmware", path],
        "esptool 5.6.0": lambda port, path: [esptool, "--port", port, "--before", "no-reset",
                                             "--after", "no-reset", "--baud", str(BAUD),
                                             "write-flash", "0x1000", path],
    }
    print(f"ESP32 ROM emulator paced at {BAUD} baud; best of {args.runs} run(s)")
    with tempfile.TemporaryDirectory() as workdir:
        for label, image in images.items():
            path = os.path.join(workdir, "image.bin")
            with open(path, "wb") as f:
                f.write(image)
            wire = wire_seconds(image)
            times = {}
            for tool, command in tools.items():
                best = None
                for _ in range(args.runs):
                    emulator = Emulator(python, workdir)
                    try:
                        elapsed = run(command(emulator.link, path))
                        if emulator.contents(0x1000, len(image)) != image:
                            sys.exit(f"{tool}: flash contents differ from the image")
                    finally:
                        emulator.stop()
                    best = elapsed if best is None else min(best, elapsed)
                times[tool] = best
            upy, esptool_time = times["upy"], times["esptool 5.6.0"]
            print(f"\n{label}: wire time of the image data {wire:.2f} s")
            for tool, elapsed in times.items():
                print(f"  {tool:<14} {elapsed:7.2f} s   {elapsed / wire:5.3f} x wire")
            print(f"  upy / esptool  {upy / esptool_time:5.3f}   (below 1: upy faster)")


if __name__ == "__main__":
    main()
