// Directory tree helpers: a sorted walk that never follows symlinks, and a removal that copes with
// read-only directories (an image may ship dirs without the write bit).
import type { Stats } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';

export interface WalkEntry { rel: string; abs: string; st: Stats }

/** Depth-first, names in byte order (Go's filepath.Walk order, which Docker's tars follow). */
export async function* walkTree(root: string, rel = ''): AsyncGenerator<WalkEntry> {
  const dir = rel ? join(root, rel) : root;
  let names: string[];
  try { names = await fsp.readdir(dir); } catch { return; }
  names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const childRel = rel ? `${rel}/${name}` : name;
    const abs = join(root, childRel);
    const st = await fsp.lstat(abs).catch(() => undefined);
    if (!st) continue;
    yield { rel: childRel, abs, st };
    if (st.isDirectory()) yield* walkTree(root, childRel);
  }
}

export async function removeTreeForce(path: string): Promise<void> {
  try {
    await fsp.rm(path, { recursive: true, force: true, maxRetries: 2 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EACCES' && (e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
    await makeWritable(path);
    await fsp.rm(path, { recursive: true, force: true });
  }
}

async function makeWritable(path: string): Promise<void> {
  const st = await fsp.lstat(path).catch(() => undefined);
  if (!st?.isDirectory()) return;
  await fsp.chmod(path, 0o700);
  for (const name of await fsp.readdir(path)) await makeWritable(join(path, name));
}

/** Docker's directory.Size: bytes of everything but directories, hard links counted once. */
export async function treeSize(root: string): Promise<number> {
  const seen = new Set<string>();
  let total = 0;
  for await (const e of walkTree(root)) {
    if (e.st.isDirectory()) continue;
    if (e.st.nlink > 1) {
      const key = `${e.st.dev}:${e.st.ino}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    total += e.st.size;
  }
  return total;
}

/** Copy src over dst as an upper layer would show it: missing entries are added, regular files replaced. */
export async function copyOver(src: string, dst: string): Promise<void> {
  const dirs: WalkEntry[] = [];
  for await (const e of walkTree(src)) {
    const target = join(dst, e.rel);
    const existing = await fsp.lstat(target).catch(() => undefined);
    // src wins as in an overlay: a dir's metadata is taken over, a non-dir over a non-dir replaces it.
    if (existing?.isDirectory()) {
      if (e.st.isDirectory()) { await fsp.lchown(target, e.st.uid, e.st.gid); await fsp.chmod(target, e.st.mode & 0o7777); dirs.push(e); }
      continue;
    }
    if (existing) await fsp.rm(target);
    if (e.st.isDirectory()) { await fsp.mkdir(target, { mode: e.st.mode & 0o7777 }); dirs.push(e); }
    else if (e.st.isSymbolicLink()) await fsp.symlink(await fsp.readlink(e.abs), target);
    else if (e.st.isFile()) await fsp.copyFile(e.abs, target);
    else continue;
    await fsp.lchown(target, e.st.uid, e.st.gid);
    if (!e.st.isSymbolicLink()) await fsp.chmod(target, e.st.mode & 0o7777);
    await fsp.lutimes(target, e.st.atime, e.st.mtime);
  }
  for (const e of dirs.reverse()) await fsp.utimes(join(dst, e.rel), e.st.atime, e.st.mtime);
}
