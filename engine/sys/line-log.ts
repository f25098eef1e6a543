// A log of text lines that many processes append to and read at once. Each line is one write() on an
// O_APPEND descriptor, so concurrent writers never interleave; a file grown past its limit is renamed
// to <path>.1 (replacing the previous generation), so at most twice the limit is kept. Podman's events
// file logger rotates its file the same way. Readers follow the file across a rotation.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmdirSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LineLogOptions { maxBytes: number }

/** Appends one line (a newline is added); rotates the file once it is over the limit. */
export function appendLine(path: string, line: string, opts: LineLogOptions): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'a', 0o600);
  let size: number;
  try {
    writeSync(fd, Buffer.from(`${line}\n`));
    size = fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
  if (size > opts.maxBytes) rotate(path, opts.maxBytes);
}

const STALE_LOCK_MS = 10_000;

/** One rotator at a time (a mkdir lock): two renames in a row would drop a whole generation. */
function rotate(path: string, maxBytes: number): void {
  const lock = `${path}.rotating`;
  if (!takeLock(lock)) return;
  try {
    if (statSync(path).size > maxBytes) renameSync(path, `${path}.1`);
  } catch { /* someone else rotated it first */ } finally {
    try { rmdirSync(lock); } catch { /* already gone */ }
  }
}

function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    // A rotator that died leaves its lock behind; after a while it no longer counts.
    try {
      if (Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS) return false;
      rmdirSync(lock);
      mkdirSync(lock);
      return true;
    } catch {
      return false;
    }
  }
}

const CHUNK = 64 * 1024;
const NL = 0x0a;

/** Reads complete lines as they are appended, from the start of the kept generations or from the current end. */
export class LineTail {
  private fd: number | undefined;
  private ino = -1;
  private pos = 0;
  private rest: Buffer = Buffer.alloc(0);

  private constructor(private readonly path: string) {}

  /** Everything kept (<path>.1, then <path>) is read first. */
  static fromStart(path: string): { tail: LineTail; backlog: string[] } {
    const tail = new LineTail(path);
    tail.open(0);
    const backlog: string[] = [];
    const old = openFile(`${path}.1`);
    // A rotation between the two opens makes <path>.1 the file already open: read it once.
    if (old && old.ino !== tail.ino) backlog.push(...splitLines(readFrom(old.fd, 0)));
    if (old) closeSync(old.fd);
    backlog.push(...tail.read());
    return { tail, backlog };
  }

  /** Only lines appended from now on. */
  static fromEnd(path: string): LineTail {
    const tail = new LineTail(path);
    tail.open('end');
    return tail;
  }

  /** The complete lines appended since the last call. */
  read(): string[] {
    if (this.fd === undefined) this.open(0);
    if (this.fd === undefined) return [];
    let data = Buffer.concat([this.rest, this.drain()]);
    if (this.rotated()) {
      // Finish the old generation (a writer may still have been appending), then go on with the new file.
      data = Buffer.concat([data, this.drain()]);
      data = data.subarray(0, data.lastIndexOf(NL) + 1);
      this.close();
      this.open(0);
      if (this.fd !== undefined) data = Buffer.concat([data, this.drain()]);
    }
    const end = data.lastIndexOf(NL);
    this.rest = data.subarray(end + 1);
    return splitLines(data.subarray(0, end + 1));
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(at: number | 'end'): void {
    const f = openFile(this.path);
    if (!f) return;
    this.fd = f.fd;
    this.ino = f.ino;
    this.pos = at === 'end' ? f.size : at;
  }

  private drain(): Buffer {
    const data = readFrom(this.fd!, this.pos);
    this.pos += data.length;
    return data;
  }

  private rotated(): boolean {
    try { return statSync(this.path).ino !== this.ino; } catch { return false; /* renamed, not yet recreated */ }
  }
}

function openFile(path: string): { fd: number; ino: number; size: number } | undefined {
  try {
    const fd = openSync(path, 'r');
    const st = fstatSync(fd);
    return { fd, ino: st.ino, size: st.size };
  } catch {
    return undefined;
  }
}

function readFrom(fd: number, pos: number): Buffer {
  const parts: Buffer[] = [];
  for (;;) {
    const buf = Buffer.alloc(CHUNK);
    const n = readSync(fd, buf, 0, CHUNK, pos);
    if (n <= 0) break;
    pos += n;
    parts.push(buf.subarray(0, n));
  }
  return Buffer.concat(parts);
}

/** The complete lines of `data` (a write cut short leaves no newline). */
function splitLines(data: Buffer): string[] {
  const end = data.lastIndexOf(NL);
  return end < 0 ? [] : data.subarray(0, end).toString('utf8').split('\n').filter((l) => l !== '');
}
