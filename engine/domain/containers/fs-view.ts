// A container's filesystem as `docker cp` sees it: the mounted layers, with the bind mounts (volumes and
// the engine's /etc/hosts, /etc/hostname, /etc/resolv.conf) laid over them, as moby's mountVolumes does.
// Paths are container paths; symlinks resolve inside the view (securejoin), so nothing escapes it.
import { posix } from 'node:path';
import { resolveInRoot, resolveInView } from '../../sys/rootfs-path.js';

export interface ViewMount { destination: string; source: string; readOnly: boolean }

export interface FsView {
  /** The host path of a container path; no symlink is followed. */
  hostOf(path: string): string;
  /** The container path with every symlink resolved inside the view. */
  resolve(path: string): string;
  /** The mount a container path lies in, if any. */
  mountOf(path: string): ViewMount | undefined;
}

/** The local filesystem (the CLI's side of a copy). */
export const localView: FsView = { hostOf: (p) => p, resolve: (p) => resolveInRoot('/', p), mountOf: () => undefined };

export function containerView(root: string, mounts: ViewMount[]): FsView {
  const sorted = [...mounts].map((m) => ({ ...m, destination: posix.normalize(`/${m.destination}`).replace(/(.)\/$/, '$1') }))
    .sort((a, b) => b.destination.length - a.destination.length);
  const mountOf = (path: string) => sorted.find((m) => path === m.destination || path.startsWith(`${m.destination}/`));
  const hostOf = (path: string) => {
    const p = posix.normalize(`/${path}`);
    const m = mountOf(p.replace(/(.)\/$/, '$1'));
    return m ? posix.join(m.source, p.slice(m.destination.length)) : posix.join(root, p);
  };
  return { hostOf, mountOf, resolve: (path) => resolveInView(hostOf, path) };
}
