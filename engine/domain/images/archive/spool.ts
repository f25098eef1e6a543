// Image archives list their manifest last (docker save) or anywhere, so the outer tar is spooled to a
// temp dir first: regular files by index (names never become paths), symlinks kept as a name map.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { EngineError } from '../../../errors.js';
import { HashTap, sniffCompression } from '../../../storage/digest.js';
import { readTar, TarFormatError } from '../../../storage/tar/reader.js';
import { removeTreeForce } from '../../../storage/tree.js';

export interface SpooledFile { path: string; size: number; digest: string }

export class SpooledArchive {
  readonly files = new Map<string, SpooledFile>();
  readonly links = new Map<string, string>();
  constructor(readonly dir: string) {}

  /** Follow symlinks inside the archive (podman's <v1id>/layer.tar -> ../<diffid>.tar). */
  resolve(name: string): SpooledFile | undefined {
    let cur = normalizeName(name);
    for (let hops = 0; hops < 16; hops++) {
      const f = this.files.get(cur);
      if (f) return f;
      const target = this.links.get(cur);
      if (target === undefined) return undefined;
      cur = target.startsWith('/') ? normalizeName(target) : normalizeName(`${cur.slice(0, cur.lastIndexOf('/') + 1)}${target}`);
    }
    return undefined;
  }

  has(name: string) { return this.resolve(name) !== undefined; }

  readJson<T>(name: string): T {
    const f = this.resolve(name);
    if (!f) throw new EngineError('invalid-argument', 'archive-missing-file', `open ${join(this.dir, normalizeName(name))}: no such file or directory`);
    return JSON.parse(readFileSync(f.path, 'utf8')) as T;
  }

  readBytes(name: string): Buffer {
    const f = this.resolve(name);
    if (!f) throw new EngineError('invalid-argument', 'archive-missing-file', `open ${join(this.dir, normalizeName(name))}: no such file or directory`);
    return readFileSync(f.path);
  }

  cleanup() { return removeTreeForce(this.dir); }
}

/** `./a/../b/` → `b`; names never leave the archive root. */
export function normalizeName(name: string): string {
  const out: string[] = [];
  for (const seg of name.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** Undo gzip when the stream starts with its magic (docker load accepts compressed archives). */
export async function* decompressed(src: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const it = src[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head = Buffer.from(first.value);
  async function* rest(): AsyncGenerator<Buffer> {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield Buffer.from(r.value);
  }
  const kind = sniffCompression(head);
  if (kind === 'zstd') throw new EngineError('invalid-argument', 'zstd-unsupported', 'zstd compressed archives are not supported');
  if (kind === 'none') { yield* rest(); return; }
  const gunzip = createGunzip();
  const feeding = pipeline(Readable.from(rest()), gunzip).catch((e) => gunzip.destroy(e));
  for await (const c of gunzip) yield c as Buffer;
  await feeding;
}

export async function spoolArchive(src: AsyncIterable<Buffer | string>, tmpRoot: string): Promise<SpooledArchive> {
  const dir = join(tmpRoot, `docker-import-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const archive = new SpooledArchive(dir);
  try {
    let n = 0;
    for await (const e of readTar(decompressed(src))) {
      const name = normalizeName(e.header.name);
      if (e.header.type === 'symlink') archive.links.set(name, e.header.linkname);
      else if (e.header.type === 'link') archive.links.set(name, `/${normalizeName(e.header.linkname)}`);
      if (e.header.type !== 'file') continue;
      const path = join(dir, String(n++));
      const tap = new HashTap();
      await pipeline(tap.wrap(e.body()), createWriteStream(path, { mode: 0o600 }));
      archive.files.set(name, { path, size: tap.size, digest: tap.digest() });
    }
  } catch (e) {
    await archive.cleanup();
    if (e instanceof TarFormatError) throw new EngineError('invalid-argument', 'bad-archive', `Error processing tar file(exit status 1): ${e.message}`);
    throw e;
  }
  return archive;
}
