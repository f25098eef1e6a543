// Reads conmon's k8s-file log: "<RFC3339Nano local time> <stdout|stderr> <F|P> <content>"; P records
// are partial lines that continue in the next record of the same stream.
import { closeSync, existsSync, fstatSync, openSync, readSync, watch } from 'node:fs';

export interface LogEntry { time: string; stream: 'stdout' | 'stderr'; line: Buffer }
export interface ReadLogOptions {
  since?: number; until?: number; tail?: number; follow?: boolean; isDone?: () => boolean; signal?: AbortSignal;
  /** Skip what the file holds now (attach: only new output). */
  fromEnd?: boolean;
  /** Emit each record as written (partial lines too, for prompts) instead of joining lines. */
  raw?: boolean;
}

export function parseLogLine(text: string): { time: string; stream: 'stdout' | 'stderr'; partial: boolean; content: string } | undefined {
  const a = text.indexOf(' ');
  const b = text.indexOf(' ', a + 1);
  const c = text.indexOf(' ', b + 1);
  if (a < 0 || b < 0) return undefined;
  const stream = text.slice(a + 1, b);
  if (stream !== 'stdout' && stream !== 'stderr') return undefined;
  const tag = c < 0 ? text.slice(b + 1) : text.slice(b + 1, c);
  return { time: text.slice(0, a), stream, partial: tag === 'P', content: c < 0 ? '' : text.slice(c + 1) };
}

/** Incremental reader: each call returns the complete records appended since the last one. */
class LogCursor {
  private offset = 0;
  private readonly pending: Record<string, string> = { stdout: '', stderr: '' };
  private lastTime = '';
  constructor(private readonly file: string, private readonly opts: ReadLogOptions) {}

  skipToEnd(): void {
    try { const fd = openSync(this.file, 'r'); this.offset = fstatSync(fd).size; closeSync(fd); } catch { this.offset = 0; }
  }

  read(): LogEntry[] {
    const bytes = this.readNew();
    const out: LogEntry[] = [];
    for (const text of bytes.split('\n')) {
      const rec = text ? parseLogLine(text) : undefined;
      if (!rec) continue;
      const t = Date.parse(rec.time);
      if (this.opts.since !== undefined && t < this.opts.since) continue;
      if (this.opts.until !== undefined && t > this.opts.until) continue;
      if (this.opts.raw) { out.push({ time: rec.time, stream: rec.stream, line: Buffer.from(rec.partial ? rec.content : `${rec.content}\n`) }); continue; }
      if (rec.partial) { this.pending[rec.stream] += rec.content; this.lastTime = rec.time; continue; }
      out.push({ time: rec.time, stream: rec.stream, line: Buffer.from(`${this.pending[rec.stream]}${rec.content}\n`) });
      this.pending[rec.stream] = '';
    }
    return out;
  }

  /** Partial lines no F record ended (the output's last line had no newline): they are logged as they are. */
  flush(): LogEntry[] {
    const out: LogEntry[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const text = this.pending[stream]!;
      if (text) out.push({ time: this.lastTime, stream, line: Buffer.from(text) });
      this.pending[stream] = '';
    }
    return out;
  }

  /** Whole lines only: a record conmon is still writing stays for the next read. */
  private readNew(): string {
    let fd: number;
    try { fd = openSync(this.file, 'r'); } catch { return ''; }
    try {
      const size = fstatSync(fd).size;
      if (size < this.offset) this.offset = 0; // truncated by --log-size-max: start over
      if (size === this.offset) return '';
      const buf = Buffer.alloc(size - this.offset);
      const n = readSync(fd, buf, 0, buf.length, this.offset);
      const end = buf.lastIndexOf(0x0a, n - 1);
      if (end < 0) return '';
      this.offset += end + 1;
      return buf.subarray(0, end).toString('utf8');
    } finally {
      closeSync(fd);
    }
  }
}

/** Joins partial records, applies since/until (ms epoch) and tail, and optionally follows the file. */
export async function* readLog(file: string, opts: ReadLogOptions = {}): AsyncGenerator<LogEntry> {
  if (!existsSync(file) && !opts.follow) return;
  const cursor = new LogCursor(file, opts);
  if (opts.fromEnd) cursor.skipToEnd();
  // docker parity: json-file keeps a last line without newline as is; `logs` prints it without one.
  const first = opts.follow ? cursor.read() : [...cursor.read(), ...cursor.flush()];
  const start = opts.tail !== undefined && opts.tail >= 0 ? Math.max(0, first.length - opts.tail) : 0;
  for (const e of first.slice(start)) yield e;
  if (!opts.follow) return;
  yield* follow(file, cursor, opts);
}

async function* follow(file: string, cursor: LogCursor, opts: ReadLogOptions): AsyncGenerator<LogEntry> {
  let wake: () => void = () => undefined;
  let watcher: ReturnType<typeof watch> | undefined;
  try { watcher = watch(file, () => wake()); } catch { /* poll */ }
  try {
    for (;;) {
      // Check "done" before reading, so output written just before the exit is still read.
      const done = opts.isDone?.() ?? false;
      for (const e of cursor.read()) yield e;
      if (done) for (const e of cursor.flush()) yield e;
      if (done || opts.signal?.aborted) return;
      await new Promise<void>((r) => { wake = r; setTimeout(r, 100); });
    }
  } finally {
    watcher?.close();
  }
}
