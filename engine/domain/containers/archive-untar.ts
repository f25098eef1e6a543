// Extracting a tar the way moby's archive.Untar does for `docker cp`: names cleaned, missing parents
// created 0755, an existing entry replaced unless both are directories (merged), links checked to stay
// in the extraction directory, owners set from the headers (or not, or to one identity), directory
// times restored last. Paths are resolved inside `root` as securejoin does, so a symlink in the
// container can never lead the extraction outside it.
// docker parity: moby 20.10 pkg/archive/archive.go Untar, createTarFile
import { createWriteStream, promises as fsp } from 'node:fs';
import { posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { goQuote } from '../../format/index.js';
import type { TarHeader } from '../../storage/tar/header.js';
import { readTar, type TarEntry } from '../../storage/tar/reader.js';
import { run } from '../../sys/process.js';
import type { FsView } from './fs-view.js';

export interface UntarOptions {
  /** The filesystem everything stays inside (a container's view, or the local filesystem). */
  view: FsView;
  /** The extraction directory, absolute within the view. */
  dest: string;
  /** Leave owners alone (the CLI side). */
  noLchown?: boolean;
  noOverwriteDirNonDir?: boolean;
  /** Every entry owned by this identity instead of its header's (`cp -a` with a container user). */
  chown?: { uid: number; gid: number };
  /** Owner changes the kernel refuses (ids outside a user namespace's map) are skipped, not fatal. */
  tolerateChownErrors?: boolean;
}

/** An error in one entry; `message` uses paths as seen inside root, as docker's chrooted untar reports them. */
export class UntarError extends Error {}

const errno = (e: unknown) => (e as NodeJS.ErrnoException)?.code;

export async function untar(src: AsyncIterable<Buffer | string>, options: UntarOptions): Promise<void> {
  const opts = { ...options, dest: posix.normalize(options.dest).replace(/(.)\/+$/, '$1') };
  const dirs: TarHeader[] = [];
  for await (const entry of readTar(src)) {
    const h = entry.header;
    if (h.type === 'pax-global' || h.type === 'pax') continue;
    const name = posix.normalize(h.name).replace(/\/+$/, '') || '.';
    const shown = posix.join(opts.dest, name);
    if (posix.relative(opts.dest, shown).startsWith('..')) throw new UntarError(`${goQuote(name)} is outside of ${goQuote(opts.dest)}`);
    await ensureParent(opts.view, shown);
    const host = hostPath(opts.view, shown);
    const existing = await fsp.lstat(host).catch(() => undefined);
    if (existing) {
      if (opts.noOverwriteDirNonDir && existing.isDirectory() && h.type !== 'dir') {
        throw new UntarError(`cannot overwrite directory ${goQuote(shown)} with non-directory ${goQuote(opts.dest)}`);
      }
      if (opts.noOverwriteDirNonDir && !existing.isDirectory() && h.type === 'dir') {
        throw new UntarError(`cannot overwrite non-directory ${goQuote(shown)} with directory ${goQuote(opts.dest)}`);
      }
      if (existing.isDirectory() && name === '.') continue;
      if (!(existing.isDirectory() && h.type === 'dir')) await fsp.rm(host, { recursive: true, force: true });
    }
    await createEntry(entry, host, shown, opts);
    if (h.type === 'dir') dirs.push({ ...h, name: shown });
  }
  for (const h of dirs) await fsp.utimes(hostPath(opts.view, h.name), h.mtime, h.mtime).catch(() => undefined);
}

/** The host path of `path` in the view: its parent resolved in scope, the last element kept as is. */
function hostPath(view: FsView, path: string): string {
  const parent = view.resolve(posix.dirname(path));
  return view.hostOf(path === '/' ? parent : posix.join(parent, posix.basename(path)));
}

async function ensureParent(view: FsView, path: string): Promise<void> {
  const parent = view.hostOf(view.resolve(posix.dirname(path)));
  if (!(await fsp.lstat(parent).catch(() => undefined))) await fsp.mkdir(parent, { recursive: true, mode: 0o755 });
}

async function createEntry(entry: TarEntry, host: string, shown: string, opts: UntarOptions): Promise<void> {
  const h = entry.header;
  switch (h.type) {
    case 'dir': {
      const st = await fsp.lstat(host).catch(() => undefined);
      if (!st?.isDirectory()) await fsp.mkdir(host, { mode: h.mode });
      break;
    }
    case 'file': await pipeline(entry.body(), createWriteStream(host, { mode: h.mode })); break;
    case 'symlink': {
      // docker parity: createTarFile "invalid symlink %q -> %q" (the target must stay in the extraction dir)
      if (posix.relative(opts.dest, posix.join(posix.dirname(shown), h.linkname)).startsWith('..')) {
        throw new UntarError(`invalid symlink ${goQuote(shown)} -> ${goQuote(h.linkname)}`);
      }
      await fsp.symlink(h.linkname, host);
      break;
    }
    case 'link': {
      const target = posix.join(opts.dest, h.linkname);
      if (posix.relative(opts.dest, target).startsWith('..')) throw new UntarError(`invalid hardlink ${goQuote(target)} -> ${goQuote(h.linkname)}`);
      await fsp.link(opts.view.hostOf(opts.view.resolve(target)), host);
      break;
    }
    case 'char': case 'block': case 'fifo': await makeNode(host, h); break;
    default: throw new UntarError(`unhandled tar header type ${h.type}`);
  }
  await setMetadata(host, h, opts);
}

async function makeNode(host: string, h: TarHeader): Promise<void> {
  const args = h.type === 'fifo' ? [host, 'p'] : [host, h.type === 'char' ? 'c' : 'b', String(h.devmajor), String(h.devminor)];
  const r = await run('mknod', ['-m', (h.mode & 0o7777).toString(8), ...args]);
  if (r.exitCode !== 0) throw new UntarError(r.stderr.trim() || `mknod ${host} failed`);
}

async function setMetadata(host: string, h: TarHeader, opts: UntarOptions): Promise<void> {
  if (!opts.noLchown) {
    const id = opts.chown ?? { uid: h.uid, gid: h.gid };
    await fsp.lchown(host, id.uid, id.gid).catch((e) => {
      if (!(opts.tolerateChownErrors && (errno(e) === 'EINVAL' || errno(e) === 'EPERM'))) throw e;
    });
  }
  // There is no lchmod; a mode change after chown keeps setuid bits chown cleared.
  if (h.type !== 'symlink') await fsp.chmod(host, h.mode & 0o7777);
  if (h.type === 'symlink') await fsp.lutimes(host, h.mtime, h.mtime).catch(() => undefined);
  else if (h.type !== 'dir' && h.type !== 'link') await fsp.utimes(host, h.mtime, h.mtime);
}
