#!/usr/bin/env python3
"""An emulated ESP ROM serial bootloader on a pseudo-terminal.

It speaks the SLIP-framed request/response protocol of the ROM bootloaders of the ESP32,
ESP32-S2, ESP32-S3, ESP32-C3, ESP32-C6 and ESP8266, and of the flasher stub that flashing tools upload into RAM,
with an in-memory flash backed by a file (so a test can compare it with an image after the
flashing tool has exited).

What it models, because flashing tools depend on it:
- SYNC answered eight times; the ROM's status is 4 bytes on ESP32-class chips and 2 bytes on
  the ESP8266 and in the stub; unsupported commands get status (1, 0x05).
- Chip identity: the magic word at 0x40001000 and, on chips whose ROM has it,
  GET_SECURITY_INFO with the chip id (ESP32-S3: 9, ESP32-C3: 5, ESP32-C6: 13; the S2's
  answer has none).
- The SPI flash controller enough for flash-id detection (RDID through the USR registers).
- FLASH_BEGIN/DATA/END (with the data checksum, and the ESP8266 ROM's habit of erasing more
  than asked for), the stub's compressed FLASH_DEFL_*, MD5 of a region, ERASE_FLASH and
  ERASE_REGION (stub only), CHANGE_BAUDRATE, MEM_BEGIN/DATA/END followed by the stub's "OHAI"
  greeting.
- Pacing: with --pace the link runs at the current baud rate (10 bits per byte) in both
  directions, so timings match a real UART.
- Unplugging: with --cut-after N the link disappears after N received bytes and a fresh
  pseudo-terminal replaces it at the same path, with the chip back in its ROM bootloader.
- --corrupt-at ADDR: a bad flash cell, so verification has something to catch.
- --app: the chip runs MicroPython instead of the bootloader; it answers the raw REPL and enters
  the ROM bootloader when the code it runs calls machine.bootloader(). Code that reads
  sys.implementation gets --app-version, --app-machine and --app-build, one a line.

Usage: emulator.py --chip esp32 --link /tmp/x/ttyESP --flash /tmp/x/flash.bin [--pace]
It prints "READY <path>" on stdout once the link exists.
"""

import argparse
import hashlib
import mmap
import os
import queue
import select
import threading
import struct
import sys
import time
import tty
import zlib

SLIP_END, SLIP_ESC, SLIP_ESC_END, SLIP_ESC_ESC = 0xC0, 0xDB, 0xDC, 0xDD

CMD = {
    "FLASH_BEGIN": 0x02, "FLASH_DATA": 0x03, "FLASH_END": 0x04,
    "MEM_BEGIN": 0x05, "MEM_END": 0x06, "MEM_DATA": 0x07, "SYNC": 0x08,
    "WRITE_REG": 0x09, "READ_REG": 0x0A, "SPI_SET_PARAMS": 0x0B, "SPI_ATTACH": 0x0D,
    "CHANGE_BAUDRATE": 0x0F, "FLASH_DEFL_BEGIN": 0x10, "FLASH_DEFL_DATA": 0x11,
    "FLASH_DEFL_END": 0x12, "SPI_FLASH_MD5": 0x13, "GET_SECURITY_INFO": 0x14,
    "ERASE_FLASH": 0xD0, "ERASE_REGION": 0xD1, "RUN_USER_CODE": 0xD3,
}

ERR_INVALID_MESSAGE = 0x05
ERR_FAILED_TO_ACT = 0x06
ERR_INVALID_CRC = 0x07
ERR_FLASH_WRITE = 0x08
ERR_DEFLATE = 0x0B

MAGIC_REG = 0x40001000
SPI_USR_BIT = 1 << 18
FLASH_WINBOND = 0x40EF  # manufacturer and memory type; the size id (log2 of bytes) goes above
FLASH_SECTOR = 0x1000

CHIPS = {
    "esp32": dict(name="ESP32", magic=0x00F01D83, security_id=None, rom_status=4,
                  spi_base=0x3FF42000, usr2=0x24, w0=0x80, uart_clkdiv=0x3FF40014,
                  xtal_mhz=40, clk_divider=1, rom_baud_change=True, rom_md5=True),
    "esp32s3": dict(name="ESP32-S3", magic=0x00000009, security_id=9, rom_status=4,
                    spi_base=0x60002000, usr2=0x20, w0=0x58, uart_clkdiv=0x60000014,
                    xtal_mhz=40, clk_divider=1, rom_baud_change=True, rom_md5=True),
    "esp32c3": dict(name="ESP32-C3", magic=0x6921506F, security_id=5, rom_status=4,
                    spi_base=0x60002000, usr2=0x20, w0=0x58, uart_clkdiv=0x60000014,
                    xtal_mhz=40, clk_divider=1, rom_baud_change=True, rom_md5=True),
    # The ESP32-S2 ROM answers GET_SECURITY_INFO without the chip id (12 bytes): tools fall
    # back to the magic word.
    "esp32s2": dict(name="ESP32-S2", magic=0x000007C6, security_id=None, security_short=True,
                    rom_status=4, spi_base=0x3F402000, usr2=0x20, w0=0x58,
                    uart_clkdiv=0x3F400014, xtal_mhz=40, clk_divider=1, rom_baud_change=True,
                    rom_md5=True),
    "esp32c6": dict(name="ESP32-C6", magic=0x2CE0806F, security_id=13, rom_status=4,
                    spi_base=0x60003000, usr2=0x20, w0=0x58, uart_clkdiv=0x60000014,
                    xtal_mhz=40, clk_divider=1, rom_baud_change=True, rom_md5=True),
    "esp8266": dict(name="ESP8266", magic=0xFFF0C101, security_id=None, rom_status=2,
                    spi_base=0x60000200, usr2=0x24, w0=0x40, uart_clkdiv=0x60000014,
                    xtal_mhz=26, clk_divider=2, rom_baud_change=False, rom_md5=False),
}


def log(args, message):
    if args.log:
        with open(args.log, "a") as f:
            f.write(f"{time.monotonic():.3f} {message}\n")


class Link:
    """The pseudo-terminal, its stable path, and the paced clock of each direction."""

    def __init__(self, path, pace):
        self.path = path
        self.pace = pace
        self.baud = 115200
        self.master = None
        self.slave = None
        self.in_clock = 0.0
        self.out_clock = 0.0
        self.open()

    def open(self):
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        tmp = self.path + ".new"
        if os.path.lexists(tmp):
            os.unlink(tmp)
        os.symlink(os.ttyname(self.slave), tmp)
        os.replace(tmp, self.path)
        self.in_clock = self.out_clock = 0.0
        self.received = queue.Queue()
        self.stop_reader = threading.Event()
        threading.Thread(target=self._reader, args=(self.master, self.received, self.stop_reader),
                         daemon=True).start()

    def close(self):
        self.stop_reader.set()
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass
        if os.path.lexists(self.path):
            os.unlink(self.path)

    def byte_time(self, count):
        return count * 10.0 / self.baud if self.pace else 0.0

    def read(self, timeout):
        """The next received chunk, released no earlier than the paced wire would deliver it.

        A reader thread takes bytes off the pty as soon as they are written and notes when,
        like a UART receiving while the CPU works: the time spent handling a command then
        overlaps the transfer of the next one instead of adding to it."""
        try:
            arrived, data = self.received.get(timeout=timeout)
        except queue.Empty:
            return b""
        if self.pace and data:
            self.in_clock = max(self.in_clock, arrived) + self.byte_time(len(data))
            delay = self.in_clock - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        return data

    def _reader(self, master, received, stop):
        while not stop.is_set():
            try:
                ready, _, _ = select.select([master], [], [], 0.1)
                # After an unplug the descriptor number may belong to the next pty already.
                if not ready or stop.is_set():
                    continue
                data = os.read(master, 65536)
            except (OSError, ValueError):
                return
            if not data:
                return
            received.put((time.monotonic(), data))

    def write(self, data):
        if self.pace:
            now = time.monotonic()
            self.out_clock = max(self.out_clock, now) + self.byte_time(len(data))
            delay = self.out_clock - now
            if delay > 0:
                time.sleep(delay)
        view = memoryview(data)
        while view:
            try:
                written = os.write(self.master, view)
            except BlockingIOError:
                time.sleep(0.001)
                continue
            except OSError:
                return
            view = view[written:]


def slip_encode(payload):
    out = bytearray([SLIP_END])
    for b in payload:
        if b == SLIP_END:
            out += bytes([SLIP_ESC, SLIP_ESC_END])
        elif b == SLIP_ESC:
            out += bytes([SLIP_ESC, SLIP_ESC_ESC])
        else:
            out.append(b)
    out.append(SLIP_END)
    return bytes(out)


class SlipDecoder:
    """Splits the byte stream into frames; works on whole chunks (bytes.find/replace) so that
    decoding keeps up with fast links."""

    def __init__(self):
        self.buffer = bytearray()
        self.in_frame = False

    def feed(self, data):
        frames = []
        self.buffer += data
        while True:
            if not self.in_frame:
                start = self.buffer.find(b"\xc0")
                if start < 0:
                    self.buffer.clear()
                    return frames
                del self.buffer[:start + 1]
                self.in_frame = True
            end = self.buffer.find(b"\xc0")
            if end < 0:
                return frames
            raw = bytes(self.buffer[:end])
            del self.buffer[:end + 1]
            if not raw:
                # Two END bytes in a row: the second one opens the frame.
                continue
            # 0xDB only ever starts an escape in the stream, so these replacements are exact.
            frames.append(raw.replace(b"\xdb\xdc", b"\xc0").replace(b"\xdb\xdd", b"\xdb"))
            self.in_frame = False


class Chip:
    """The bootloader state machine: ROM, or the stub once it has been uploaded."""

    def __init__(self, args, flash):
        self.args = args
        self.spec = CHIPS[args.chip]
        self.flash = flash
        self.reset()

    def reset(self):
        self.stub = False
        self.registers = {}
        self.write_plan = None
        self.inflate = None
        self.mem_entry = None
        self.app_mode = self.args.app
        self.repl_buffer = b""
        self.raw_repl = False

    # ---- responses -------------------------------------------------------------------------

    def status_len(self):
        return 2 if self.stub else self.spec["rom_status"]

    def respond(self, op, value=0, data=b"", error=0):
        status = bytes([1 if error else 0, error]) + b"\x00" * (self.status_len() - 2)
        body = data + status
        return slip_encode(struct.pack("<BBHI", 1, op, len(body), value) + body)

    # ---- flash -----------------------------------------------------------------------------

    def erase(self, offset, size):
        start = offset - offset % FLASH_SECTOR
        end = min(len(self.flash), -(-(offset + size) // FLASH_SECTOR) * FLASH_SECTOR)
        if start < end:
            self.flash[start:end] = b"\xff" * (end - start)

    def program(self, offset, data):
        end = offset + len(data)
        if end > len(self.flash):
            return False
        self.flash[offset:end] = data
        bad = self.args.corrupt_at
        if bad is not None and offset <= bad < end:
            # A flash cell that does not keep what was written.
            self.flash[bad] ^= 0x01
        return True

    @staticmethod
    def esp8266_rom_erase_length(offset, size):
        """The ESP8266 ROM's erase routine erases the sectors up to the next 64 KiB block
        boundary on top of the length asked for (tools compensate by asking for less)."""
        sectors = -(-size // FLASH_SECTOR)
        head = 16 - (offset // FLASH_SECTOR) % 16
        return (sectors + min(head, sectors)) * FLASH_SECTOR

    # ---- registers -------------------------------------------------------------------------

    def read_reg(self, addr, baud):
        spec = self.spec
        if addr == MAGIC_REG:
            return spec["magic"]
        if addr == spec["uart_clkdiv"]:
            return int(spec["xtal_mhz"] * 1e6 * spec["clk_divider"] / baud) & 0xFFFFF
        return self.registers.get(addr, 0)

    def write_reg(self, addr, value, mask):
        old = self.registers.get(addr, 0)
        value = (old & ~mask) | (value & mask)
        spec = self.spec
        if addr == spec["spi_base"] and value & SPI_USR_BIT:
            command = self.registers.get(spec["spi_base"] + spec["usr2"], 0) & 0xFFFF
            flash_id = FLASH_WINBOND | ((len(self.flash).bit_length() - 1) << 16)
            self.registers[spec["spi_base"] + spec["w0"]] = flash_id if command == 0x9F else 0
            value &= ~SPI_USR_BIT
        self.registers[addr] = value & 0xFFFFFFFF

    # ---- commands --------------------------------------------------------------------------

    def handle(self, frame, link):
        """Returns (response bytes, action) where action is None, 'stub', 'baud:N' or 'reboot'."""
        if len(frame) < 8 or frame[0] != 0:
            return b"", None
        _, op, size, checksum = struct.unpack("<BBHI", frame[:8])
        data = frame[8:8 + size]
        spec = self.spec
        is8266 = self.args.chip == "esp8266"

        if op == CMD["SYNC"]:
            if data[:4] != b"\x07\x07\x12\x20":
                return self.respond(op, error=ERR_INVALID_MESSAGE), None
            value = 0 if self.stub else 0x20120707
            return b"".join(self.respond(op, value) for _ in range(8)), None
        if op == CMD["READ_REG"]:
            (addr,) = struct.unpack("<I", data[:4])
            return self.respond(op, self.read_reg(addr, link.baud)), None
        if op == CMD["WRITE_REG"]:
            for i in range(0, len(data) - 15, 16):
                addr, value, mask, _delay = struct.unpack("<IIII", data[i:i + 16])
                self.write_reg(addr, value, mask)
            return self.respond(op), None
        if op == CMD["GET_SECURITY_INFO"]:
            if spec.get("security_short"):
                return self.respond(op, data=struct.pack("<IB7s", 0, 0, b"\x00" * 7)), None
            if spec["security_id"] is None:
                return self.respond(op, error=ERR_INVALID_MESSAGE), None
            info = struct.pack("<IB7sII", 0, 0, b"\x00" * 7, spec["security_id"], 0)
            return self.respond(op, data=info), None
        if op == CMD["SPI_SET_PARAMS"]:
            return self.respond(op), None
        if op == CMD["SPI_ATTACH"]:
            if is8266 and not self.stub:
                return self.respond(op, error=ERR_INVALID_MESSAGE), None
            return self.respond(op), None
        if op == CMD["MEM_BEGIN"]:
            return self.respond(op), None
        if op == CMD["MEM_DATA"]:
            if len(data) < 16 or checksum != self.checksum(data[16:]):
                return self.respond(op, error=ERR_INVALID_CRC), None
            return self.respond(op), None
        if op == CMD["MEM_END"]:
            flag, entry = struct.unpack("<II", data[:8])
            response = self.respond(op)
            if flag == 0 and entry:
                return response, "stub"
            return response, None
        if op == CMD["FLASH_BEGIN"]:
            erase_size, blocks, block_size, offset = struct.unpack("<IIII", data[:16])
            if offset + min(erase_size, blocks * block_size) > len(self.flash):
                return self.respond(op, error=ERR_FAILED_TO_ACT), None
            if is8266 and not self.stub:
                self.erase(offset, self.esp8266_rom_erase_length(offset, erase_size))
            else:
                self.erase(offset, erase_size)
            self.write_plan = dict(offset=offset, block_size=block_size, blocks=blocks, seq=0)
            return self.respond(op), None
        if op == CMD["FLASH_DATA"]:
            plan = self.write_plan
            if plan is None or len(data) < 16:
                return self.respond(op, error=ERR_FAILED_TO_ACT), None
            length, seq = struct.unpack("<II", data[:8])
            block = data[16:16 + length]
            if len(block) != length or checksum != self.checksum(block):
                return self.respond(op, error=ERR_INVALID_CRC), None
            if seq != plan["seq"]:
                return self.respond(op, error=ERR_FAILED_TO_ACT), None
            if not self.program(plan["offset"] + seq * plan["block_size"], block):
                return self.respond(op, error=ERR_FLASH_WRITE), None
            plan["seq"] += 1
            return self.respond(op), None
        if op == CMD["FLASH_END"]:
            (stay,) = struct.unpack("<I", data[:4]) if len(data) >= 4 else (1,)
            self.write_plan = None
            return self.respond(op), (None if stay else "reboot")
        if op in (CMD["FLASH_DEFL_BEGIN"], CMD["FLASH_DEFL_DATA"], CMD["FLASH_DEFL_END"]):
            if is8266 and not self.stub:
                return self.respond(op, error=ERR_INVALID_MESSAGE), None
            return self.handle_deflate(op, data, checksum)
        if op == CMD["SPI_FLASH_MD5"]:
            if not self.stub and not spec["rom_md5"]:
                return self.respond(op, error=ERR_INVALID_MESSAGE), None
            addr, length = struct.unpack("<II", data[:8])
            if addr + length > len(self.flash):
                return self.respond(op, error=ERR_FAILED_TO_ACT), None
            digest = hashlib.md5(self.flash[addr:addr + length])
            payload = digest.digest() if self.stub else digest.hexdigest().encode()
            return self.respond(op, data=payload), None
        if op == CMD["CHANGE_BAUDRATE"]:
            if not self.stub and not spec["rom_baud_change"]:
                return self.respond(op, error=ERR_INVALID_MESSAGE), None
            (new_baud,) = struct.unpack("<I", data[:4])
            return self.respond(op), f"baud:{new_baud}"
        if op in (CMD["ERASE_FLASH"], CMD["ERASE_REGION"]):
            if not self.stub:
                return self.respond(op, error=ERR_INVALID_MESSAGE), None
            if op == CMD["ERASE_FLASH"]:
                self.erase(0, len(self.flash))
            else:
                offset, length = struct.unpack("<II", data[:8])
                if offset % FLASH_SECTOR or length % FLASH_SECTOR:
                    return self.respond(op, error=ERR_FAILED_TO_ACT), None
                self.erase(offset, length)
            return self.respond(op), None
        if op == CMD["RUN_USER_CODE"] and self.stub:
            return b"", "reboot"
        return self.respond(op, error=ERR_INVALID_MESSAGE), None

    def handle_deflate(self, op, data, checksum):
        if op == CMD["FLASH_DEFL_BEGIN"]:
            size, blocks, block_size, offset = struct.unpack("<IIII", data[:16])
            if offset + size > len(self.flash):
                return self.respond(op, error=ERR_FAILED_TO_ACT), None
            self.erase(offset, size)
            self.inflate = dict(offset=offset, size=size, written=0, seq=0,
                                decoder=zlib.decompressobj())
            return self.respond(op), None
        if op == CMD["FLASH_DEFL_DATA"]:
            state = self.inflate
            if state is None or len(data) < 16:
                return self.respond(op, error=ERR_FAILED_TO_ACT), None
            length, seq = struct.unpack("<II", data[:8])
            block = data[16:16 + length]
            if len(block) != length or checksum != self.checksum(block):
                return self.respond(op, error=ERR_INVALID_CRC), None
            if seq != state["seq"]:
                return self.respond(op, error=ERR_FAILED_TO_ACT), None
            try:
                out = state["decoder"].decompress(block)
            except zlib.error:
                return self.respond(op, error=ERR_DEFLATE), None
            if not self.program(state["offset"] + state["written"], out):
                return self.respond(op, error=ERR_FLASH_WRITE), None
            state["written"] += len(out)
            state["seq"] += 1
            return self.respond(op), None
        (stay,) = struct.unpack("<I", data[:4]) if len(data) >= 4 else (1,)
        self.inflate = None
        return self.respond(op), (None if stay else "reboot")

    @staticmethod
    def checksum(block):
        # XOR of all bytes, folded as one big integer (fast for 16 KiB blocks).
        width = 1
        while width < len(block):
            width *= 2
        folded = int.from_bytes(block, "little")
        bits = width * 8
        while bits > 8:
            bits //= 2
            folded = (folded >> bits) ^ (folded & ((1 << bits) - 1))
        return 0xEF ^ folded

    # ---- MicroPython running instead of the bootloader --------------------------------------

    def repl(self, data):
        """A minimal raw REPL: enough for a tool to call machine.bootloader()."""
        out = b""
        enter_bootloader = False
        for b in data:
            c = bytes([b])
            if c == b"\x01":
                self.raw_repl = True
                self.repl_buffer = b""
                out += b"raw REPL; CTRL-B to exit\r\n>"
            elif c == b"\x02":
                self.raw_repl = False
                out += b"\r\nMicroPython v1.29.0 on emulated board\r\n>>> "
            elif c == b"\x03":
                self.repl_buffer = b""
                out += b"\r\n>>> " if not self.raw_repl else b""
            elif c == b"\x04" and self.raw_repl:
                code = self.repl_buffer
                self.repl_buffer = b""
                out += b"OK"
                if b"machine.bootloader()" in code:
                    enter_bootloader = True
                    break
                if b"sys.implementation" in code:
                    answer = (self.args.app_version, self.args.app_machine, self.args.app_build)
                    out += "".join(line + "\r\n" for line in answer).encode()
                out += b"\x04\x04>"
            elif self.raw_repl:
                self.repl_buffer += c
            elif c == b"\r":
                out += b"\r\n>>> "
        return out, enter_bootloader


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chip", choices=sorted(CHIPS), default="esp32")
    parser.add_argument("--link", required=True, help="path of the symlink to the pty")
    parser.add_argument("--flash", required=True, help="file backing the flash")
    parser.add_argument("--flash-size", type=lambda s: int(s, 0), default=4 * 1024 * 1024)
    parser.add_argument("--pace", action="store_true", help="pace the link at the current baud")
    parser.add_argument("--cut-after", type=int, default=0,
                        help="unplug once after this many received bytes")
    parser.add_argument("--corrupt-at", type=lambda s: int(s, 0), default=None,
                        help="flip a bit at this flash address whenever it is written")
    parser.add_argument("--app", action="store_true",
                        help="start running MicroPython, not the bootloader")
    parser.add_argument("--app-version", default="1.29.0", help="version the app reports")
    parser.add_argument("--app-machine", default="emulated board with ESP32",
                        help="sys.implementation._machine the app reports")
    parser.add_argument("--app-build", default="", help="sys.implementation._build")
    parser.add_argument("--log", help="append a command log to this file")
    args = parser.parse_args()

    if not os.path.exists(args.flash) or os.path.getsize(args.flash) != args.flash_size:
        with open(args.flash, "wb") as f:
            f.write(b"\xff" * args.flash_size)
    flash_file = open(args.flash, "r+b")
    flash = mmap.mmap(flash_file.fileno(), args.flash_size)

    link = Link(args.link, args.pace)
    chip = Chip(args, flash)
    decoder = SlipDecoder()
    received = 0
    cut_pending = args.cut_after > 0
    print(f"READY {args.link}", flush=True)

    try:
        while True:
            data = link.read(0.5)
            if not data:
                continue
            received += len(data)
            if cut_pending and received >= args.cut_after:
                cut_pending = False
                log(args, f"unplug after {received} bytes")
                flash.flush()
                link.close()
                time.sleep(0.3)
                chip.reset()
                chip.app_mode = False
                decoder = SlipDecoder()
                link.baud = 115200
                link.open()
                continue
            if chip.app_mode:
                out, enter = chip.repl(data)
                link.write(out)
                if enter:
                    log(args, "machine.bootloader(): entering the ROM bootloader")
                    chip.app_mode = False
                    decoder = SlipDecoder()
                continue
            for frame in decoder.feed(data):
                response, action = chip.handle(frame, link)
                if len(frame) >= 2:
                    log(args, f"cmd 0x{frame[1]:02x} len {len(frame)} stub={chip.stub} -> {action}")
                if response:
                    link.write(response)
                if action == "stub":
                    chip.stub = True
                    link.write(slip_encode(b"OHAI"))
                elif action and action.startswith("baud:"):
                    link.baud = int(action[5:])
                elif action == "reboot":
                    flash.flush()
                    chip.reset()
                    chip.app_mode = False
                    link.baud = 115200
                    decoder = SlipDecoder()
    except KeyboardInterrupt:
        pass
    finally:
        flash.flush()
        link.close()


if __name__ == "__main__":
    sys.exit(main())
