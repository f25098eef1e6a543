// The client half of `docker cp` (moby/go-archive copy.go as vendored by docker/cli 28.2): how the
// source and destination paths decide where a tar is extracted and how its top entry is renamed.
// docker parity: cli@28.2 vendor/github.com/moby/go-archive/copy.go
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { goPathError } from '../../../domain/containers/go-errors.js';
import { goBase, preserveTrailing } from '../../../domain/containers/archive.js';
import { StatusError } from '../../command.js';

/** archive.CopyInfo */
export interface CopyInfo { path: string; exists: boolean; isDir: boolean; rebaseName?: string }

/** A bare client-side failure: docker prints the message alone and exits 1. */
export const cpError = (message: string) => new StatusError(message, 1);

export const hasTrailingSeparator = (p: string) => p.endsWith('/');
export const specifiesCurrentDir = (p: string) => goBase(p) === '.';
const assertsDirectory = (p: string) => hasTrailingSeparator(p) || specifiesCurrentDir(p);

/** Go's filepath.Clean for absolute and relative paths ("" is "."). */
export const clean = (p: string) => (p === '' ? '.' : posix.normalize(p).replace(/(.)\/+$/, '$1'));

/** SplitPathDirEntry: parent and base, a trailing "/." kept as the base ".". */
export function splitPathDirEntry(path: string): [string, string] {
  let cleaned = clean(path);
  if (specifiesCurrentDir(path)) cleaned += '/.';
  return [posix.dirname(cleaned), goBase(cleaned)];
}

/** resolveLocalPath: absolute, keeping a trailing separator or "/.". */
export const resolveLocalPath = (p: string, cwd: string) => preserveTrailing(posix.resolve(cwd, p), p);

/** GetRebaseName: the resolved path keeps the original's trailing "/." or "/"; a different base becomes the rebase name. */
export function getRebaseName(path: string, resolved: string): [string, string | undefined] {
  let out = resolved;
  if (specifiesCurrentDir(path) && !specifiesCurrentDir(out)) out += '/.';
  if (hasTrailingSeparator(path) && !hasTrailingSeparator(out)) out += '/';
  const [a, b] = [goBase(path), goBase(out)];
  return [out, a !== b ? a : undefined];
}

/** filepath.EvalSymlinks with Go's error text (the first missing component is named). */
export function evalSymlinks(path: string): string {
  try {
    return realpathSync(path);
  } catch (e) {
    let prefix = '';
    for (const part of clean(path).split('/').filter(Boolean)) {
      prefix += `/${part}`;
      try { lstatSync(prefix); } catch (err) { throw cpError(goPathError('lstat', prefix, err)); }
    }
    throw cpError(goPathError('lstat', path, e));
  }
}

/** CopyInfoSourcePath: a local source, its directory resolved (and itself too with -L). */
export function copyInfoSourcePath(path: string, followLink: boolean): CopyInfo {
  let resolved: string;
  let rebaseName: string | undefined;
  if (followLink) {
    [resolved, rebaseName] = getRebaseName(path, evalSymlinks(path));
  } else {
    const slash = path.lastIndexOf('/');
    const [dir, base] = [path.slice(0, slash + 1), path.slice(slash + 1)];
    resolved = `${evalSymlinks(dir || '.')}/${base}`.replace(/^\/\//, '/');
    if (hasTrailingSeparator(path) && goBase(path) !== goBase(resolved)) rebaseName = goBase(path);
  }
  let st;
  try { st = lstatSync(resolved); } catch (e) { throw cpError(goPathError('lstat', resolved, e)); }
  return { path: resolved, exists: true, isDir: st.isDirectory(), rebaseName };
}

/** CopyInfoDestinationPath: a local destination, symlinks followed (at most 10); a missing one needs an existing parent directory. */
export function copyInfoDestinationPath(path: string): CopyInfo {
  let cur = path;
  for (let n = 0; ; n++) {
    let st;
    try { st = lstatSync(cur); } catch { break; }
    if (!st.isSymbolicLink()) return { path: cur, exists: true, isDir: st.isDirectory() };
    if (n > 10) throw cpError(`too many symlinks in ${path}`);
    const target = readlinkSync(cur);
    cur = target.startsWith('/') ? target : posix.join(splitPathDirEntry(cur)[0], target);
  }
  const [parent] = splitPathDirEntry(cur);
  let st;
  try { st = statSync(parent); } catch (e) { throw cpError(goPathError('stat', parent, e)); }
  if (!st.isDirectory()) throw cpError('not a directory');
  return { path: cur, exists: false, isDir: false };
}

/** PrepareArchiveCopy: the directory to extract into and how the archive's top entry is renamed (undefined: not at all). */
export function prepareArchiveCopy(src: CopyInfo, dst: CopyInfo): { dstDir: string; rebase?: [string, string] } {
  const [dstDir, dstBase] = splitPathDirEntry(dst.path);
  const srcBase = src.rebaseName || splitPathDirEntry(src.path)[1];
  if (dst.exists && dst.isDir) return { dstDir: dst.path };
  if (dst.exists && src.isDir) throw cpError('cannot copy directory');
  if (!dst.exists && !src.isDir && assertsDirectory(dst.path)) throw cpError('no such directory');
  return { dstDir, rebase: [srcBase, dstBase] };
}

/** command.ValidateOutputPath: the parent must exist; an existing target must be a directory or a regular file. */
export function validateOutputPath(path: string): void {
  const dir = posix.dirname(clean(path));
  if (dir !== '' && dir !== '.') {
    try { statSync(dir); } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw cpError(`invalid output path: directory ${JSON.stringify(dir)} does not exist`);
    }
  }
  let st;
  try { st = statSync(path); } catch { return; }
  if (st.isCharacterDevice() || st.isBlockDevice()) throw cpError(`invalid output path: ${JSON.stringify(path)} must be a directory or a regular file: got a device`);
}

/** splitCpArg: CONTAINER:PATH, unless the argument is an absolute path or starts with '.'. */
export function splitCpArg(arg: string): { container: string; path: string } {
  if (arg.startsWith('/')) return { container: '', path: arg };
  const i = arg.indexOf(':');
  if (i < 0 || arg.slice(0, i).startsWith('.')) return { container: '', path: arg };
  return { container: arg.slice(0, i), path: arg.slice(i + 1) };
}
