// Container filesystem changes from the overlay upper dir, shaped like Docker 20.10's naive diff
// (which overlay2 uses): a 0/0 char device is a deletion, an opaque dir deletes what it hid, an entry
// absent below is added, one whose stat differs is modified, and a directory with changes inside is
// reported modified before them.
import type { Stats } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { FilesystemChange } from './types.js';
import { isWhiteout, type LowerView } from './lower-view.js';

export interface UpperInfo {
  upper: string;
  lower: LowerView;
  /** Opaque dirs of the upper (relative paths), from its xattrs. */
  opaque: Set<string>;
  /** Relative paths never reported (engine-made mountpoints). */
  ignore?: (rel: string, st: Stats) => boolean;
  /** vfs: `upper` is the whole rootfs, so anything below that it lacks was deleted. */
  full?: boolean;
}

const MODIFIED = 0;
const ADDED = 1;
const DELETED = 2;

// docker parity: moby pkg/archive changes_unix.go statDifferent (dirs: no size or mtime).
export function statDifferent(a: Stats, b: Stats): boolean {
  if (a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid || a.rdev !== b.rdev) return true;
  if (a.isDirectory()) return false;
  const sameTime = Math.floor(a.mtimeMs / 1000) === Math.floor(b.mtimeMs / 1000) && (a.mtimeMs === b.mtimeMs || a.mtimeMs % 1000 === 0 || b.mtimeMs % 1000 === 0);
  return !sameTime || a.size !== b.size;
}

export async function upperChanges(info: UpperInfo): Promise<FilesystemChange[]> {
  const out: FilesystemChange[] = [];
  await walk(info, '', false, out);
  return out;
}

/** Changes inside dir rel (not rel itself). `fresh`: rel is new, so everything below is added. */
async function walk(info: UpperInfo, rel: string, fresh: boolean, out: FilesystemChange[]): Promise<void> {
  const names = (await fsp.readdir(rel ? join(info.upper, rel) : info.upper).catch(() => [] as string[])).sort();
  const deleted: string[] = [];
  for (const name of names) {
    const childRel = rel ? `${rel}/${name}` : name;
    const st = await fsp.lstat(join(info.upper, childRel)).catch(() => undefined);
    if (!st || info.ignore?.(childRel, st)) continue;
    if (isWhiteout(st)) {
      if (!fresh && info.lower.stat(childRel)) deleted.push(childRel);
      continue;
    }
    const below = fresh ? undefined : info.lower.stat(childRel);
    const childFresh = fresh || !below || !below.isDirectory();
    const start = out.length;
    let reported = false;
    if (!below) { out.push({ Path: `/${childRel}`, Kind: ADDED }); reported = true; }
    else if (statDifferent(below, st)) { out.push({ Path: `/${childRel}`, Kind: MODIFIED }); reported = true; }
    if (st.isDirectory()) {
      await walk(info, childRel, childFresh, out);
      if (!childFresh && (info.full || info.opaque.has(childRel))) await opaqueDeletions(info, childRel, out);
      if (!reported && out.length > start) out.splice(start, 0, { Path: `/${childRel}`, Kind: MODIFIED });
    }
  }
  for (const d of deleted) out.push({ Path: `/${d}`, Kind: DELETED });
  if (info.full && rel === '') await opaqueDeletions(info, '', out);
}

/** An opaque dir over a lower dir deletes every lower child the upper does not have itself. */
async function opaqueDeletions(info: UpperInfo, rel: string, out: FilesystemChange[]): Promise<void> {
  const mine = new Set(await fsp.readdir(rel ? join(info.upper, rel) : info.upper).catch(() => [] as string[]));
  for (const name of info.lower.children(rel)) {
    if (!mine.has(name)) out.push({ Path: `/${rel ? `${rel}/` : ''}${name}`, Kind: DELETED });
  }
}
