// The board's input: stdin read by a worker thread into a ring shared with the main thread.
//
// Code runs synchronously on the main thread, so it cannot read stdin without blocking. With
// the reading done elsewhere, the main thread can look at what has arrived without waiting, each
// time the running code prints: the interrupt character reaches a program as it does through a
// board's UART interrupt.

import { Worker } from "node:worker_threads";

const CAPACITY = 1 << 16; // a power of two: counters wrap, indexes are masked
const WRITTEN = 0; // bytes put in the ring (wrapping counter)
const TAKEN = 1; // bytes taken out of it
const ENDED = 2; // 1 once stdin has ended

const READER = `
const { workerData } = require("node:worker_threads");
const fs = require("node:fs");
const state = new Int32Array(workerData, 0, 3);
const ring = new Uint8Array(workerData, 12);
const mask = ring.length - 1;
const chunk = Buffer.alloc(4096);
for (;;) {
  let n;
  try {
    n = fs.readSync(0, chunk, 0, chunk.length, null);
  } catch (error) {
    if (error.code === "EAGAIN") {
      Atomics.wait(state, ${ENDED}, 0, 2);
      continue;
    }
    n = 0; // EOF, EIO (the other end of the terminal closed)
  }
  if (n === 0) {
    Atomics.store(state, ${ENDED}, 1);
    Atomics.notify(state, ${WRITTEN});
    break;
  }
  let offset = 0;
  while (offset < n) {
    const written = Atomics.load(state, ${WRITTEN});
    const taken = Atomics.load(state, ${TAKEN});
    const free = ring.length - ((written - taken) | 0);
    if (free === 0) {
      Atomics.wait(state, ${TAKEN}, taken, 50);
      continue;
    }
    const count = Math.min(free, n - offset);
    for (let i = 0; i < count; i++) {
      ring[(written + i) & mask] = chunk[offset + i];
    }
    Atomics.store(state, ${WRITTEN}, (written + count) | 0);
    Atomics.notify(state, ${WRITTEN});
    offset += count;
  }
}
`;

export class Input {
  constructor() {
    const shared = new SharedArrayBuffer(12 + CAPACITY);
    this.state = new Int32Array(shared, 0, 3);
    this.ring = new Uint8Array(shared, 12);
    this.worker = new Worker(READER, { eval: true, workerData: shared });
    this.worker.unref();
  }

  /** Whether bytes have arrived that were not taken yet. */
  arrived() {
    return Atomics.load(this.state, WRITTEN) !== Atomics.load(this.state, TAKEN);
  }

  /** Moves the bytes that have arrived into `into` (an array), without waiting. */
  drainInto(into) {
    const written = Atomics.load(this.state, WRITTEN);
    const taken = Atomics.load(this.state, TAKEN);
    const count = (written - taken) | 0;
    for (let i = 0; i < count; i++) {
      into.push(this.ring[(taken + i) & (CAPACITY - 1)]);
    }
    Atomics.store(this.state, TAKEN, written);
    Atomics.notify(this.state, TAKEN);
    return count;
  }

  /** Waits until bytes arrive and moves them into `into`; false once stdin has ended. */
  waitInto(into) {
    for (;;) {
      if (this.drainInto(into)) {
        return true;
      }
      if (Atomics.load(this.state, ENDED)) {
        return this.drainInto(into) > 0;
      }
      // Bounded: an end of input signalled just before this wait is seen at the next turn.
      Atomics.wait(this.state, WRITTEN, Atomics.load(this.state, TAKEN), 100);
    }
  }
}

/** Bytes received and not yet taken, in order: a queue whose `shift` is O(1) (an array's is
 * O(n), and a burst of input puts up to the ring's capacity here at once). */
export class ByteQueue {
  constructor() {
    this.items = [];
    this.head = 0;
  }

  get length() {
    return this.items.length - this.head;
  }

  push(byte) {
    this.items.push(byte);
  }

  /** The byte `i` places from the front. */
  at(i) {
    return this.items[this.head + i];
  }

  shift() {
    if (this.head >= this.items.length) {
      return undefined;
    }
    const byte = this.items[this.head++];
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return byte;
  }

  /** Removes `count` bytes from the front. */
  drop(count) {
    for (let i = 0; i < count; i++) {
      this.shift();
    }
  }
}
