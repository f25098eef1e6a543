import type { Engine } from '../../context.js';
import { conflict } from '../../errors.js';
import { detachNetworks } from '../../network/index.js';
import { bundleDir, containerDir, exitFile, runcFor } from '../../runtime/index.js';
import { failpoint } from '../../sys/failpoint.js';
import { removeTree } from '../../sys/fs.js';
import { getContainer } from './lookup.js';
import { recordRemoval } from './removal-record.js';
import { stopContainer } from './stop.js';
import { syncContainer } from './sync.js';
import { removeIfUnused } from '../volumes/remove.js';
import { recordContainerEvent } from '../events/emit.js';

export interface RemoveOptions { ref: string; force?: boolean; volumes?: boolean }
export interface RemoveReport { id: string; name: string }

export async function removeContainer(engine: Engine, opts: RemoveOptions): Promise<RemoveReport> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  if (rec.State.Status === 'running' || rec.State.Status === 'paused') {
    // docker parity: moby daemon/delete.go
    if (!opts.force) {
      const what = rec.State.Status === 'paused' ? 'paused' : 'running';
      throw conflict('container-running', `You cannot remove a ${what} container ${rec.Id}. Stop the container before attempting removal or force remove`);
    }
    await stopContainer(engine, { ref: rec.Id, timeoutSeconds: 0, signal: 'SIGKILL', kill: true });
  }
  // After a forced stop the record holds the code the container died with; waiters read it after removal.
  const last = syncContainer(engine, engine.state.getContainer(rec.Id) ?? rec);
  await runcFor(engine).delete(rec.Id).catch(() => undefined);
  await detachNetworks(engine, rec).catch(() => undefined);
  await engine.storage.unmount(rec.Id).catch(() => undefined);
  recordRemoval(engine, rec.Id, last.State.ExitCode);
  // The record goes first: a crash after this point leaves only files, which nothing lists.
  const removed = engine.state.transaction(() => { const had = !!engine.state.getContainer(rec.Id); engine.state.deleteContainer(rec.Id); return had; });
  failpoint('remove-after-record');
  try {
    await engine.storage.removeContainerLayer(rec.Id).catch((e) => engine.log.warn(`rm ${rec.Id}: ${(e as Error).message}`));
    removeTree(bundleDir(engine, rec.Id));
    removeTree(containerDir(engine, rec.Id));
    removeTree(exitFile(engine, rec.Id));
  } finally {
    // docker parity: moby daemon/mounts.go removeMountPoints — only volumes the user did not name; in use elsewhere is fine.
    // In `finally`: a file removal racing the exit command's cleanup must not leave the volumes behind.
    if (opts.volumes) await removeIfUnused(engine, (rec.MountPoints ?? []).filter((m) => m.Type === 'volume' && m.Anonymous && m.Name).map((m) => m.Name!));
  }
  if (removed) recordContainerEvent(engine, rec, 'destroy');
  return { id: rec.Id, name: rec.Name };
}
