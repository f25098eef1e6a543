// A tar of a file tree as moby's archive.TarWithOptions writes it for `docker cp` and `docker export`:
// Go's walk order (names byte-sorted, parents first), directories named with a trailing '/', hard
// links as link entries to the first name seen, sockets skipped, mtimes in whole seconds, owner names
// looked up on the host. The named base can be renamed (TarResourceRebaseOpts).
// docker parity: moby 20.10 pkg/archive/archive.go TarWithOptions, addTarFile
import type { Stats } from 'node:fs';
import { createReadStream, promises as fsp, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { devNumbers } from '../../storage/diff-tar.js';
import { emptyHeader, type TarHeader } from '../../storage/tar/header.js';
import { readTar } from '../../storage/tar/reader.js';
import { packTar, type TarSource } from '../../storage/tar/writer.js';
import { localView, type FsView } from './fs-view.js';

export interface TarTreeOptions {
  /** The directory names are relative to. */
  srcDir: string;
  /** The entry of srcDir to archive ('.' for srcDir itself). */
  include: string;
  /** Emit srcDir itself when include is '.' (as "./"), else only what is below it. */
  includeSourceDir?: boolean;
  /** Replaces the first occurrence of `include` in every name ('/' means: drop it). */
  rebaseName?: string;
  /** Where the paths live (a container's view for `cp`); the local filesystem by default. */
  view?: FsView;
}

export function tarTree(opts: TarTreeOptions): Readable {
  return packTar(treeEntries(opts));
}

export async function* treeEntries(opts: TarTreeOptions): AsyncGenerator<TarSource> {
  const walkRoot = opts.include === '.' ? opts.srcDir : join(opts.srcDir, opts.include);
  const host = (opts.view ?? localView).hostOf;
  const seen = new Map<string, string>();
  for await (const [abs, st] of walk(walkRoot, host)) {
    let rel = relative(opts.srcDir, abs) || '.';
    if (!opts.includeSourceDir && rel === '.' && st.isDirectory()) continue;
    if (opts.includeSourceDir && opts.include === '.' && rel !== '.') rel = `./${rel}`;
    if (opts.rebaseName) {
      const replacement = opts.rebaseName === '/' ? '' : opts.rebaseName;
      rel = rel.replace(opts.include, () => replacement);
    }
    const entry = await entryFor(rel, host(abs), st, seen);
    if (entry) yield entry;
  }
}

/** filepath.Walk over view paths: lstat, the entry, then (for a directory) its children in byte order; unreadable entries are skipped. */
async function* walk(abs: string, host: (p: string) => string): AsyncGenerator<[string, Stats]> {
  const st = await fsp.lstat(host(abs)).catch(() => undefined);
  if (!st) return;
  yield [abs, st];
  if (!st.isDirectory()) return;
  const names = await fsp.readdir(host(abs)).catch(() => [] as string[]);
  names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) yield* walk(join(abs, name), host);
}

async function entryFor(rel: string, abs: string, st: Stats, seen: Map<string, string>): Promise<TarSource | undefined> {
  const type = typeOf(st);
  if (!type) return undefined; // archive/tar: sockets not supported
  const name = type === 'dir' && !rel.endsWith('/') ? `${rel}/` : rel;
  const header: TarHeader = {
    ...emptyHeader(name, type), mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000),
    uname: ownerNames().users.get(st.uid) ?? '', gname: ownerNames().groups.get(st.gid) ?? '',
  };
  if (type === 'symlink') header.linkname = await fsp.readlink(abs);
  if (type === 'char' || type === 'block') Object.assign(header, ((d) => ({ devmajor: d.major, devminor: d.minor }))(devNumbers(st.rdev)));
  if (type !== 'dir' && st.nlink > 1) {
    const key = `${st.dev}:${st.ino}`;
    const first = seen.get(key);
    if (first !== undefined) return { header: { ...header, type: 'link', linkname: first, size: 0 } };
    seen.set(key, name);
  }
  if (type !== 'file') return { header };
  header.size = st.size;
  return { header, content: () => exactly(abs, st.size) };
}

function typeOf(st: Stats): TarHeader['type'] | undefined {
  if (st.isDirectory()) return 'dir';
  if (st.isFile()) return 'file';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  if (st.isFIFO()) return 'fifo';
  return undefined;
}

/** A file's content cut or zero-padded to the size its header announced (a running container may change it meanwhile). */
async function* exactly(abs: string, size: number): AsyncGenerator<Buffer> {
  let left = size;
  for await (const chunk of createReadStream(abs) as AsyncIterable<Buffer>) {
    if (left <= 0) break;
    const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
    left -= part.length;
    yield part;
  }
  if (left > 0) yield Buffer.alloc(left);
}

let names: { users: Map<number, string>; groups: Map<number, string> } | undefined;

/** Go's tar.FileInfoHeader looks owner names up in the host's user and group databases. */
function ownerNames(): { users: Map<number, string>; groups: Map<number, string> } {
  names ??= { users: idNames('/etc/passwd'), groups: idNames('/etc/group') };
  return names;
}

function idNames(file: string): Map<number, string> {
  const out = new Map<number, string>();
  let text = '';
  try { text = readFileSync(file, 'utf8'); } catch { return out; }
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id !== undefined && /^\d+$/.test(id) && !out.has(Number(id))) out.set(Number(id), name);
  }
  return out;
}

/** RebaseArchiveEntries: the first occurrence of oldBase in every name (and hard link target) becomes newBase. */
export function rebaseTar(src: AsyncIterable<Buffer | string>, oldBase: string, newBase: string): Readable {
  const from = oldBase === '/' ? '' : oldBase;
  async function* entries(): AsyncGenerator<TarSource> {
    for await (const e of readTar(src)) {
      const h = { ...e.header, name: e.header.name.replace(from, () => newBase) };
      if (h.type === 'link') h.linkname = h.linkname.replace(from, () => newBase);
      yield { header: h, content: h.type === 'file' ? () => e.body() : undefined };
    }
  }
  return packTar(entries());
}
