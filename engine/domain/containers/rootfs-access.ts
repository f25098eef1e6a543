// Reaching a container's files from outside it: its layers mounted (a running container's already
// are; a stopped one's are mounted for the time of the operation, as moby's daemon.Mount does) and,
// for `cp`, its bind mounts laid over them.
import { existsSync } from 'node:fs';
import type { Engine } from '../../context.js';
import type { ContainerRecord } from '../../model/container.js';
import { etcFilePaths } from '../../runtime/prepare-bundle.js';
import { containerView, type FsView, type ViewMount } from './fs-view.js';
import { syncContainer } from './sync.js';

export interface RootfsHandle {
  /** Host path of the mounted layers. */
  root: string;
  view: FsView;
  /** Unmounts what was mounted for this access (a container started meanwhile keeps its mount). */
  release(): Promise<void>;
}

const isActive = (rec: ContainerRecord) => rec.State.Status === 'running' || rec.State.Status === 'paused' || rec.State.Status === 'restarting';

/** `view`: what `cp` sees (layers and bind mounts); `layer`: only the layers, as `export` and `commit` see them. */
export async function openRootfs(engine: Engine, rec: ContainerRecord, mode: 'view' | 'layer'): Promise<RootfsHandle> {
  const root = await engine.storage.mount(rec.Id);
  const view = containerView(root, mode === 'view' ? bindMounts(engine, rec) : []);
  if (isActive(rec)) return { root, view, release: async () => undefined };
  return { root, view, release: () => releaseMount(engine, rec.Id) };
}

/** The container's binds and the engine's /etc files (once a start has written them). */
export function bindMounts(engine: Engine, rec: ContainerRecord): ViewMount[] {
  const out: ViewMount[] = [];
  const etc = etcFilePaths(engine, rec.Id);
  for (const [dest, source] of [['/etc/hosts', etc.hosts], ['/etc/hostname', etc.hostname], ['/etc/resolv.conf', etc.resolvConf]] as const) {
    if (existsSync(source)) out.push({ destination: dest, source, readOnly: false });
  }
  for (const b of rec.HostConfig.Binds ?? []) {
    const [source = '', destination = '', mode = ''] = b.split(':');
    if (source.startsWith('/')) out.push({ destination, source, readOnly: mode.split(',').includes('ro') });
  }
  for (const m of rec.HostConfig.Mounts ?? []) {
    if (m.Type === 'bind' && m.Source) out.push({ destination: m.Target, source: m.Source, readOnly: m.ReadOnly === true });
  }
  return out;
}

async function releaseMount(engine: Engine, id: string): Promise<void> {
  try {
    const fresh = engine.state.getContainer(id);
    if (fresh && isActive(syncContainer(engine, fresh))) return;
    await engine.storage.unmount(id);
  } catch (e) {
    engine.log.warn(`unmount ${id}: ${(e as Error).message}`);
  }
}

/** Runs fn on an open rootfs and releases it afterwards. */
export async function withRootfs<T>(engine: Engine, rec: ContainerRecord, mode: 'view' | 'layer', fn: (h: RootfsHandle) => Promise<T>): Promise<T> {
  const h = await openRootfs(engine, rec, mode);
  try {
    return await fn(h);
  } finally {
    await h.release();
  }
}
