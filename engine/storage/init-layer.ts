// Docker's "-init" layer: the mountpoints the engine binds over (/etc/hosts, /etc/hostname,
// /etc/resolv.conf, /dev/*, /proc, /sys) live in a layer of their own between the image and the
// container's upper dir, so they never show up in `diff` or `commit`. Directories copy the metadata
// of the image's own so the merged view does not change.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { LowerView } from './lower-view.js';

// docker parity: moby daemon/initlayer/setup_unix.go
const DIRS = ['dev', 'dev/pts', 'dev/shm', 'proc', 'sys'];
const FILES = ['dev/console', 'etc/hosts', 'etc/hostname', 'etc/resolv.conf'];

export async function populateInitLayer(dir: string, below: LowerView): Promise<void> {
  // Whole seconds: copies (vfs) then carry exactly the same times, so they never look modified.
  const t = Math.floor(Date.now() / 1000);
  for (const rel of DIRS) await ensureDir(dir, rel, below);
  for (const rel of FILES) {
    const lower = below.stat(rel);
    if (lower && !lower.isFile()) continue; // keep an image's symlink
    await ensureDir(dir, rel.split('/')[0]!, below);
    await fsp.writeFile(join(dir, rel), '', { mode: 0o644, flag: 'w' });
    await fsp.utimes(join(dir, rel), t, t);
  }
  if (!below.stat('etc/mtab')) {
    await ensureDir(dir, 'etc', below);
    await fsp.symlink('/proc/mounts', join(dir, 'etc/mtab')).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'EEXIST') throw e; });
    await fsp.lutimes(join(dir, 'etc/mtab'), t, t);
  }
  // Creating the files touched their directories: put the image's times back.
  for (const rel of ['etc', ...DIRS]) {
    const lower = below.stat(rel);
    if (lower?.isDirectory()) await fsp.utimes(join(dir, rel), lower.atime, lower.mtime).catch(() => undefined);
  }
}

async function ensureDir(root: string, rel: string, below: LowerView): Promise<void> {
  const abs = join(root, rel);
  const exists = await fsp.lstat(abs).then((s) => s.isDirectory(), () => false);
  if (exists) return;
  const lower = below.stat(rel);
  if (lower && !lower.isDirectory()) return; // an image symlink such as /dev -> somewhere stays visible
  await fsp.mkdir(abs, { mode: 0o755 });
  if (lower) {
    await fsp.lchown(abs, lower.uid, lower.gid).catch(() => undefined);
    await fsp.chmod(abs, lower.mode & 0o7777);
    await fsp.utimes(abs, lower.atime, lower.mtime);
  }
}
