// Progress of pull and push as Docker's JSON message stream (moby pkg/jsonmessage): the same objects
// feed the CLI renderer (terminal bars or plain lines) and the API's chunked JSON replies.
import { humanSize } from '../../format/index.js';

export interface ProgressDetail { current?: number; total?: number }

export interface JsonMessage {
  status?: string;
  id?: string;
  /** Present (possibly empty) on per-layer updates; absent on plain messages. */
  progressDetail?: ProgressDetail;
  aux?: Record<string, unknown>;
  error?: string;
  errorDetail?: { code?: number; message: string };
  stream?: string;
}

export type ProgressSink = (m: JsonMessage) => void;

/**
 * The bar and byte counts of a progress message. The CLI draws it at its terminal's width; the daemon
 * sends it as the deprecated `progress` field, drawn at 200 columns (it has no terminal).
 * docker parity: moby pkg/jsonmessage JSONProgress.String (no time left: the daemon sends no start)
 */
export function progressString(current = 0, total = 0, width = 80): string {
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize(current).padStart(8);
  const percentage = Math.min(50, Math.trunc(Math.trunc((current / total) * 100) / 2));
  const bar = width > 110 ? `[${'='.repeat(percentage)}>${' '.repeat(Math.max(0, 50 - percentage))}] ` : '';
  const numbers = current > total ? humanSize(current).padStart(8) : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  return bar + numbers;
}

/** moby pkg/progress Message: a line of its own (no progress detail). */
export const message = (status: string, id?: string): JsonMessage => (id ? { status, id } : { status });

/** moby pkg/progress Update: a per-id status with an empty progress detail. */
export const update = (id: string, status: string): JsonMessage => ({ status, progressDetail: {}, id });

/** Short form Docker uses as a layer's id in progress: 12 hex of a digest. */
export const progressId = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);

/** Byte progress for one id, throttled (Docker's progress reader updates every 512 KiB or so). */
export class ByteProgress {
  private current = 0;
  private lastSent = 0;
  private lastTime = 0;

  constructor(private readonly sink: ProgressSink | undefined, private readonly id: string, private readonly status: string, private readonly total: number, private readonly now: () => number = Date.now) {}

  add(n: number): void {
    this.current += n;
    if (!this.sink) return;
    const t = this.now();
    if (this.current - this.lastSent >= 512 * 1024 || t - this.lastTime >= 100) this.send(t);
  }

  /** The final update (current = bytes seen). */
  finish(): void { if (this.sink && this.current !== this.lastSent) this.send(this.now()); }

  get bytes(): number { return this.current; }

  private send(t: number): void {
    this.lastSent = this.current;
    this.lastTime = t;
    this.sink!({ status: this.status, progressDetail: { current: this.current, total: this.total }, id: this.id });
  }
}

/** Count the bytes of a stream into a progress reporter as they pass. */
export async function* counted(src: AsyncIterable<Buffer>, p: ByteProgress): AsyncGenerator<Buffer> {
  for await (const c of src) {
    p.add(c.length);
    yield c;
  }
  p.finish();
}
