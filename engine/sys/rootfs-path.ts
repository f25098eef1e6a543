// Resolve a path inside a container's root filesystem as the container would see it: symlinks are
// followed relative to the root and can never lead outside it (the guarantee of Go's securejoin).
import { lstatSync, readlinkSync } from 'node:fs';
import { posix } from 'node:path';

export function resolveInRoot(root: string, path: string, maxLinks = 255): string {
  const parts = posix.normalize(`/${path}`).split('/').filter(Boolean);
  const resolved: string[] = [];
  let links = 0;
  while (parts.length > 0) {
    const part = parts.shift()!;
    if (part === '.') continue;
    if (part === '..') { resolved.pop(); continue; }
    const candidate = posix.join(root, ...resolved, part);
    let st;
    try { st = lstatSync(candidate); } catch { resolved.push(part); continue; }
    if (!st.isSymbolicLink()) { resolved.push(part); continue; }
    if (++links > maxLinks) throw new Error(`too many levels of symbolic links: ${path}`);
    const target = readlinkSync(candidate);
    if (target.startsWith('/')) resolved.length = 0;
    parts.unshift(...target.split('/').filter(Boolean));
  }
  return posix.join(root, ...resolved);
}
