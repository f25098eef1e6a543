// Fetch one layer blob straight into a prepared (not yet installed) layer: the compressed bytes are
// hashed as they stream through decompression and extraction, and only a blob whose digest matches
// is kept. When extraction fails first (a corrupt gzip stream), the rest of the body is read so the
// error can say what Docker says: the layer failed verification. Transient network failures retry.
import { createHash, type Hash } from 'node:crypto';
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import { TransportError } from '../../registry/errors.js';
import type { Descriptor } from '../../registry/manifest.js';
import type { BlobReply, Repository } from '../../registry/repository.js';
import { decompressLayer } from '../../storage/decompress.js';
import type { PreparedLayer } from '../../storage/layer-store.js';
import { ByteProgress, update, type ProgressSink } from './progress.js';
import { imageStorage } from './store.js';

const ATTEMPTS = 3;
const TRANSIENT = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_BODY_TIMEOUT', 'ECONNREFUSED']);

/** The compressed body as it is consumed, hashed and counted; `drain` reads what is left. */
class BodyReader {
  readonly hash: Hash = createHash('sha256');
  bytes = 0;
  private readonly it: AsyncIterator<Buffer>;
  private pending?: Promise<IteratorResult<Buffer>>;

  constructor(body: BlobReply['body'], private readonly progress: ByteProgress) { this.it = body[Symbol.asyncIterator](); }

  private take(c: Buffer) { this.hash.update(c); this.bytes += c.length; this.progress.add(c.length); }

  async *chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      this.pending = this.it.next();
      const r = await this.pending;
      this.pending = undefined;
      if (r.done) { this.progress.finish(); return; }
      this.take(r.value);
      yield r.value;
    }
  }

  /** Read the rest (up to `limit` bytes) so the digest covers the whole blob. */
  async drain(limit: number): Promise<void> {
    await this.pending?.catch(() => undefined);
    while (this.bytes <= limit) {
      const r = await this.it.next();
      if (r.done) return;
      this.take(r.value);
    }
  }

  digest(): string { return `sha256:${this.hash.copy().digest('hex')}`; }
}

export interface DownloadTarget { desc: Descriptor; diffId: string; id: string }

export async function downloadLayer(engine: Engine, repo: Repository, t: DownloadTarget, sink: ProgressSink | undefined, signal: AbortSignal): Promise<PreparedLayer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await downloadOnce(engine, repo, t, sink, signal);
    } catch (e) {
      if (attempt >= ATTEMPTS || signal.aborted || !isTransient(e)) throw e;
      // docker parity: moby distribution/xfer/download.go (shorter delays here)
      sink?.(update(t.id, `Retrying in ${attempt} second${attempt === 1 ? '' : 's'}`));
      await new Promise((r) => setTimeout(r, attempt * 1000));
    }
  }
}

function isTransient(e: unknown): boolean {
  if (e instanceof TransportError) return e.kind === 'unavailable' && !e.tlsFailure;
  const code = (e as NodeJS.ErrnoException)?.code ?? (e as { cause?: NodeJS.ErrnoException })?.cause?.code;
  return code !== undefined && TRANSIENT.has(code);
}

async function downloadOnce(engine: Engine, repo: Repository, t: DownloadTarget, sink: ProgressSink | undefined, signal: AbortSignal): Promise<PreparedLayer> {
  const reply = await repo.blob(t.desc.digest);
  const stop = () => reply.body.destroy(signal.reason instanceof Error ? signal.reason : new Error('pull aborted'));
  signal.addEventListener('abort', stop, { once: true });
  const body = new BodyReader(reply.body, new ByteProgress(sink, t.id, 'Downloading', t.desc.size));
  // docker parity: moby distribution/pull_v2.go (v2LayerDescriptor.Download)
  const unverified = () => new EngineError('invalid-argument', 'layer-digest-mismatch', `filesystem layer verification failed for digest ${t.desc.digest}`);
  try {
    return await imageStorage(engine).layers.prepare(decompressLayer(body.chunks()), {
      expectedDiffId: t.diffId,
      verify: () => {
        sink?.(update(t.id, 'Verifying Checksum'));
        if (body.digest() !== t.desc.digest) throw unverified();
        sink?.(update(t.id, 'Download complete'));
      },
    });
  } catch (e) {
    if (signal.aborted || (e instanceof EngineError && e.code === 'layer-digest-mismatch')) throw e;
    if (!isTransient(e)) {
      await body.drain(Math.max(t.desc.size, 0) + (1 << 20)).catch(() => undefined);
      if (body.digest() !== t.desc.digest) throw unverified();
    }
    if (e instanceof EngineError && e.code === 'diffid-mismatch') {
      throw new EngineError('invalid-argument', 'layer-diffid-mismatch', `failed to register layer: layer ${t.desc.digest} does not match the diff id the image config expects (${t.diffId})`);
    }
    throw e;
  } finally {
    signal.removeEventListener('abort', stop);
    reply.body.destroy();
  }
}
