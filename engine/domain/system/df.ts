// GET /system/df and `docker system df`: what images, containers, volumes and build cache take on disk.
import type { Engine } from '../../context.js';
import type { ContainerRecord } from '../../model/container.js';
import { containerSizes } from '../containers/inspect.js';
import { syncContainer } from '../containers/sync.js';
import { listImages, type ListedImage } from '../images/list.js';
import { volumeUsage } from '../volumes/list.js';

export interface ImageUsage extends ListedImage { sharedSize: number }
export interface ContainerUsage { rec: ContainerRecord; sizeRw: number; sizeRootFs: number }

export interface DiskUsage {
  /** All stored layers, each counted once (moby's LayersSize). */
  layersSize: number;
  images: ImageUsage[];
  containers: ContainerUsage[];
  // The build cache has no store yet.
  volumes: Array<{ Name: string; UsageData: { Size: number; RefCount: number } }>;
  buildCache: Array<{ Size: number; InUse: boolean; Shared: boolean }>;
}

// docker parity: moby daemon/images/images.go Images(withExtraAttrs) — SharedSize sums the layers other images use too.
export async function diskUsage(engine: Engine): Promise<DiskUsage> {
  const images = listImages(engine);
  const layers = new Map(engine.state.listLayers().map((l) => [l.ChainId, l.Size]));
  const users = new Map<string, number>();
  for (const img of engine.state.listImages()) for (const l of new Set(img.Layers)) users.set(l, (users.get(l) ?? 0) + 1);
  const shared = (layerIds: string[]) => [...new Set(layerIds)].filter((l) => (users.get(l) ?? 0) > 1).reduce((n, l) => n + (layers.get(l) ?? 0), 0);
  const containers: ContainerUsage[] = [];
  for (const c of engine.state.listContainers()) {
    const rec = syncContainer(engine, c);
    containers.push({ rec, ...await containerSizes(engine, rec) });
  }
  return {
    layersSize: [...layers.values()].reduce((a, b) => a + b, 0),
    images: images.map((i) => ({ ...i, sharedSize: shared(i.image.Layers) })),
    containers, volumes: await volumeUsage(engine), buildCache: [],
  };
}
