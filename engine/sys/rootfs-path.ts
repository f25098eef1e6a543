// Resolve a path inside a container's filesystem as the container would see it: symlinks are
// followed relative to its root and can never lead outside it (the guarantee of Go's securejoin).
import { lstatSync, readlinkSync } from 'node:fs';
import { posix } from 'node:path';

/**
 * The container path with every symlink resolved; `hostOf` maps a container path to where it lives on
 * the host (the rootfs, or a bind mount's source laid over it).
 */
export function resolveInView(hostOf: (containerPath: string) => string, path: string, maxLinks = 255): string {
  const parts = posix.normalize(`/${path}`).split('/').filter(Boolean);
  const resolved: string[] = [];
  let links = 0;
  while (parts.length > 0) {
    const part = parts.shift()!;
    if (part === '.') continue;
    if (part === '..') { resolved.pop(); continue; }
    const candidate = `/${[...resolved, part].join('/')}`;
    let st;
    try { st = lstatSync(hostOf(candidate)); } catch { resolved.push(part); continue; }
    if (!st.isSymbolicLink()) { resolved.push(part); continue; }
    if (++links > maxLinks) throw new Error(`too many levels of symbolic links: ${path}`);
    const target = readlinkSync(hostOf(candidate));
    if (target.startsWith('/')) resolved.length = 0;
    parts.unshift(...target.split('/').filter(Boolean));
  }
  return `/${resolved.join('/')}`;
}

/** The host path of a container path under a plain rootfs. */
export function resolveInRoot(root: string, path: string): string {
  return posix.join(root, resolveInView((p) => posix.join(root, p), path));
}
