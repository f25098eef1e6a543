import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../context.js';
import { detachNetworks } from '../../network/index.js';
import { bundleDir, exitFile, runcFor } from '../../runtime/index.js';
import { removeContainer } from './remove.js';
import { syncContainer } from './sync.js';
import { releaseVolumes } from '../volumes/activate.js';
import { withContainerLock } from './container-lock.js';

export interface CleanupOptions { remove?: boolean; quiet?: boolean; /** conmon's exit command: wait for a start in progress, then look again. */ exclusive?: boolean }

/**
 * Release what a stopped container still holds: the runc state, the rootfs mount and conmon's files.
 * Run by conmon's exit command with no other skiff alive, and by any command that finds leftovers;
 * every step is idempotent so concurrent cleanups are harmless.
 */
export async function cleanupContainer(engine: Engine, id: string, opts: CleanupOptions = {}): Promise<void> {
  if (opts.exclusive) return withContainerLock(engine, id, () => cleanupContainer(engine, id, { ...opts, exclusive: false }));
  const found = engine.state.getContainer(id);
  if (!found) return;
  const rec = syncContainer(engine, found);
  if (rec.State.Status === 'running' || rec.State.Status === 'paused') return;
  await runcFor(engine).delete(id).catch((e) => { if (!opts.quiet) engine.log.warn(`cleanup ${id}: ${(e as Error).message}`); });
  await detachNetworks(engine, rec, { upTo: rec.State.StartCount }).catch((e) => { if (!opts.quiet) engine.log.warn(`cleanup ${id}: ${(e as Error).message}`); });
  await engine.storage.unmount(id).catch((e) => { if (!opts.quiet) engine.log.warn(`cleanup ${id}: ${(e as Error).message}`); });
  await releaseVolumes(engine, rec).catch(() => undefined);
  const bundle = bundleDir(engine, id);
  for (const f of ['attach', 'ctl', 'winsz', 'pidfile', 'conmon.pid', 'oci-log']) rmSync(join(bundle, f), { force: true });
  if (opts.remove && rec.HostConfig.AutoRemove) {
    await removeContainer(engine, { ref: id, force: true, volumes: true }).catch(() => undefined);
    return;
  }
  // Keep the exit file until the state has absorbed it (syncContainer above did).
  rmSync(exitFile(engine, id), { force: true });
}
