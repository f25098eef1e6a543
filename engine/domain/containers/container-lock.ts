// One start or exit-command cleanup of a container at a time, across processes: without it the
// cleanup of a run that just ended (conmon's exit command) can unmount the rootfs, delete the runc
// state and release the network of the next run while `restart` or `start` is setting it up
// (Podman holds its per-container lock for the same reason).
import type { Engine } from '../../context.js';
import { ProcessLocks } from '../../storage/process-lock.js';

export function withContainerLock<T>(engine: Engine, id: string, fn: () => Promise<T>): Promise<T> {
  return new ProcessLocks(engine.config.paths.dataRoot).with(`container-${id}`, fn);
}
