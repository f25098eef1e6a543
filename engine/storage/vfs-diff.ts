// vfs has no upper dir: its layer tar and SizeRw are built from the naive change list instead
// (added/modified entries copied from the rootfs, deletions as whiteouts).
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { entryFor } from './diff-tar.js';
import { emptyHeader } from './tar/header.js';
import { packTar, type TarSource } from './tar/writer.js';
import { WHITEOUT_PREFIX, baseOf, parentOf } from './tar-path.js';
import type { FilesystemChange } from './types.js';

export function changesTar(rootfs: string, changes: FilesystemChange[]): Readable {
  return packTar(changeEntries(rootfs, changes));
}

async function* changeEntries(rootfs: string, changes: FilesystemChange[]): AsyncGenerator<TarSource> {
  const links = new Map<string, string>();
  for (const c of changes) {
    const rel = c.Path.slice(1);
    if (c.Kind === 2) {
      const dir = parentOf(rel);
      yield { header: { ...emptyHeader(`${dir ? `${dir}/` : ''}${WHITEOUT_PREFIX}${baseOf(rel)}`, 'file'), mode: 0o600, bareMode: true } };
      continue;
    }
    yield* singleEntry(rootfs, rel, links);
  }
}

async function* singleEntry(rootfs: string, rel: string, links: Map<string, string>): AsyncGenerator<TarSource> {
  const abs = join(rootfs, rel);
  const st = await fsp.lstat(abs).catch(() => undefined);
  const entry = st && (await entryFor(rel, abs, st, { upper: rootfs, opaque: new Set(), xattrs: new Map() }, links));
  if (entry) yield entry;
}

export async function changesSize(rootfs: string, changes: FilesystemChange[]): Promise<number> {
  let total = 0;
  const seen = new Set<string>();
  for (const c of changes) {
    if (c.Kind === 2) continue;
    const st = await fsp.lstat(join(rootfs, c.Path.slice(1))).catch(() => undefined);
    if (!st || st.isDirectory() || seen.has(`${st.dev}:${st.ino}`)) continue;
    seen.add(`${st.dev}:${st.ino}`);
    total += st.size;
  }
  return total;
}
