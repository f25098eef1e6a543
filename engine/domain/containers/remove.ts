import type { Engine } from '../../context.js';
import { conflict } from '../../errors.js';
import { detachNetworks } from '../../network/index.js';
import { bundleDir, containerDir, exitFile, runcFor } from '../../runtime/index.js';
import { failpoint } from '../../sys/failpoint.js';
import { removeTree } from '../../sys/fs.js';
import { getContainer } from './lookup.js';
import { stopContainer } from './stop.js';
import { syncContainer } from './sync.js';

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
    await stopContainer(engine, { ref: rec.Id, timeoutSeconds: 0, signal: 'SIGKILL' });
  }
  await runcFor(engine).delete(rec.Id).catch(() => undefined);
  await detachNetworks(engine, rec).catch(() => undefined);
  await engine.storage.unmount(rec.Id).catch(() => undefined);
  // The record goes first: a crash after this point leaves only files, which nothing lists.
  engine.state.transaction(() => engine.state.deleteContainer(rec.Id));
  failpoint('remove-after-record');
  await engine.storage.removeContainerLayer(rec.Id).catch((e) => engine.log.warn(`rm ${rec.Id}: ${(e as Error).message}`));
  removeTree(bundleDir(engine, rec.Id));
  removeTree(containerDir(engine, rec.Id));
  removeTree(exitFile(engine, rec.Id));
  return { id: rec.Id, name: rec.Name };
}
