// Keeps the port's in-memory filesystem and a host folder the same, both ways.
//
// Each side is compared with the state both had at the last comparison: what changed on one
// side is copied to the other; when both changed the same path the board wins (it is the device
// under test). Board files are compared by content, host files by size, inode and mtime.

import fs from "node:fs";
import path from "node:path";

const DIR = "dir";

export class FolderMirror {
  /** `FS`: the Emscripten filesystem object; `root`: the host folder that is the board's '/'. */
  constructor(FS, root) {
    this.FS = FS;
    this.root = root;
    this.synced = new Map();
    // Whatever the runtime left at '/' is not part of the board's filesystem.
    this.hidden = new Set(this.FS.readdir("/").filter((name) => name !== "." && name !== ".."));
  }

  /** Puts the host folder's contents on the (fresh) board. */
  load() {
    this.synced = new Map();
    this.sync();
  }

  sync() {
    const board = this.walkBoard();
    const host = this.walkHost();
    const paths = [...new Set([...board.keys(), ...host.keys(), ...this.synced.keys()])].sort();
    const plan = [];
    for (const p of paths) {
      const b = board.get(p);
      const h = host.get(p);
      const s = this.synced.get(p);
      if (!sameBoard(b, s)) {
        plan.push({ path: p, toHost: true, want: b, have: h });
      } else if (!sameHost(h, s)) {
        plan.push({ path: p, toHost: false, want: h, have: b });
      }
    }
    if (plan.length) {
      // Removals deepest first, then creations parents first.
      for (const step of [...plan].reverse()) {
        if (step.have !== undefined && (step.want === undefined || kind(step.want) !== kind(step.have))) {
          this.remove(step.toHost, step.path, step.have);
        }
      }
      for (const step of plan) {
        if (step.want !== undefined) {
          this.create(step.toHost, step.path, step.want);
        }
      }
    }
    this.record(plan.length ? this.walkBoard() : board, plan.length ? this.walkHost() : host);
  }

  record(board, host) {
    this.synced = new Map();
    for (const [p, b] of board) {
      const h = host.get(p);
      if (h === undefined || kind(h) !== kind(b)) {
        continue;
      }
      this.synced.set(p, b === DIR ? DIR : { data: b.data, stat: h.stat });
    }
  }

  // --- the two sides -----------------------------------------------------------------------

  walkBoard() {
    const found = new Map();
    const visit = (dir) => {
      for (const name of this.FS.readdir(dir)) {
        if (name === "." || name === ".." || (dir === "/" && this.hidden.has(name))) {
          continue;
        }
        const p = dir === "/" ? `/${name}` : `${dir}/${name}`;
        const mode = this.FS.lstat(p).mode;
        if (this.FS.isDir(mode)) {
          found.set(p, DIR);
          visit(p);
        } else if (this.FS.isFile(mode)) {
          found.set(p, { data: Buffer.from(this.FS.readFile(p)) });
        }
      }
    };
    visit("/");
    return found;
  }

  walkHost() {
    const found = new Map();
    const visit = (rel) => {
      let entries;
      try {
        entries = fs.readdirSync(path.join(this.root, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const p = `${rel}/${entry.name}`;
        if (entry.isDirectory()) {
          found.set(p, DIR);
          visit(p);
        } else if (entry.isFile()) {
          const stat = fs.statSync(path.join(this.root, p));
          found.set(p, { stat: `${stat.size}:${stat.ino}:${stat.mtimeMs}` });
        }
      }
    };
    visit("");
    return found;
  }

  remove(onHost, p, have) {
    try {
      if (onHost) {
        fs.rmSync(path.join(this.root, p), { recursive: true, force: true });
      } else if (have === DIR) {
        this.removeBoardTree(p);
      } else {
        this.FS.unlink(p);
      }
    } catch {
      // gone already (a removed parent took it along)
    }
  }

  removeBoardTree(p) {
    for (const name of this.FS.readdir(p)) {
      if (name === "." || name === "..") {
        continue;
      }
      const child = `${p}/${name}`;
      if (this.FS.isDir(this.FS.lstat(child).mode)) {
        this.removeBoardTree(child);
      } else {
        this.FS.unlink(child);
      }
    }
    this.FS.rmdir(p);
  }

  create(onHost, p, want) {
    if (onHost) {
      const target = path.join(this.root, p);
      if (want === DIR) {
        fs.mkdirSync(target, { recursive: true });
      } else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, want.data);
      }
    } else if (want === DIR) {
      this.FS.mkdirTree(p);
    } else {
      const parent = path.posix.dirname(p);
      if (parent !== "/") {
        this.FS.mkdirTree(parent);
      }
      this.FS.writeFile(p, fs.readFileSync(path.join(this.root, p)));
    }
  }
}

function kind(entry) {
  return entry === DIR ? DIR : "file";
}

function sameBoard(b, s) {
  if (b === undefined || s === undefined || b === DIR || s === DIR) {
    return b === s;
  }
  return b.data.equals(s.data);
}

function sameHost(h, s) {
  if (h === undefined || s === undefined || h === DIR || s === DIR) {
    return h === s;
  }
  return h.stat === s.stat;
}
