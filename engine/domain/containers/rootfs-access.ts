// Reaching a container's files from outside it. A running container is seen through /proc/PID/root,
// which shows its whole mount namespace (binds, tmpfs, /etc/hosts) as `docker cp` sees it; a stopped
// one has its layer mounted for the time of the operation, as moby's daemon.Mount does.
import type { Engine } from '../../context.js';
import type { ContainerRecord } from '../../model/container.js';
import { pidAlive } from '../../sys/process.js';
import { syncContainer } from './sync.js';

export interface RootfsHandle {
  /** Absolute host path of the container's "/". */
  root: string;
  /** Unmounts what was mounted for this access (a container started meanwhile keeps its mount). */
  release(): Promise<void>;
}

const isLive = (rec: ContainerRecord) => (rec.State.Status === 'running' || rec.State.Status === 'paused') && pidAlive(rec.State.Pid);

/** The container's view (`view`), or only its layers as `export` and `commit` see them (`layer`). */
export async function openRootfs(engine: Engine, rec: ContainerRecord, mode: 'view' | 'layer'): Promise<RootfsHandle> {
  if (isLive(rec)) {
    const root = mode === 'view' ? `/proc/${rec.State.Pid}/root` : await engine.storage.mount(rec.Id);
    return { root, release: async () => undefined };
  }
  const root = await engine.storage.mount(rec.Id);
  return { root, release: () => releaseMount(engine, rec.Id) };
}

async function releaseMount(engine: Engine, id: string): Promise<void> {
  try {
    const fresh = engine.state.getContainer(id);
    if (fresh && isLive(syncContainer(engine, fresh))) return;
    await engine.storage.unmount(id);
  } catch (e) {
    engine.log.warn(`unmount ${id}: ${(e as Error).message}`);
  }
}

/** Runs fn on an open rootfs and releases it afterwards. */
export async function withRootfs<T>(engine: Engine, rec: ContainerRecord, mode: 'view' | 'layer', fn: (root: string) => Promise<T>): Promise<T> {
  const h = await openRootfs(engine, rec, mode);
  try {
    return await fn(h.root);
  } finally {
    await h.release();
  }
}
