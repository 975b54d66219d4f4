#!/usr/bin/env node
// A simulated MicroPython board: the MicroPython WebAssembly port (npm package
// @micropython/micropython-webassembly-pyscript) talking over this process's stdin and stdout as
// a board talks over its USB serial port. Unlike the unix port from PyPI, its
// `deflate.DeflateIO` can compress, so it stands for boards that can.
//
// Bytes read from stdin (by a worker thread: input.mjs) are fed one at a time to the port's
// event-driven REPL; its output goes to stdout unchanged. Code that reads `sys.stdin` waits for
// and gets the bytes that follow the command, as on a board.
//
// Bridged differences from a board (the port has no REPL loop of its own):
// - the filesystem is the port's in-memory one. It is loaded from --root at start and after
//   every soft reset, and compared with --root after every command (when the board is back at a
//   prompt) and before the first input that follows: a change on the board is written to
//   --root, a change made in --root meanwhile is copied to the board (the board wins when both
//   changed the same path);
// - soft reset (Ctrl-D in the friendly REPL, Ctrl-D on an empty raw REPL line, sys.exit())
//   starts a fresh interpreter: `MPY: soft reboot`, boot.py, then main.py and the banner
//   (friendly REPL) or the raw REPL banner again (when the raw REPL was active);
// - raw-paste mode (`\x05A\x01`) is answered `R\x00` (not supported), as by boards without it:
//   the port's raw-paste reader has no input to read from and would wait forever;
// - the port's filesystem raises OSError with Emscripten's errno numbers (ENOENT is 44, EEXIST
//   20, ...) while its `errno` module has MicroPython's (ENOENT 2, EEXIST 17): `open` and the `os`
//   file functions are wrapped at boot to raise MicroPython's numbers, as every board does;
// - the port's `binascii` is micropython-lib's pure-Python one, whose decoders take only bytes
//   (a board's C `binascii` also takes str): left as it is, so the tests show that upy sends
//   bytes;
// - code runs synchronously, so Ctrl-C reaches it only when it prints or reads stdin (a silent
//   loop cannot be interrupted); `micropython.kbd_intr(-1)` makes it a byte of input as on a
//   board.
//
// Usage: node wasmboard.mjs --root DIR [--heapsize BYTES] [--raw]
// (--raw: boot into the raw REPL, as after a soft reset while it was active.)
// Exits when stdin ends, after writing the board's files to --root.

import fs from "node:fs";
import path from "node:path";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript";

import { ByteQueue, Input } from "./input.mjs";
import { FolderMirror } from "./mirror.mjs";

const RAW_BANNER = Buffer.from("raw REPL; CTRL-B to exit\r\n>");
const FRIENDLY_BANNER_END = Buffer.from('Type "help()" for more information.\r\n');
const SOFT_REBOOT = Buffer.from("MPY: soft reboot\r\n");
const RAW_PASTE_REQUEST = Buffer.from("\x05A\x01");
const RAW_PASTE_REFUSED = Buffer.from("R\x00");
// What pyexec's event-driven REPL returns when it wants a soft reset.
const FORCED_EXIT = 0x100;
const PROMPTS = [Buffer.from(">>> "), Buffer.from("\x04>"), RAW_BANNER];
const FLUSH_AT = 4096;
const FLUSH_AFTER_MS = 5;
// Output kept to recognise prompts and banners (the friendly banner is ~100 bytes).
const TAIL = 160;
// What the Emscripten runtime creates at '/': a board's root holds only its own files. The open
// standard streams keep working without their /dev entries. /proc/self/fd lists open files and
// goes as a whole.
const RUNTIME_DIRS = ["/proc/self/fd", "/proc/self", "/proc"];
const RUNTIME_TREES = ["/tmp", "/home", "/dev"];

// Emscripten errno -> MicroPython errno, for the errors a filesystem raises.
const ERRNO_MAP = {
  63: 1, 44: 2, 29: 5, 8: 9, 6: 11, 48: 12, 2: 13, 10: 16, 20: 17, 75: 18, 43: 19, 54: 20, 31: 21,
  28: 22, 41: 23, 33: 24, 22: 27, 51: 28, 69: 30, 37: 36, 52: 38, 55: 39, 32: 40, 138: 95,
};
// Run at every boot, before boot.py: see the bridged differences above.
const BRIDGES = `
def _upy_errno_bridge():
    import os, builtins
    codes = ${JSON.stringify(ERRNO_MAP).replaceAll('"', "")}
    def bridged(f):
        def call(*args, **kwargs):
            try:
                return f(*args, **kwargs)
            except OSError as e:
                if e.errno in codes:
                    raise OSError(codes[e.errno])
                raise
        return call
    for name in ('stat', 'listdir', 'ilistdir', 'mkdir', 'rmdir', 'remove', 'unlink', 'rename',
                 'chdir', 'getcwd', 'statvfs'):
        if hasattr(os, name):
            setattr(os, name, bridged(getattr(os, name)))
    builtins.open = bridged(builtins.open)
    try:
        import io
        io.open = builtins.open
    except (ImportError, AttributeError, TypeError):
        pass
_upy_errno_bridge()
del _upy_errno_bridge

`;

function parseArgs(argv) {
  const args = { root: null, heapsize: 1024 * 1024, raw: false };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === "--root" && value !== undefined) {
      args.root = path.resolve(value);
      i++;
    } else if (argv[i] === "--raw") {
      args.raw = true;
    } else if (argv[i] === "--heapsize" && value !== undefined) {
      args.heapsize = Number.parseInt(value, 10);
      i++;
    } else {
      process.stderr.write(`wasmboard: unknown argument ${argv[i]}\n`);
      process.exit(2);
    }
  }
  if (!args.root || !Number.isFinite(args.heapsize) || args.heapsize <= 0) {
    process.stderr.write("usage: wasmboard.mjs --root DIR [--heapsize BYTES] [--raw]\n");
    process.exit(2);
  }
  fs.mkdirSync(args.root, { recursive: true });
  return args;
}

/** The serial link: input with a queue of bytes not yet taken, and buffered writes to stdout
 * that are flushed before waiting for input (the host may be waiting for them). */
class Link {
  constructor() {
    this.input = new Input();
    this.pending = new ByteQueue();
    this.output = Buffer.alloc(FLUSH_AT);
    this.outputSize = 0;
    this.tail = Buffer.alloc(0);
    this.written = 0;
    this.flushedAt = performance.now();
    this.closed = false;
  }

  /** Next input byte, waiting for it; null once stdin has ended. */
  takeByte() {
    if (!this.pending.length && !this.fill()) {
      return null;
    }
    return this.pending.shift();
  }

  /** Blocks until input arrives; false at end of input. */
  fill() {
    if (this.closed) {
      return false;
    }
    this.flush();
    if (!this.input.waitInto(this.pending)) {
      this.closed = true;
      return false;
    }
    return true;
  }

  /** Takes in what has arrived while code runs; true if it held `interruptChar` (removed from
   * the input, as a board's UART handler takes it). */
  takeInterrupt(interruptChar) {
    if (!this.input.arrived()) {
      return false;
    }
    const arrived = [];
    this.input.drainInto(arrived);
    let found = false;
    for (const byte of arrived) {
      if (byte === interruptChar) {
        found = true;
      } else {
        this.pending.push(byte);
      }
    }
    return found;
  }

  startsWith(bytes) {
    if (this.pending.length < bytes.length) {
      return false;
    }
    return bytes.every((b, i) => this.pending.at(i) === b);
  }

  write(bytes) {
    if (this.outputSize + bytes.length > this.output.length) {
      this.flush();
      if (bytes.length > this.output.length) {
        this.output = Buffer.alloc(bytes.length);
      }
    }
    this.output.set(bytes, this.outputSize);
    this.outputSize += bytes.length;
    this.written += bytes.length;
    // A program that prints slowly is seen printing, as on a board: lines go out as they
    // end, and anything goes out after a pause.
    if (bytes[bytes.length - 1] === 10 || performance.now() - this.flushedAt > FLUSH_AFTER_MS) {
      this.flush();
    }
  }

  flush() {
    if (!this.outputSize) {
      return;
    }
    const data = this.output.subarray(0, this.outputSize);
    this.tail = Buffer.concat([this.tail, data]).subarray(-TAIL);
    let offset = 0;
    while (offset < data.length) {
      try {
        offset += fs.writeSync(1, data, offset);
      } catch (error) {
        if (error.code !== "EAGAIN") {
          throw error;
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
      }
    }
    this.outputSize = 0;
    this.flushedAt = performance.now();
  }

  /** The latest output, flushed or not. */
  recent() {
    return Buffer.concat([this.tail, this.output.subarray(0, this.outputSize)]).subarray(-TAIL);
  }

  /** Whether the raw REPL is active after the latest output (`raw`: before it). */
  rawMode(raw) {
    const recent = this.recent();
    const rawAt = recent.lastIndexOf(RAW_BANNER);
    const friendlyAt = recent.lastIndexOf(FRIENDLY_BANNER_END);
    if (rawAt < 0 && friendlyAt < 0) {
      return raw;
    }
    return rawAt > friendlyAt;
  }

  atPrompt() {
    const recent = this.recent();
    return PROMPTS.some((prompt) => recent.subarray(-prompt.length).equals(prompt));
  }
}

/** One interpreter run, from boot to soft reset. */
class Interpreter {
  static async boot(link, args, raw) {
    const self = new Interpreter();
    self.link = link;
    self.mp = null;
    // Output is held back while booting into the raw REPL (the friendly banner is not shown).
    self.sink = (bytes) => self.print(bytes);
    self.mp = await loadMicroPython({
      heapsize: args.heapsize,
      linebuffer: false,
      stdout: (bytes) => self.sink(bytes),
      stderr: (bytes) => self.sink(bytes),
      stdin: () => self.readInput(),
    });
    const FS = self.mp.FS;
    for (const dir of RUNTIME_DIRS) {
      try {
        FS.rmdir(dir);
      } catch {
        // not made by this runtime version: nothing to remove
      }
    }
    for (const dir of RUNTIME_TREES) {
      removeTree(FS, dir);
    }
    FS.chdir("/");
    self.mirror = new FolderMirror(FS, args.root);
    self.mirror.load();
    self.mp.runPython(BRIDGES);
    self.runBootFiles(raw ? ["boot.py"] : ["boot.py", "main.py"]);
    self.mirror.sync();
    if (raw) {
      let held = Buffer.alloc(0);
      self.sink = (bytes) => {
        held = Buffer.concat([held, Buffer.from(bytes)]);
      };
      self.mp.replInit();
      self.mp.replProcessChar(0x01);
      self.sink = (bytes) => self.print(bytes);
      if (held.indexOf(RAW_BANNER) < 0) {
        link.write(held);
      } else {
        link.write(RAW_BANNER);
      }
    } else {
      self.mp.replInit();
    }
    return self;
  }

  /** Output of the port; while code runs (the interrupt character is set), input that arrived
   * meanwhile is looked at for it. */
  print(bytes) {
    this.link.write(bytes);
    if (!this.mp || !this.link.input.arrived()) {
      return;
    }
    const module = this.mp._module;
    const interruptChar = module._mp_hal_get_interrupt_char();
    if (interruptChar >= 0 && this.link.takeInterrupt(interruptChar)) {
      module._mp_sched_keyboard_interrupt();
    }
  }

  /** A byte for code reading stdin. The interrupt character (unless code turned it off with
   * micropython.kbd_intr(-1)) raises KeyboardInterrupt instead, as a board's UART handler does;
   * the read then ends short. */
  readInput() {
    const byte = this.link.takeByte();
    if (byte === null) {
      return null;
    }
    const module = this.mp._module;
    if (byte === module._mp_hal_get_interrupt_char()) {
      module._mp_sched_keyboard_interrupt();
      return null;
    }
    return byte;
  }

  runBootFiles(names) {
    // Ctrl-C interrupts boot.py and main.py, as on a board.
    const lines = ["import sys, micropython", "micropython.kbd_intr(3)"];
    for (const name of names) {
      lines.push(
        "try:",
        `    _f = open(${JSON.stringify(name)})`,
        "except OSError:",
        "    _f = None",
        "if _f:",
        "    _c = _f.read()",
        "    _f.close()",
        "    try:",
        // compiled under the file's name, so tracebacks name it as a board's do
        `        exec(compile(_c, ${JSON.stringify(name)}, 'exec'), {'__name__': '__main__'})`,
        "    except (Exception, KeyboardInterrupt) as _e:",
        "        sys.print_exception(_e)",
      );
    }
    lines.push("micropython.kbd_intr(-1)", "_f = _c = _e = None", "del _f, _c, _e");
    try {
      this.mp.runPython(lines.join("\n"));
    } catch (error) {
      // SystemExit from boot.py, or an error escaping the guard: a board carries on to its REPL.
      if (error.name !== "PythonError") {
        throw error;
      }
    }
  }
}

/** Removes an Emscripten directory with everything in it, as far as the runtime allows. */
function removeTree(FS, dir) {
  let names;
  try {
    names = FS.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === "." || name === "..") {
      continue;
    }
    const entry = `${dir}/${name}`;
    try {
      if (FS.isDir(FS.lstat(entry).mode)) {
        removeTree(FS, entry);
      } else {
        FS.unlink(entry);
      }
    } catch {
      // kept by the runtime: the mirror hides what is left at '/'
    }
  }
  try {
    FS.rmdir(dir);
  } catch {
    // not empty: hidden by the mirror
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const link = new Link();
  let raw = args.raw;
  let interp = await Interpreter.boot(link, args, raw);
  // Output written when the files were last compared: a command ran if there is more now.
  let comparedAt = link.written;
  let resting = true; // at a prompt after a comparison: --root may change before the next input
  for (;;) {
    if (!link.pending.length && !link.fill()) {
      break;
    }
    if (resting) {
      interp.mirror.sync();
      resting = false;
    }
    if (raw && link.atPrompt() && link.startsWith(RAW_PASTE_REQUEST)) {
      link.pending.drop(RAW_PASTE_REQUEST.length);
      link.write(RAW_PASTE_REFUSED);
      continue;
    }
    const before = link.written;
    const result = interp.mp.replProcessChar(link.pending.shift());
    if (link.written !== before) {
      raw = link.rawMode(raw);
    }
    if (result & FORCED_EXIT) {
      interp.mirror.sync();
      link.write(SOFT_REBOOT);
      interp = await Interpreter.boot(link, args, raw);
      comparedAt = link.written;
      resting = true;
      continue;
    }
    if (!link.pending.length && link.written !== comparedAt && link.atPrompt()) {
      interp.mirror.sync();
      comparedAt = link.written;
      resting = true;
    }
  }
  interp.mirror.sync();
  link.flush();
}

await main();
