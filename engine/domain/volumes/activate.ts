// Volumes with driver options (a tmpfs, a bind of a device…) are mounted while a container that uses
// them runs, and unmounted when the last such container stops (moby's local driver refcount).
import type { Engine } from '../../context.js';
import { isActive, type ContainerRecord } from '../../model/container.js';
import { localVolumes } from '../../volumes/index.js';
import { usesVolume } from './users.js';

const volumeNames = (rec: ContainerRecord) => (rec.MountPoints ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name!);

export async function mountVolumes(engine: Engine, rec: ContainerRecord): Promise<void> {
  const driver = localVolumes(engine);
  for (const name of volumeNames(rec)) {
    const v = engine.state.getVolume(name);
    if (v) await driver.mount(v);
  }
}

export async function releaseVolumes(engine: Engine, rec: ContainerRecord): Promise<void> {
  const driver = localVolumes(engine);
  const others = engine.state.listContainers().filter((c) => c.Id !== rec.Id && isActive(c.State));
  for (const name of volumeNames(rec)) {
    const v = engine.state.getVolume(name);
    if (!v || !driver.needsMount(v) || others.some((c) => usesVolume(c, name))) continue;
    await driver.unmount(v).catch((e) => engine.log.warn(`unmount volume ${name}: ${(e as Error).message}`));
  }
}
