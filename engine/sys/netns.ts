// Persistent network namespaces as files: `unshare --net=FILE` creates a namespace and bind-mounts it
// on FILE (root, or root inside skiff's user namespace: then the mount lives in that namespace's
// mount table, as Podman's rootless netns files do). runc, netavark and slirp4netns join it by path.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { run } from './process.js';

export async function createNetns(file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
  closeSync(openSync(file, 'w', 0o644));
  const r = await run('unshare', [`--net=${file}`, 'true']);
  if (r.exitCode !== 0) {
    rmSync(file, { force: true });
    throw new Error(`create network namespace ${file}: ${r.stderr.trim() || `unshare exit ${r.exitCode}`}`);
  }
}

const isMounted = (file: string) => {
  try { return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').some((l) => l.split(' ')[4] === file); } catch { return false; }
};

/** Unmounts and deletes the file; missing or already unmounted is fine (cleanup runs more than once). */
export async function removeNetns(file: string): Promise<void> {
  if (isMounted(file)) {
    const r = await run('umount', [file]);
    if (r.exitCode !== 0 && isMounted(file)) await run('umount', ['-l', file]);
  }
  if (existsSync(file)) rmSync(file, { force: true });
}
