// Makes skiff the `docker` of this machine, as Debian's podman-docker does for Podman: a `docker`
// on PATH that runs skiff, and /var/run/docker.sock pointing at skiff's API socket.
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { conflict } from '../../errors.js';

export interface InstallShimOptions {
  /** The shim script (shim/docker.js of this installation). */
  shimScript: string;
  /** Directory to put `docker` in. */
  binDir: string;
  /** skiff's API socket, and where Docker clients look for one. */
  apiSocket: string;
  dockerSocket: string;
  /** Replace an existing docker binary or a live socket that is not skiff's. */
  force: boolean;
}

export interface InstallShimReport { links: Array<{ path: string; target: string; replaced: boolean }> }

export function installDockerShim(opts: InstallShimOptions): InstallShimReport {
  const links = [
    { path: join(opts.binDir, 'docker'), target: resolve(opts.shimScript) },
    { path: opts.dockerSocket, target: opts.apiSocket },
  ];
  for (const l of links) refuseForeign(l.path, l.target, opts.force);
  return { links: links.map((l) => ({ ...l, replaced: link(l.path, l.target) })) };
}

function currentTarget(path: string): string | undefined {
  try { return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : ''; } catch { return undefined; }
}

function refuseForeign(path: string, target: string, force: boolean): void {
  const cur = currentTarget(path);
  if (cur === undefined || cur === target || force) return;
  // skiff differs: Docker has no such command; replacing a real docker needs an explicit --force.
  throw conflict('shim-exists', `${path} already exists and is not skiff's (${cur || 'a file or socket'}); use --force to replace it`);
}

function link(path: string, target: string): boolean {
  const existed = currentTarget(path) !== undefined;
  if (existed) rmSync(path, { force: true });
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
  return existed;
}

export const shimInstalled = (path: string) => existsSync(path);
