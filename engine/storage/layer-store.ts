// Image layers by chain id: <layers>/<chainHex>/diff in overlay format, a short link l/<id> for mount
// options, and a record in the state store. A layer is applied into a temp dir and renamed into place,
// so a SIGKILL never leaves a half layer under its final name (stale temp dirs are swept later).
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from '../context.js';
import { EngineError } from '../errors.js';
import type { LayerRecord, StateStore } from '../state/store.js';
import { pidAlive } from '../sys/process.js';
import { digestHex, sha256Digest } from './digest.js';
import type { BlobStore } from './blob-store.js';
import type { FsOps } from './fs-ops.js';
import { applyLayer } from './layer-apply.js';
import { removeTreeForce } from './tree.js';

export interface LayerStoreOptions { rootless: boolean; ops: FsOps; log: Logger; clock?: () => Date }

const TMP_PREFIX = '.tmp-';
const OPAQUE_FILE = 'opaque.json';

export class DiffIdMismatchError extends EngineError {
  constructor(readonly expected: string, readonly actual: string) {
    super('invalid-argument', 'diffid-mismatch', `layer digest mismatch: expected ${expected}, got ${actual}`);
  }
}

/** A layer applied into a private temp dir, not yet installed under its chain id. */
export interface PreparedLayer { tmp: string; diffId: string; size: number }

export const chainIdOf = (parent: string, diffId: string) => (parent ? sha256Digest(`${parent} ${diffId}`) : diffId);

/** Pass chunks through while writing them to a file (the layer tar blob, hashed by the applier). */
async function* teeToFile(src: Readable | AsyncIterable<Buffer>, path: string): AsyncGenerator<Buffer> {
  const out = createWriteStream(path, { mode: 0o600 });
  try {
    for await (const c of src as AsyncIterable<Buffer>) {
      if (!out.write(c)) await once(out, 'drain');
      yield c;
    }
  } finally {
    out.end();
    await finished(out).catch(() => undefined);
  }
}

export class LayerStore {
  constructor(readonly root: string, private readonly state: StateStore, private readonly blobs: BlobStore, private readonly opts: LayerStoreOptions) {
    mkdirSync(join(root, 'l'), { recursive: true, mode: 0o700 });
  }

  dir(chainId: string) { return join(this.root, digestHex(chainId)); }
  diffDir(chainId: string) { return join(this.dir(chainId), 'diff'); }
  shortLink(chainId: string) { return `l/${digestHex(chainId).slice(0, 26)}`; }

  get(chainId: string): LayerRecord | undefined {
    const rec = this.state.getLayer(chainId);
    return rec && existsSync(this.diffDir(chainId)) ? rec : undefined;
  }

  /** The chain from this layer down to the base, each as a record (top first). */
  chain(chainId: string): LayerRecord[] {
    const out: LayerRecord[] = [];
    for (let id = chainId; id; ) {
      const rec = this.get(id);
      if (!rec) throw new EngineError('not-found', 'layer-missing', `layer ${id} does not exist`);
      out.push(rec);
      id = rec.Parent;
    }
    return out;
  }

  /** Directories marked opaque in the layer (relative paths), kept at apply time so no xattr read is needed. */
  opaqueDirs(chainId: string): Set<string> {
    try { return new Set(JSON.parse(readFileSync(join(this.dir(chainId), OPAQUE_FILE), 'utf8')) as string[]); } catch { return new Set(); }
  }

  /**
   * Apply an uncompressed layer tar on top of `parent` ('' for a base layer) and keep the tar itself
   * as a blob named by its diff id (for save and vfs). When `expectedDiffId` is given the tar must hash
   * to it. Returns the existing record when the chain is already stored.
   */
  async create(parent: string, tar: Readable | AsyncIterable<Buffer>, expectedDiffId?: string): Promise<LayerRecord> {
    if (parent && !this.get(parent)) throw new EngineError('not-found', 'layer-missing', `parent layer ${parent} does not exist`);
    if (expectedDiffId) {
      const existing = this.get(chainIdOf(parent, expectedDiffId));
      if (existing && this.blobs.has(expectedDiffId)) return existing;
      if (existing) { await this.blobs.putStream(tar, expectedDiffId); return existing; }
    }
    return this.commit(parent, await this.prepare(tar, { expectedDiffId }));
  }

  /**
   * First half of create, which needs no parent (a diff in overlay format stands alone): apply the tar
   * into a private temp dir, check its diff id and then `verify` (e.g. the compressed digest of a
   * download), and only then keep the tar blob. Parallel pulls prepare layers concurrently.
   */
  async prepare(tar: Readable | AsyncIterable<Buffer>, opts: { expectedDiffId?: string; verify?: () => void } = {}): Promise<PreparedLayer> {
    const tmp = join(this.root, `${TMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
    const tmpBlob = this.blobs.tempPath();
    mkdirSync(join(tmp, 'diff'), { recursive: true, mode: 0o755 });
    try {
      const r = await applyLayer(teeToFile(tar, tmpBlob), join(tmp, 'diff'), { ops: this.opts.ops, rootless: this.opts.rootless, warn: (m) => this.opts.log.warn(m) });
      if (opts.expectedDiffId && r.diffId !== opts.expectedDiffId) throw new DiffIdMismatchError(opts.expectedDiffId, r.diffId);
      opts.verify?.();
      await this.blobs.adopt(tmpBlob, r.diffId);
      writeFileSync(join(tmp, OPAQUE_FILE), JSON.stringify(r.opaqueDirs));
      return { tmp, diffId: r.diffId, size: r.size };
    } catch (e) {
      rmSync(tmpBlob, { force: true });
      await removeTreeForce(tmp).catch(() => undefined);
      throw e;
    }
  }

  /** Second half: install a prepared diff as the layer parent+diffId (idempotent if another process won). */
  async commit(parent: string, prepared: PreparedLayer): Promise<LayerRecord> {
    try {
      if (parent && !this.get(parent)) throw new EngineError('not-found', 'layer-missing', `parent layer ${parent} does not exist`);
      const chainId = chainIdOf(parent, prepared.diffId);
      const rec: LayerRecord = { ChainId: chainId, DiffId: prepared.diffId, Parent: parent, Size: prepared.size, Created: (this.opts.clock?.() ?? new Date()).toISOString() };
      await this.install(prepared.tmp, rec);
      return this.state.getLayer(chainId) ?? rec;
    } finally {
      await this.discard(prepared);
    }
  }

  /** Drop a prepared diff that will not be committed (no-op once committed). */
  async discard(prepared: PreparedLayer): Promise<void> {
    if (existsSync(prepared.tmp)) await removeTreeForce(prepared.tmp);
  }

  private async install(tmp: string, rec: LayerRecord): Promise<void> {
    const final = this.dir(rec.ChainId);
    if (!existsSync(join(final, 'diff'))) {
      if (existsSync(final)) await removeTreeForce(final); // a dir without diff is debris
      try {
        await rename(tmp, final);
      } catch (e) {
        // Another process installed the same layer between the check and the rename: theirs is as good.
        const code = (e as NodeJS.ErrnoException).code;
        if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !existsSync(join(final, 'diff'))) throw e;
      }
    }
    const link = join(this.root, this.shortLink(rec.ChainId));
    if (!existsSync(link)) {
      try { symlinkSync(`../${digestHex(rec.ChainId)}/diff`, link); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; }
    }
    if (!this.state.getLayer(rec.ChainId)) this.state.putLayer(rec);
  }

  /** Delete a layer's files, record and tar blob (callers decide it is unused). */
  async remove(chainId: string): Promise<void> {
    const rec = this.state.getLayer(chainId);
    this.state.deleteLayer(chainId);
    if (rec && !this.state.listLayers().some((l) => l.DiffId === rec.DiffId)) this.blobs.delete(rec.DiffId);
    rmSync(join(this.root, this.shortLink(chainId)), { force: true });
    await removeTreeForce(this.dir(chainId));
  }

  /** Sweep temp dirs of dead processes (a rename that did happen but lost its record heals on the next create). */
  async cleanupStale(): Promise<void> {
    for (const name of readdirSync(this.root)) {
      if (name.startsWith(TMP_PREFIX)) {
        const pid = Number(name.slice(TMP_PREFIX.length).split('-')[0]);
        if (!pidAlive(pid)) await removeTreeForce(join(this.root, name));
      }
    }
  }
}
