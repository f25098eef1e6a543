// The container's upper dir as an OCI layer tar (what `commit` stores): 0/0 char devices become
// `.wh.NAME`, opaque dirs get a `.wh..wh..opq` entry, hard links are found by inode, overlay xattrs
// stay behind and security.capability travels in PAX (as moby's archive package does).
import type { Stats } from 'node:fs';
import { createReadStream, promises as fsp } from 'node:fs';
import type { Readable } from 'node:stream';
import { emptyHeader, type TarHeader } from './tar/header.js';
import { packTar, type TarSource } from './tar/writer.js';
import { isWhiteout } from './lower-view.js';
import { OPAQUE_MARKER, WHITEOUT_PREFIX, baseOf, parentOf } from './tar-path.js';
import { walkTree } from './tree.js';

export interface DiffTarOptions {
  upper: string;
  opaque: Set<string>;
  /** Extended attributes by absolute path (from one getfattr run). */
  xattrs: Map<string, Map<string, Buffer>>;
  exclude?: (rel: string, st: Stats) => boolean;
}

// The files the engine bind-mounts over; an empty one in the upper dir is a mountpoint, not content.
const MOUNTPOINT_FILES = new Set(['etc/hosts', 'etc/hostname', 'etc/resolv.conf', 'run/.containerenv', '.dockerenv']);
export const isEngineMountpoint = (rel: string, st: Stats) => MOUNTPOINT_FILES.has(rel) && st.isFile() && st.size === 0;

const EXPORTED_XATTRS = new Set(['security.capability']);

export function devNumbers(rdev: number): { major: number; minor: number } {
  return { major: ((rdev >> 8) & 0xfff) | (Math.floor(rdev / 2 ** 32) & ~0xfff), minor: (rdev & 0xff) | ((rdev >> 12) & ~0xff & 0xfffff) };
}

export function diffTar(opts: DiffTarOptions): Readable {
  return packTar(diffEntries(opts));
}

export async function* diffEntries(opts: DiffTarOptions): AsyncGenerator<TarSource> {
  const links = new Map<string, string>();
  for await (const e of walkTree(opts.upper)) {
    if (opts.exclude?.(e.rel, e.st) || isEngineMountpoint(e.rel, e.st)) continue;
    if (isWhiteout(e.st)) {
      const dir = parentOf(e.rel);
      const name = `${dir ? `${dir}/` : ''}${WHITEOUT_PREFIX}${baseOf(e.rel)}`;
      // docker parity: moby overlayWhiteoutConverter — a plain 0600 file, no type bits in the mode.
      yield { header: { ...baseHeader(name, 'file', e.st, opts), mode: 0o600, uid: 0, gid: 0, xattrs: new Map(), bareMode: true } };
      continue;
    }
    const entry = await entryFor(e.rel, e.abs, e.st, opts, links);
    if (entry) yield entry;
    if (e.st.isDirectory() && opts.opaque.has(e.rel)) {
      // docker parity: moby's opaque marker keeps the dir's permissions and owner, with no time or type bits.
      yield { header: { ...baseHeader(`${e.rel}/${OPAQUE_MARKER}`, 'file', e.st, opts), mode: e.st.mode & 0o777, mtime: 0, xattrs: new Map(), bareMode: true } };
    }
  }
}

function baseHeader(name: string, type: TarHeader['type'], st: Stats, opts: DiffTarOptions, abs?: string): TarHeader {
  const xattrs = new Map<string, Buffer>();
  for (const [k, v] of (abs ? opts.xattrs.get(abs) : undefined) ?? []) if (EXPORTED_XATTRS.has(k)) xattrs.set(k, v);
  return { ...emptyHeader(name, type), mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000), xattrs };
}

export async function entryFor(rel: string, abs: string, st: Stats, opts: DiffTarOptions, links: Map<string, string>): Promise<TarSource | undefined> {
  if (st.isDirectory()) return { header: baseHeader(`${rel}/`, 'dir', st, opts, abs) };
  if (st.isSymbolicLink()) return { header: { ...baseHeader(rel, 'symlink', st, opts, abs), linkname: await fsp.readlink(abs) } };
  if (st.isFile()) {
    const key = `${st.dev}:${st.ino}`;
    const first = st.nlink > 1 ? links.get(key) : undefined;
    if (first) return { header: { ...baseHeader(rel, 'link', st, opts, abs), linkname: first } };
    if (st.nlink > 1) links.set(key, rel);
    return { header: { ...baseHeader(rel, 'file', st, opts, abs), size: st.size }, content: () => createReadStream(abs) };
  }
  if (st.isCharacterDevice() || st.isBlockDevice() || st.isFIFO()) {
    const type = st.isFIFO() ? 'fifo' : st.isCharacterDevice() ? 'char' : 'block';
    const { major, minor } = devNumbers(st.rdev);
    return { header: { ...baseHeader(rel, type, st, opts, abs), devmajor: major, devminor: minor } };
  }
  return undefined; // sockets are not layer content
}
