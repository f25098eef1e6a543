// Storage entry points: the image side (blobs + layers) and the container side (ContainerStorage over
// kernel overlay, or vfs when overlay cannot be mounted here). The overlay probe runs once per boot
// of the run root and is cached there, as c/storage caches its feature tests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineConfig } from '../config/config.js';
import type { Logger } from '../context.js';
import type { StateStore } from '../state/store.js';
import { pidAlive } from '../sys/process.js';
import { BlobStore } from './blob-store.js';
import { ContainerLayers } from './container-layers.js';
import { hostFsOps, type FsOps } from './fs-ops.js';
import { LayerStore } from './layer-store.js';
import { removeTreeForce } from './tree.js';
import type { ContainerStorage } from './types.js';

export interface ImageStorage {
  blobs: BlobStore;
  layers: LayerStore;
  /** Remove temp files and dirs left by killed processes. */
  cleanupStale(): Promise<void>;
}

export function openImageStorage(config: EngineConfig, state: StateStore, log: Logger, ops: FsOps = hostFsOps): ImageStorage {
  const blobs = new BlobStore(config.paths.blobs);
  const layers = new LayerStore(config.paths.layers, state, blobs, { rootless: config.identity.rootless, ops, log });
  return {
    blobs,
    layers,
    async cleanupStale() {
      blobs.cleanupStale(pidAlive);
      await layers.cleanupStale();
    },
  };
}

export async function openContainerStorage(config: EngineConfig, state: StateStore, log: Logger, ops: FsOps = hostFsOps): Promise<ContainerStorage & { images: ImageStorage }> {
  const images = openImageStorage(config, state, log, ops);
  const driver = config.storageDriver === 'auto' ? await probeDriver(config, ops, log) : config.storageDriver;
  mkdirSync(config.paths.containers, { recursive: true, mode: 0o700 });
  const storage = new ContainerLayers(driver, {
    containersDir: config.paths.containers, layers: images.layers, blobs: images.blobs, ops, rootless: config.identity.rootless, log,
  });
  return Object.assign(storage, { images });
}

/** overlay when a test mount works here (natively, or in the user namespace with userxattr), else vfs. */
export async function probeDriver(config: EngineConfig, ops: FsOps, log: Logger): Promise<'overlay' | 'vfs'> {
  const cache = join(config.paths.runRoot, 'storage-driver');
  try {
    const cached = readFileSync(cache, 'utf8').trim();
    if (cached === 'overlay' || cached === 'vfs') return cached;
  } catch { /* not probed yet */ }
  const dir = join(config.paths.dataRoot, 'tmp', `overlay-probe-${process.pid}`);
  let driver: 'overlay' | 'vfs' = 'overlay';
  try {
    for (const d of ['lower', 'upper', 'work', 'merged']) mkdirSync(join(dir, d), { recursive: true });
    const opts = `lowerdir=${join(dir, 'lower')},upperdir=${join(dir, 'upper')},workdir=${join(dir, 'work')}${config.identity.rootless ? ',userxattr' : ''}`;
    await ops.mount('overlay', 'overlay', join(dir, 'merged'), opts);
    await ops.unmount(join(dir, 'merged'));
  } catch (e) {
    log.warn(`overlay is not usable here, falling back to vfs: ${(e as Error).message}`);
    driver = 'vfs';
  } finally {
    await removeTreeForce(dir).catch(() => undefined);
  }
  mkdirSync(config.paths.runRoot, { recursive: true });
  writeFileSync(cache, driver);
  return driver;
}

export type { ContainerStorage, FilesystemChange } from './types.js';
export { ContainerLayers, containerLayerRefs } from './container-layers.js';
export { BlobStore } from './blob-store.js';
export { LayerStore, chainIdOf } from './layer-store.js';
