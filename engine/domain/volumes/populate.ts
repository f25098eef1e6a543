// Copy-up at create: an empty volume takes what the image has at its mount point (moby
// populateVolumes); an image VOLUME over a file is an error. Needs the container's rootfs mounted.
import type { Engine } from '../../context.js';
import type { ContainerRecord } from '../../model/container.js';
import { resolveInRoot } from '../../sys/rootfs-path.js';
import { checkNotFile, copyImageContent, localVolumes } from '../../volumes/index.js';

export const needsPopulate = (rec: Pick<ContainerRecord, 'MountPoints'>) =>
  (rec.MountPoints ?? []).some((m) => m.Type === 'volume' && (m.CopyData || m.Anonymous));

export async function populateVolumes(engine: Engine, rec: ContainerRecord, rootfs: string): Promise<void> {
  const driver = localVolumes(engine);
  for (const m of rec.MountPoints ?? []) {
    if (m.Type !== 'volume' || !m.Name) continue;
    const inRoot = resolveInRoot(rootfs, m.Destination);
    if (m.Anonymous && m.Mode === '') checkNotFile(inRoot);
    if (!m.CopyData) continue;
    const v = engine.state.getVolume(m.Name);
    if (!v || driver.needsMount(v)) continue;
    await copyImageContent(inRoot, driver.dataDir(m.Name));
  }
}

/** After create's transaction: the new volumes' directories, then copy-up with the rootfs mounted. */
export async function setUpVolumesOnCreate(engine: Engine, rec: ContainerRecord, createdVolumes: string[]): Promise<void> {
  const driver = localVolumes(engine);
  for (const name of createdVolumes) driver.create(name);
  if (!needsPopulate(rec)) return;
  const rootfs = await engine.storage.mount(rec.Id);
  try {
    await populateVolumes(engine, rec, rootfs);
  } finally {
    await engine.storage.unmount(rec.Id).catch(() => undefined);
  }
}
