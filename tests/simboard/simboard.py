#!/usr/bin/env python3
"""A simulated MicroPython board: the real MicroPython unix port behind a pseudo-terminal.

With --port-kind wasm the board is instead the MicroPython WebAssembly port run by node
(tests/wasmboard/wasmboard.mjs, which bridges that port's own differences: files, soft reset,
raw-paste); this program then only relays, with the same pacing, cut and replug.

Clients (upy, mpremote, mpytool, ...) open the printed port as if it were a board's USB serial
port. This program relays bytes between that port and a MicroPython unix-port process running on
a second pty, and bridges the differences between the unix port and a board:

- the board's filesystem is a private folder (--root), mounted as '/';
- soft reset (Ctrl-D, sys.exit(), machine.soft_reset()) ends the unix port, so it is restarted,
  printing the soft-reboot line, running boot.py/main.py (friendly REPL) or re-entering the raw
  REPL (when the raw REPL was active), as a board does;
- Ctrl-C reaches code run from raw-paste mode (the unix port turns terminal signals off there):
  a 0x03 left unread is turned into SIGINT;
- the link can be paced to a UART's speed (--baud: baud/10 bytes per second each way) and cut
  after N bytes (--cut-after), optionally coming back after a delay (--replug-after), behind a
  stable symlink (--link) like a board that is unplugged and plugged in again;
- with --romfs-partition SIZE the board has one ROM partition, as MicroPython 1.25+ boards do:
  `vfs.rom_ioctl` (written in MicroPython, installed at every boot) over a file of SIZE bytes
  (--romfs-file; erased to 0xFF when created) that behaves like flash: erase in
  --romfs-block-size blocks, writes can only clear bits; --romfs-kind block hands the partition
  out as a block device (ioctl, writeblocks) as ESP32 ports do. /rom and /rom/lib are on
  sys.path, and a valid image in the partition is mounted at /rom at boot.

The first line on stdout is `PORT <path>`; after an unplug `UNPLUGGED`, after a replug `PORT <path>`
again. Runs until killed (SIGTERM/SIGINT), cleaning up its children.
"""

import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
import tty

RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n>"
FRIENDLY_PROMPT = b">>> "
SOFT_REBOOT = b"MPY: soft reboot\r\n"
# Printed by the boot code (and removed from the output): the runtime is up and handles Ctrl-C.
READY_MARKER = b"\x1b]upysim-ready\x07"
UART_FIFO = 64
# Output a paced link holds before the board's prints block, as a UART's TX buffer and a
# USB-serial bridge's buffer do: a board never runs ahead of its link by more than this.
OUTPUT_BACKLOG = 4096
# How long a host may fall behind reading before a fast board's output is dropped (--port-kind wasm).
SLOW_CLIENT_GRACE = 2.0


# The ROM partition of --romfs-partition: vfs.rom_ioctl over a file opened before the board
# folder replaces '/' (the open file stays usable), following the commands a port implements:
# 1 number of partitions, 2 the partition (a memoryview), 3 prepare (erase) a range and return
# the minimum write size, 4 write, 5 finish, 6 erase block size. Errors return -errno.
ROMFS_CODE = """
class _UpySimPart(bytearray):
    # The partition as ESP32 ports hand it out: a block device whose bytes are also readable.
    def ioctl(self, op, arg):
        bs = self.rom.block
        if op == 4:
            return len(self) // bs
        if op == 5:
            return bs
        if op == 6:
            start = arg * bs
            if start < 0 or start + bs > len(self):
                return -22
            for i in range(start, start + bs):
                self[i] = 0xFF
            self.rom.store(start, start + bs)
            return 0
        return None
    def writeblocks(self, block, data, offset=0):
        start = block * self.rom.block + offset
        if start < 0 or start + len(data) > len(self):
            raise OSError(22)
        for i in range(len(data)):
            self[start + i] &= data[i]
        self.rom.store(start, start + len(data))

class _UpySimRom:
    def __init__(self, path, block, device):
        self.file = open(path, 'r+b')
        self.device = device
        if device:
            _UpySimPart.rom = self
            self.buf = _UpySimPart(self.file.read())
        else:
            self.buf = bytearray(self.file.read())
        self.view = memoryview(self.buf)
        self.block = block
    def store(self, start, end):
        self.file.seek(start)
        self.file.write(self.view[start:end])
        self.file.flush()
    def ioctl(self, cmd, *args):
        if cmd == 1:
            return 1
        if not args or args[0] != 0:
            return -22
        size = len(self.buf)
        if cmd == 2:
            return self.buf if self.device else self.view
        if self.device:
            return -22
        if cmd == 3:
            if len(args) == 2:
                start, length = 0, args[1]
            elif len(args) == 3:
                start, length = args[1], args[2]
            else:
                return -22
            if start < 0 or length < 0 or start % self.block or start + length > size:
                return -22
            end = min(size, (start + length + self.block - 1) // self.block * self.block)
            for i in range(start, end):
                self.buf[i] = 0xFF
            self.store(start, end)
            return 4
        if cmd == 4:
            start, data = args[1], args[2]
            if start < 0 or start + len(data) > size:
                return -22
            for i in range(len(data)):
                self.buf[start + i] &= data[i]
            self.store(start, start + len(data))
            return 0
        if cmd == 5:
            return 0
        if cmd == 6:
            return self.block
        return -22

class _UpySimVfs:
    def __init__(self, real, rom):
        self._real = real
        self._rom = rom
    def __getattr__(self, name):
        return getattr(self._real, name)
    def rom_ioctl(self, *args):
        return self._rom.ioctl(*args)
"""


def boot_code(root, run_main, romfs=None):
    """Code given to `micropython -c`: mount the board folder as '/', then boot.py and main.py.

    `romfs`: (partition file, erase block size, block device?) to give the board a ROM
    partition."""
    lines = []
    if romfs:
        lines += ROMFS_CODE.strip("\n").split("\n")
    lines += [
        "def _upy_sim_boot():",
        "    import vfs, os, sys",
    ]
    if romfs:
        path, block, device = romfs
        lines += [
            f"    rom = _UpySimRom({path!r}, {block}, {device})",
            "    sys.modules['vfs'] = _UpySimVfs(vfs, rom)",
        ]
    lines += [
        "    vfs.umount('/')",
        f"    vfs.mount(vfs.VfsPosix({root!r}), '/')",
        "    os.chdir('/')",
        "    sys.path[:] = ['', '/lib', '.frozen']",
    ]
    if romfs:
        lines += [
            "    sys.path[1:1] = ['/rom', '/rom/lib']",
            "    if rom.buf[:3] == b'\\xd2\\xcd\\x31':",
            "        try:",
            "            os.mkdir('/rom')",
            "        except OSError:",
            "            pass",
            "        try:",
            "            vfs.mount(vfs.VfsRom(rom.view), '/rom')",
            "        except OSError:",
            "            pass",
        ]
    lines += [
        "    sys.stdout.write('\\x1b]upysim-ready\\x07')",
    ]
    if run_main:
        lines += [
            "    for name in ('boot.py', 'main.py'):",
            "        try:",
            "            os.stat(name)",
            "        except OSError:",
            "            continue",
            "        try:",
            "            exec(open(name).read(), {'__name__': '__main__'})",
            "        except (Exception, KeyboardInterrupt) as e:",
            "            sys.print_exception(e)",
        ]
    lines += ["_upy_sim_boot()", "del _upy_sim_boot"]
    if romfs:
        lines += ["del _UpySimRom, _UpySimVfs, _UpySimPart"]
    return "\n".join(lines)


def set_raw_keep_signals(fd):
    """Raw terminal (no output translation), but Ctrl-C still raises SIGINT while code runs.

    Only Ctrl-C: a board has no Ctrl-Z or Ctrl-\\ signals, so those bytes stay plain input."""
    tty.setraw(fd)
    attrs = termios.tcgetattr(fd)
    attrs[3] |= termios.ISIG
    attrs[6][termios.VQUIT] = 0
    attrs[6][termios.VSUSP] = 0
    termios.tcsetattr(fd, termios.TCSANOW, attrs)


def take_controlling_terminal():
    """Runs in the interpreter's child after setsid: its pty becomes the controlling terminal,
    so the Ctrl-C that the terminal turns into SIGINT has a process group to reach."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def unread_bytes(fd):
    buf = fcntl.ioctl(fd, termios.FIONREAD, struct.pack("i", 0))
    return struct.unpack("i", buf)[0]


class Pacer:
    """Token bucket: `rate` bytes per second, a UART FIFO's worth of burst."""

    def __init__(self, rate):
        self.rate = rate
        self.tokens = UART_FIFO
        self.last = time.monotonic()

    def allowance(self):
        if not self.rate:
            return 1 << 20
        now = time.monotonic()
        self.tokens = min(UART_FIFO, self.tokens + (now - self.last) * self.rate)
        self.last = now
        return int(self.tokens)

    def spend(self, n):
        if self.rate:
            self.tokens -= n


WASMBOARD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wasmboard", "wasmboard.mjs")


class Interpreter:
    """One run of the board's interpreter on its own pty, from boot to exit."""

    def __init__(self, args, home, raw):
        self.master, slave = pty.openpty()
        self.slave = slave  # kept open to ask how much input is still unread
        self.sent_raw_request = False
        self.forwarded = 0  # bytes written to the interpreter's terminal
        if args.port_kind == "wasm":
            self.start_wasm(args, raw)
        else:
            self.start_unix(args, home, raw)
        os.set_blocking(self.master, False)
        # Readable once the process ends: a soft reset is seen at once, not at the next tick.
        try:
            self.exited = os.pidfd_open(self.process.pid)
        except (AttributeError, OSError):
            self.exited = None

    def start_wasm(self, args, raw):
        """The WebAssembly port handles soft reset itself, so it only ends if it fails; it reads
        Ctrl-C as a byte (no terminal signals), and its own output needs no filtering."""
        tty.setraw(self.slave)
        self.interrupts_by_signal = False
        self.ready = True
        self.booting = False
        argv = [args.node, WASMBOARD, "--root", args.root]
        if raw:
            argv.append("--raw")
        self.process = subprocess.Popen(
            argv,
            stdin=self.slave,
            stdout=self.slave,
            start_new_session=True,
            close_fds=True,
        )

    def start_unix(self, args, home, raw):
        slave = self.slave
        set_raw_keep_signals(slave)
        self.interrupts_by_signal = True
        self.ready = False  # input is held until the runtime can take it (READY_MARKER)
        self.early_output = b""
        self.booting = raw  # swallowing output until the raw REPL banner appears
        self.boot_output = b""
        romfs = None
        if args.romfs_partition:
            device = args.romfs_kind == "block"
            romfs = (args.romfs_file, args.romfs_block_size, device)
        code = boot_code(args.root, run_main=not raw, romfs=romfs)
        argv = [args.micropython, "-i", "-c", code]
        env = dict(os.environ, HOME=home)
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=take_controlling_terminal,
            close_fds=True,
        )

    def close(self):
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        for fd in (self.master, self.slave, self.exited):
            if fd is None:
                continue
            try:
                os.close(fd)
            except OSError:
                pass


class Board:
    def __init__(self, args):
        self.args = args
        self.home = os.path.join(args.state, "home")
        os.makedirs(self.home, exist_ok=True)
        self.rate = args.baud // 10 if args.baud else 0
        self.cut_remaining = args.cut_after
        self.raw_mode = False
        self.to_board = bytearray()
        self.to_client = bytearray()
        self.pending_interrupt = None  # (deadline, unread bytes when 0x03 was forwarded)
        self.recent_output = b""
        self.output_tail = b""
        self.client_stalled_since = None  # when a write to the host last found its buffer full
        self.plug_in()
        self.interpreter = Interpreter(args, self.home, raw=False)

    # --- the client-facing port -------------------------------------------------------------
    def plug_in(self):
        self.client, keep = pty.openpty()
        tty.setraw(keep)
        self.keepalive = keep  # held so the port survives clients closing it
        os.set_blocking(self.client, False)
        path = os.ttyname(keep)
        if self.args.link:
            tmp = self.args.link + ".new"
            if os.path.lexists(tmp):
                os.unlink(tmp)
            os.symlink(path, tmp)
            os.replace(tmp, self.args.link)
            path = self.args.link
        self.up_pacer = Pacer(self.rate)
        self.down_pacer = Pacer(self.rate)
        print(f"PORT {path}", flush=True)

    def unplug(self):
        for fd in (self.client, self.keepalive):
            try:
                os.close(fd)
            except OSError:
                pass
        self.client = None
        if self.args.link and os.path.lexists(self.args.link):
            os.unlink(self.args.link)
        self.interpreter.close()
        self.to_board.clear()
        self.to_client.clear()
        print("UNPLUGGED", flush=True)

    def count_cut(self, n):
        if self.cut_remaining is None:
            return False
        self.cut_remaining -= n
        return self.cut_remaining <= 0

    # --- the interpreter ---------------------------------------------------------------------
    def restart(self):
        """The unix port ended (soft reset): boot again like a board."""
        self.interpreter.close()
        self.to_client += SOFT_REBOOT
        self.interpreter = Interpreter(self.args, self.home, raw=self.raw_mode)
        self.pending_interrupt = None
        self.recent_output = b""

    def on_interpreter_output(self, data):
        interp = self.interpreter
        if not interp.ready:
            # Until the runtime is up, a Ctrl-C would kill the process instead of raising
            # KeyboardInterrupt, so client input waits for this marker.
            interp.early_output += data
            if READY_MARKER not in interp.early_output:
                return
            before, data = interp.early_output.split(READY_MARKER, 1)
            interp.ready = True
            data = before + data
            if not data:
                return
        if interp.booting:
            interp.boot_output += data
            if not interp.sent_raw_request and interp.boot_output.endswith(FRIENDLY_PROMPT):
                os.write(interp.master, b"\x01")
                interp.sent_raw_request = True
            if RAW_BANNER in interp.boot_output:
                interp.booting = False
                self.to_client += RAW_BANNER
                rest = interp.boot_output.split(RAW_BANNER, 1)[1]
                self.to_client += rest
            return
        # The banner comes in two writes (text, then '>'), so it may span reads.
        self.recent_output = (self.recent_output + data)[-2 * len(RAW_BANNER) :]
        if RAW_BANNER in self.recent_output:
            self.raw_mode = True
            self.recent_output = b""
        if RAW_BANNER in data or data.endswith(FRIENDLY_PROMPT):
            # A REPL prompt after a 0x03 means the interpreter took it: input that is still
            # unread later belongs to the next program, not to an ignored interrupt.
            self.pending_interrupt = None
        self.to_client += data
        self.output_tail = (self.output_tail + data)[-64:]

    def on_client_input(self, data):
        # Ctrl-B leaves the raw REPL only at its prompt: to a running program (an upload, a
        # mount's answers) 0x02 is just a byte of data.
        at_prompt = self.output_tail.endswith(b"\x04>") or self.output_tail.endswith(RAW_BANNER)
        if self.raw_mode and at_prompt and data.lstrip(b"\r").startswith(b"\x02"):
            self.raw_mode = False
        self.to_board += data

    def forward_to_board(self):
        interp = self.interpreter
        if not interp.ready or interp.booting or not self.to_board:
            return
        n = min(len(self.to_board), self.up_pacer.allowance())
        if n <= 0:
            return
        try:
            written = os.write(interp.master, bytes(self.to_board[:n]))
        except BlockingIOError:
            return
        except OSError:
            return
        chunk = bytes(self.to_board[:written])
        del self.to_board[:written]
        self.up_pacer.spend(written)
        interp.forwarded += written
        if b"\x03" in chunk and interp.interrupts_by_signal:
            # Stream position just past the last 0x03: once the interpreter has read that far,
            # the byte was taken as data (code that called micropython.kbd_intr(-1)).
            position = interp.forwarded - (len(chunk) - 1 - chunk.rindex(b"\x03"))
            self.pending_interrupt = (time.monotonic() + 0.15, position)

    def forward_to_client(self):
        if self.client is None or not self.to_client:
            return
        n = min(len(self.to_client), self.down_pacer.allowance())
        if self.cut_remaining is not None:
            n = min(n, self.cut_remaining)
        if n <= 0:
            return
        try:
            written = os.write(self.client, bytes(self.to_client[:n]))
        except (BlockingIOError, OSError):
            if self.client_stalled_since is None:
                self.client_stalled_since = time.monotonic()
            # Nobody is reading: a board's output is lost when no host listens.
            if len(self.to_client) > 65536 and not self.slow_client_holds_output():
                del self.to_client[: len(self.to_client) - 65536]
            return
        self.client_stalled_since = None
        del self.to_client[:written]
        self.down_pacer.spend(written)
        if self.count_cut(written):
            self.cut()

    def slow_client_holds_output(self):
        """The WebAssembly board prints a file's bytes in one burst, faster than a host reads
        them: its output waits (as a USB board's does) for a reader that is behind, and is
        dropped only once nobody has read for a while."""
        if self.args.port_kind != "wasm" or self.client_stalled_since is None:
            return False
        return time.monotonic() - self.client_stalled_since < SLOW_CLIENT_GRACE

    def check_interrupt(self):
        """A 0x03 still unread after a while means signals are off (raw-paste): send SIGINT."""
        if self.pending_interrupt is None:
            return
        deadline, position = self.pending_interrupt
        if time.monotonic() < deadline:
            return
        self.pending_interrupt = None
        interp = self.interpreter
        consumed = interp.forwarded - unread_bytes(interp.slave)
        if consumed < position and interp.process.poll() is None:
            termios.tcflush(interp.slave, termios.TCIFLUSH)
            os.kill(interp.process.pid, signal.SIGINT)

    def cut(self):
        self.unplug()
        self.cut_remaining = None
        if self.args.replug_after is not None:
            time.sleep(self.args.replug_after)
            self.plug_in()
            self.raw_mode = False
            self.interpreter = Interpreter(self.args, self.home, raw=False)

    # --- main loop --------------------------------------------------------------------------
    def serve(self):
        while True:
            if self.client is None and self.args.replug_after is None:
                return  # unplugged for good: nothing left to serve
            interp = self.interpreter
            # On a paced link the board's output blocks once the link's buffers are full.
            backed_up = self.args.baud and self.client is not None and len(self.to_client) >= OUTPUT_BACKLOG
            if len(self.to_client) > 65536 and self.slow_client_holds_output():
                backed_up = True
            readers = [] if backed_up else [interp.master]
            if not backed_up and interp.exited is not None:
                readers.append(interp.exited)
            if self.args.exit_on_stdin_eof:
                readers.append(sys.stdin.fileno())
            if self.client is not None:
                readers.append(self.client)
            busy = self.to_board or self.to_client or self.pending_interrupt
            ready, _, _ = select.select(readers, [], [], 0.001 if busy else 0.05)
            if self.args.exit_on_stdin_eof and sys.stdin.fileno() in ready:
                if not os.read(sys.stdin.fileno(), 1024):
                    return
            if interp.master in ready:
                try:
                    data = os.read(interp.master, 4096)
                except (BlockingIOError, InterruptedError):
                    data = None
                except OSError:
                    data = b""
                if data:
                    self.on_interpreter_output(data)
                elif data == b"" or interp.process.poll() is not None:
                    interp.process.wait()
                    self.restart()
                    continue
            elif not backed_up and interp.process.poll() is not None:
                self.drain_interpreter()
                self.restart()
                continue
            if self.client is not None and self.client in ready:
                try:
                    data = os.read(self.client, 4096)
                except (BlockingIOError, InterruptedError):
                    data = b""
                except OSError:
                    data = b""
                if data:
                    if self.cut_remaining is not None:
                        data = data[: max(self.cut_remaining, 0)]
                    self.on_client_input(data)
                    if self.count_cut(len(data)):
                        self.cut()
                        continue
            self.forward_to_board()
            self.forward_to_client()
            self.check_interrupt()

    def drain_interpreter(self):
        while True:
            try:
                data = os.read(self.interpreter.master, 4096)
            except OSError:
                return
            if not data:
                return
            self.on_interpreter_output(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", required=True, help="folder that is the board's filesystem")
    parser.add_argument("--baud", type=int, default=0, help="pace the link (0: unpaced)")
    parser.add_argument("--cut-after", type=int, help="unplug after this many bytes")
    parser.add_argument("--replug-after", type=float, help="seconds until it comes back")
    parser.add_argument("--link", help="stable path: a symlink to the current port")
    parser.add_argument(
        "--exit-on-stdin-eof", action="store_true", help="stop when the parent closes stdin"
    )
    parser.add_argument("--state", help="folder for HOME (default: a folder beside --root)")
    parser.add_argument(
        "--romfs-partition", type=int, default=0, help="give the board a ROM partition of SIZE bytes"
    )
    parser.add_argument(
        "--romfs-block-size", type=int, default=4096, help="erase block of the ROM partition"
    )
    parser.add_argument(
        "--romfs-kind",
        choices=["memory", "block"],
        default="memory",
        help="partition as a memoryview written with rom_ioctl (stm32, rp2) or as a block device (esp32)",
    )
    parser.add_argument(
        "--romfs-file", help="file holding the ROM partition (default: romfs0.bin in --state)"
    )
    parser.add_argument(
        "--port-kind",
        choices=["unix", "wasm"],
        default="unix",
        help="the board: the unix port, or the WebAssembly port run by node (tests/wasmboard)",
    )
    parser.add_argument("--node", default="node", help="node, for --port-kind wasm")
    parser.add_argument(
        "--micropython",
        default=os.path.join(os.path.dirname(sys.executable), "micropython"),
        help="the unix port (default: micropython beside this python)",
    )
    args = parser.parse_args()
    if args.port_kind == "wasm" and args.romfs_partition:
        parser.error("--romfs-partition needs --port-kind unix")
    args.root = os.path.abspath(args.root)
    os.makedirs(args.root, exist_ok=True)
    if args.state is None:
        args.state = args.root.rstrip("/") + ".state"
    os.makedirs(args.state, exist_ok=True)
    if args.romfs_partition:
        if args.romfs_file is None:
            args.romfs_file = os.path.join(args.state, "romfs0.bin")
        args.romfs_file = os.path.abspath(args.romfs_file)
        if not os.path.exists(args.romfs_file):
            with open(args.romfs_file, "wb") as f:
                f.write(b"\xff" * args.romfs_partition)

    def stop(*_):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    board = Board(args)
    try:
        board.serve()
    finally:
        board.interpreter.close()
        if args.link and os.path.lexists(args.link):
            os.unlink(args.link)


if __name__ == "__main__":
    main()
