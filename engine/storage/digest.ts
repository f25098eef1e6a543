// Content addressing: sha256 digests, OCI chain ids, and a pass-through hasher for streams.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
export const sha256Digest = (data: string | Uint8Array) => `sha256:${sha256Hex(data)}`;
export const digestHex = (digest: string) => digest.replace(/^sha256:/, '');
export const isSha256Digest = (s: string) => /^sha256:[a-f0-9]{64}$/.test(s);

/** ChainID(L0) = DiffID(L0); ChainID(L0..n) = sha256(ChainID(L0..n-1) + " " + DiffID(Ln)), prefixes included. */
export function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  for (const diff of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? diff : sha256Digest(`${prev} ${diff}`));
  }
  return out;
}

/** A transform that hashes and counts what flows through it. */
export class DigestStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  size = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    cb(null, chunk);
  }

  /** Valid once the stream has ended. */
  digest(): string { return `sha256:${this.hash.copy().digest('hex')}`; }
}

/** Hashes an async chunk source as it is consumed (no buffering, unlike a Transform left unread). */
export class HashTap {
  private readonly hash: Hash = createHash('sha256');
  size = 0;

  async *wrap(src: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
    for await (const c of src) {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(c);
      this.hash.update(b);
      this.size += b.length;
      yield b;
    }
  }

  digest(): string { return `sha256:${this.hash.copy().digest('hex')}`; }
}

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** Sniff compression: media types lie (podman labels plain tars as gzip), magic numbers do not. */
export function sniffCompression(head: Uint8Array): 'gzip' | 'zstd' | 'none' {
  if (GZIP_MAGIC.every((b, i) => head[i] === b)) return 'gzip';
  if (ZSTD_MAGIC.every((b, i) => head[i] === b)) return 'zstd';
  return 'none';
}
