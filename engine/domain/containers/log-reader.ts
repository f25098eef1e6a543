// Reads conmon's k8s-file log: "<RFC3339Nano local time> <stdout|stderr> <F|P> <content>"; P records
// are partial lines that continue in the next record of the same stream.
import { createReadStream, existsSync, statSync, watch } from 'node:fs';
import { createInterface } from 'node:readline';

export interface LogEntry { time: string; stream: 'stdout' | 'stderr'; line: Buffer }
export interface ReadLogOptions { since?: number; until?: number; tail?: number; follow?: boolean; isDone?: () => boolean; signal?: AbortSignal }

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

/** Joins partial records, applies since/until (ms epoch) and tail, and optionally follows the file. */
export async function* readLog(file: string, opts: ReadLogOptions = {}): AsyncGenerator<LogEntry> {
  if (!existsSync(file)) { if (!opts.follow) return; }
  const entries: LogEntry[] = [];
  let offset = 0;
  const pending: Record<string, string> = { stdout: '', stderr: '' };
  const consume = async (collect: (e: LogEntry) => void) => {
    if (!existsSync(file)) return;
    const size = statSync(file).size;
    if (size < offset) offset = 0; // truncated (log-size-max): start over
    if (size === offset) return;
    const rl = createInterface({ input: createReadStream(file, { start: offset, end: size - 1 }), crlfDelay: Infinity });
    let consumed = 0;
    for await (const text of rl) {
      consumed += Buffer.byteLength(text) + 1;
      const rec = parseLogLine(text);
      if (!rec) continue;
      if (rec.partial) { pending[rec.stream] += rec.content; continue; }
      const content = pending[rec.stream] + rec.content;
      pending[rec.stream] = '';
      const t = Date.parse(rec.time);
      if (opts.since !== undefined && t < opts.since) continue;
      if (opts.until !== undefined && t > opts.until) continue;
      collect({ time: rec.time, stream: rec.stream, line: Buffer.from(`${content}\n`) });
    }
    offset += Math.min(consumed, size - offset);
  };
  await consume((e) => entries.push(e));
  const start = opts.tail !== undefined && opts.tail >= 0 ? Math.max(0, entries.length - opts.tail) : 0;
  for (const e of entries.slice(start)) yield e;
  if (!opts.follow) return;
  yield* follow(file, consume, opts);
}

async function* follow(file: string, consume: (collect: (e: LogEntry) => void) => Promise<void>, opts: ReadLogOptions): AsyncGenerator<LogEntry> {
  let wake: () => void = () => undefined;
  let watcher: ReturnType<typeof watch> | undefined;
  try { watcher = watch(file, () => wake()); } catch { /* poll */ }
  try {
    for (;;) {
      const batch: LogEntry[] = [];
      const done = opts.isDone?.() ?? false;
      await consume((e) => batch.push(e));
      for (const e of batch) yield e;
      if (done || opts.signal?.aborted) return;
      await new Promise<void>((r) => { wake = r; setTimeout(r, 250); });
    }
  } finally {
    watcher?.close();
  }
}
