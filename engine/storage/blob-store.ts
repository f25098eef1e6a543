// Content by digest under <blobs>/sha256/<hex>. Writes go to a temp file on the same filesystem, are
// hashed and verified on the way, fsynced, then renamed: a reader never sees a partial blob.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EngineError } from '../errors.js';
import { digestHex, HashTap, isSha256Digest, sha256Digest } from './digest.js';

export class DigestMismatchError extends EngineError {
  constructor(expected: string, actual: string) {
    super('invalid-argument', 'digest-mismatch', `digest mismatch: expected ${expected}, got ${actual}`);
  }
}

export class BlobStore {
  constructor(readonly root: string) {
    mkdirSync(join(root, 'sha256'), { recursive: true, mode: 0o700 });
    mkdirSync(join(root, 'tmp'), { recursive: true, mode: 0o700 });
  }

  path(digest: string): string {
    if (!isSha256Digest(digest)) throw new EngineError('invalid-argument', 'bad-digest', `invalid digest ${digest}`);
    return join(this.root, 'sha256', digestHex(digest));
  }

  has(digest: string): boolean { return isSha256Digest(digest) && existsSync(this.path(digest)); }
  size(digest: string): number { return statSync(this.path(digest)).size; }
  readBytes(digest: string): Buffer { return readFileSync(this.path(digest)); }
  open(digest: string): Readable { return createReadStream(this.path(digest), { highWaterMark: 1 << 20 }); }
  delete(digest: string): void { rmSync(this.path(digest), { force: true }); }

  /** A temp path next to the blobs, for callers that spool data before they know its digest. */
  tempPath(): string { return join(this.root, 'tmp', `${process.pid}-${randomBytes(6).toString('hex')}`); }

  async putBytes(data: Uint8Array, expected?: string): Promise<string> {
    const digest = sha256Digest(data);
    if (expected && expected !== digest) throw new DigestMismatchError(expected, digest);
    if (!this.has(digest)) await this.commit(digest, async (tmp) => { await pipeline([Buffer.from(data)], createWriteStream(tmp, { mode: 0o600 })); });
    return digest;
  }

  /** Stream into the store; verify against `expected` when given. */
  async putStream(src: AsyncIterable<Buffer | string>, expected?: string): Promise<{ digest: string; size: number }> {
    const tap = new HashTap();
    const tmp = this.tempPath();
    try {
      await pipeline(tap.wrap(src), createWriteStream(tmp, { mode: 0o600 }));
      const digest = tap.digest();
      if (expected && expected !== digest) throw new DigestMismatchError(expected, digest);
      await fsyncFile(tmp);
      if (this.has(digest)) rmSync(tmp, { force: true });
      else await rename(tmp, this.path(digest));
      return { digest, size: tap.size };
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  /** Adopt an already written temp file whose digest the caller computed. */
  async adopt(tmp: string, digest: string): Promise<void> {
    if (this.has(digest)) { rmSync(tmp, { force: true }); return; }
    await fsyncFile(tmp);
    await rename(tmp, this.path(digest));
  }

  private async commit(digest: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const tmp = this.tempPath();
    try {
      await write(tmp);
      await fsyncFile(tmp);
      await rename(tmp, this.path(digest));
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  /** Remove temp files left by killed processes. */
  cleanupStale(isAlive: (pid: number) => boolean): void {
    const dir = join(this.root, 'tmp');
    for (const name of safeReaddir(dir)) {
      const pid = Number(name.split('-')[0]);
      if (!isAlive(pid)) rmSync(join(dir, name), { force: true, recursive: true });
    }
  }
}

async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try { await fh.sync(); } finally { await fh.close(); }
}

function safeReaddir(dir: string): string[] {
  try { return readdirSync(dir); } catch { return []; }
}
