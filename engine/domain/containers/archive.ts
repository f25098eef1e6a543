// HEAD/GET/PUT /containers/{id}/archive and the daemon half of `docker cp`: stat a path, tar a path,
// extract a tar into a directory. Paths are resolved inside the container's root (running: its whole
// mount namespace; stopped: its layers, mounted for the time of the call), never outside it.
// docker parity: moby 20.10 daemon/archive.go, container/archive.go ResolvePath/StatPath
import { promises as fsp, type Stats } from 'node:fs';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import type { Engine } from '../../context.js';
import { EngineError, notFound } from '../../errors.js';
import type { ContainerRecord } from '../../model/container.js';
import { resolveUserInRootfs } from '../../runtime/user-lookup.js';
import { tarTree } from './archive-tar.js';
import { untar } from './archive-untar.js';
import type { FsView } from './fs-view.js';
import { getContainer } from './lookup.js';
import { openRootfs, withRootfs } from './rootfs-access.js';
import { syncContainer } from './sync.js';

/** types.ContainerPathStat, sent base64-encoded in X-Docker-Container-Path-Stat. */
export interface ContainerPathStat { name: string; size: number; mode: number; mtime: string; linkTarget: string }

export interface ArchiveReport { stat: ContainerPathStat; tar: Readable }

export interface PutArchiveOptions {
  ref: string;
  /** The directory to extract into (must exist). */
  path: string;
  tar: AsyncIterable<Buffer | string>;
  noOverwriteDirNonDir?: boolean;
  /** `cp -a`: entries owned by the container's user (or kept as in the tar when it has none). */
  copyUIDGID?: boolean;
}

// docker parity: moby 20.10 daemon/errors.go containerFileNotFound
const fileNotFound = (file: string, container: string) => notFound('file-not-found', `Could not find the file ${file} in container ${container}`);

const isMissing = (e: unknown) => ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException)?.code ?? '');

function lookup(engine: Engine, ref: string): ContainerRecord {
  const rec = syncContainer(engine, getContainer(engine, ref));
  // docker parity: daemon/archive.go isOnlineFSOperationPermitted is Windows-only; dead/removing containers have no rootfs
  if (rec.State.Status === 'removing' || rec.State.Status === 'dead') throw new EngineError('conflict', 'container-gone', `container ${rec.Id} is being removed`);
  return rec;
}

/** HEAD /containers/{id}/archive: the stat of a path, symlinks not followed. */
export async function statPath(engine: Engine, opts: { ref: string; path: string }): Promise<ContainerPathStat> {
  const rec = lookup(engine, opts.ref);
  return withRootfs(engine, rec, 'view', async ({ view }) => {
    const { resolved, abs } = resolvePath(view, opts.path);
    try { return await pathStat(view, resolved, abs); } catch (e) { throw isMissing(e) ? fileNotFound(opts.path, opts.ref) : e; }
  });
}

/** GET /containers/{id}/archive: the path's stat and a tar of it, its top entry named as the path's base. */
export async function getArchive(engine: Engine, opts: { ref: string; path: string }): Promise<ArchiveReport> {
  const rec = lookup(engine, opts.ref);
  const handle = await openRootfs(engine, rec, 'view');
  try {
    const { resolved, abs } = resolvePath(handle.view, opts.path);
    let stat: ContainerPathStat;
    try { stat = await pathStat(handle.view, resolved, abs); } catch (e) { throw isMissing(e) ? fileNotFound(opts.path, opts.ref) : e; }
    const dir = posix.normalize(resolved).replace(/(.)\/+$/, '$1');
    const [srcDir, include] = isDir(stat.mode) ? [dir, '.'] : [posix.dirname(dir), posix.basename(dir)];
    const tar = tarTree({ srcDir, include, includeSourceDir: true, rebaseName: goBase(abs), view: handle.view });
    const release = once(() => void handle.release());
    tar.once('end', release).once('close', release).once('error', release);
    return { stat, tar };
  } catch (e) {
    await handle.release();
    throw e;
  }
}

/** PUT /containers/{id}/archive: extract a tar into an existing directory of the container. */
export async function putArchive(engine: Engine, opts: PutArchiveOptions): Promise<void> {
  const rec = lookup(engine, opts.ref);
  await withRootfs(engine, rec, 'view', async ({ root, view }) => {
    const dest = view.resolve(preserveTrailing(posix.join('/', opts.path), opts.path));
    let st: Stats;
    try { st = await fsp.lstat(view.hostOf(dest)); } catch (e) { throw isMissing(e) ? fileNotFound(opts.path, opts.ref) : e; }
    // docker parity: daemon/archive.go ErrExtractPointNotDirectory (unclassified: 500), ErrVolumeReadonly, ErrRootFSReadOnly
    if (!st.isDirectory()) throw new EngineError('internal', 'not-a-directory', 'extraction point is not a directory');
    const mount = view.mountOf(dest);
    if (mount?.readOnly) throw new EngineError('permission-denied', 'volume-readonly', 'mounted volume is marked read-only');
    if (!mount && rec.HostConfig.ReadonlyRootfs) throw new EngineError('permission-denied', 'rootfs-readonly', 'container rootfs is marked read-only');
    const chown = opts.copyUIDGID && rec.Config.User ? resolveUserInRootfs(root, rec.Config.User) : undefined;
    try {
      await untar(opts.tar, { view, dest, noOverwriteDirNonDir: opts.noOverwriteDirNonDir, chown, tolerateChownErrors: engine.config.identity.rootless });
    } catch (e) {
      // docker parity: pkg/chrootarchive invokeUnpack "Error processing tar file(exit status 1): %s"
      throw new EngineError('internal', 'untar-failed', `Error processing tar file(exit status 1): ${(e as Error).message}`, { cause: e });
    }
  });
}

/** ResolvePath: the directory part resolved in scope, the last element as given (so a symlink itself is addressed). */
export function resolvePath(view: FsView, path: string): { resolved: string; abs: string } {
  const abs = preserveTrailing(posix.join('/', path), path);
  const slash = abs.lastIndexOf('/');
  const [dir, base] = [abs.slice(0, slash + 1), abs.slice(slash + 1)];
  return { resolved: `${view.resolve(dir).replace(/\/$/, '')}/${base}`, abs };
}

/** archive.PreserveTrailingDotOrSeparator: a cleaned path keeps the original's trailing "/." or "/". */
export function preserveTrailing(cleaned: string, original: string): string {
  let out = cleaned;
  if (goBase(out) !== '.' && goBase(original) === '.') out = `${out.endsWith('/') ? out : `${out}/`}.`;
  if (!out.endsWith('/') && original.endsWith('/')) out += '/';
  return out;
}

/** Go's filepath.Base: "." for "", trailing slashes dropped, "/" for the root. */
export function goBase(p: string): string {
  if (p === '') return '.';
  const t = p.replace(/\/+$/, '');
  return t === '' ? '/' : posix.basename(t);
}

async function pathStat(view: FsView, resolved: string, abs: string): Promise<ContainerPathStat> {
  const host = view.hostOf(resolved) + (resolved.endsWith('/') ? '/' : '');
  const st = await fsp.lstat(host);
  const ns = (await fsp.lstat(host, { bigint: true })).mtimeNs;
  const linkTarget = st.isSymbolicLink() ? view.resolve(abs) : '';
  return { name: goBase(abs), size: st.size, mode: goFileMode(st), mtime: goTimeJson(ns), linkTarget };
}

// Go's os.FileMode bits (io/fs): type bits high, permissions low.
const MODE = { dir: 2 ** 31, symlink: 2 ** 27, device: 2 ** 26, pipe: 2 ** 25, socket: 2 ** 24, setuid: 2 ** 23, setgid: 2 ** 22, char: 2 ** 21, sticky: 2 ** 20 };

export function goFileMode(st: Stats): number {
  let m = st.mode & 0o777;
  if (st.isDirectory()) m += MODE.dir;
  else if (st.isSymbolicLink()) m += MODE.symlink;
  else if (st.isFIFO()) m += MODE.pipe;
  else if (st.isSocket()) m += MODE.socket;
  else if (st.isCharacterDevice()) m += MODE.device + MODE.char;
  else if (st.isBlockDevice()) m += MODE.device;
  if (st.mode & 0o4000) m += MODE.setuid;
  if (st.mode & 0o2000) m += MODE.setgid;
  if (st.mode & 0o1000) m += MODE.sticky;
  return m;
}

export const isDir = (mode: number) => mode >= MODE.dir;
export const isSymlinkMode = (mode: number) => Math.floor(mode / MODE.symlink) % 2 === 1;
/** ValidateOutputPathFileMode's test: devices and "irregular" files are no copy targets. */
export const modeKind = (mode: number) => (Math.floor(mode / MODE.device) % 2 === 1 ? 'device' : 'other');

/** time.Time's JSON (RFC 3339 with nanoseconds, trailing zeros dropped) in UTC. */
export function goTimeJson(ns: bigint): string {
  const whole = new Date(Number(ns / 1_000_000n)).toISOString().replace(/\.\d{3}Z$/, '');
  const frac = String(ns % 1_000_000_000n).padStart(9, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}Z`;
}

function once(fn: () => void): () => void {
  let done = false;
  return () => { if (!done) { done = true; fn(); } };
}

/** X-Docker-Container-Path-Stat: the stat as base64 JSON. */
export const encodePathStat = (s: ContainerPathStat) => Buffer.from(JSON.stringify(s)).toString('base64');
