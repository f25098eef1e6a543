// Docker's "-init" layer: /.dockerenv and the mountpoints the engine binds over (/etc/hosts,
// /etc/hostname, /etc/resolv.conf, /dev/*, /proc, /sys) live in a layer of their own between the
// image and the container's upper dir, so they never show up in `diff` or `commit`, yet `export`
// shows them exactly as Docker's (files 0755, the directories they land in stamped with the time).
import type { Stats } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { LowerView } from './lower-view.js';
import { ancestorsOf } from './tar-path.js';

type InitKind = 'dir' | 'file' | { symlink: string };

// docker parity: moby daemon/initlayer/setup_unix.go Setup (the same entries and kinds).
const ENTRIES: Array<[string, InitKind]> = [
  ['dev/pts', 'dir'], ['dev/shm', 'dir'], ['proc', 'dir'], ['sys', 'dir'],
  ['.dockerenv', 'file'], ['etc/resolv.conf', 'file'], ['etc/hosts', 'file'], ['etc/hostname', 'file'], ['dev/console', 'file'],
  ['etc/mtab', { symlink: '/proc/mounts' }],
];

export async function populateInitLayer(dir: string, below: LowerView): Promise<void> {
  // Whole seconds: copies (vfs) then carry exactly the same times, so they never look modified.
  const t = Math.floor(Date.now() / 1000);
  const made: string[] = [];
  for (const [rel, kind] of ENTRIES) await ensureEntry({ dir, below, t, made }, rel, kind);
  // Every directory here had an entry created in it (or is new), as the copy-up in Docker's init mount.
  for (const rel of made.reverse()) {
    const lower = below.stat(rel);
    await fsp.utimes(join(dir, rel), lower?.isDirectory() ? lower.atime : t, t);
  }
}

interface InitCtx { dir: string; below: LowerView; t: number; made: string[] }

// The init dir's own entry wins; otherwise what the image shows (a non-dir there already hides below).
async function visible(c: InitCtx, rel: string): Promise<Stats | undefined> {
  return (await fsp.lstat(join(c.dir, rel)).catch(() => undefined)) ?? c.below.stat(rel);
}

// Setup unlinks every non-directory on the path (an image's symlink or file) and recreates the entry
// unless a directory stands there; a file or symlink in this layer does the same over the image's.
async function ensureEntry(c: InitCtx, rel: string, kind: InitKind): Promise<void> {
  if ((await visible(c, rel))?.isDirectory()) return;
  for (const a of ancestorsOf(rel)) await ensureDir(c, a);
  const abs = join(c.dir, rel);
  if (kind === 'dir') return ensureDir(c, rel);
  await fsp.rm(abs, { force: true });
  if (kind === 'file') {
    await fsp.writeFile(abs, '', { flag: 'wx' });
    await fsp.chmod(abs, 0o755); // docker parity: os.OpenFile(…, O_CREATE, 0755) under the daemon's 022 umask
    await fsp.utimes(abs, c.t, c.t);
  } else {
    await fsp.symlink(kind.symlink, abs);
    await fsp.lutimes(abs, c.t, c.t);
  }
}

// A directory the image has is copied up (its mode and owner); anything else on the path is replaced.
async function ensureDir(c: InitCtx, rel: string): Promise<void> {
  const abs = join(c.dir, rel);
  if (await fsp.lstat(abs).then((s) => s.isDirectory(), () => false)) return;
  const lower = c.below.stat(rel);
  await fsp.mkdir(abs);
  c.made.push(rel);
  if (!lower?.isDirectory()) return fsp.chmod(abs, 0o755);
  await fsp.lchown(abs, lower.uid, lower.gid).catch(() => undefined);
  await fsp.chmod(abs, lower.mode & 0o7777);
}
