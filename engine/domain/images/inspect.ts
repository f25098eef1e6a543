// `docker image inspect` / GET /images/{name}/json: one report per name, so one bad name never
// hides the others (the CLI prints what it found, then the errors).
import { join } from 'node:path';
import type { Engine } from '../../context.js';
import { digestHex } from '../../storage/digest.js';
import { imageInspect, type ImageInspect } from '../../views/image-inspect.js';
import type { ImageRecord } from '../../model/image.js';
import { resolveImage } from './resolve.js';
import { familiarDigests, familiarTags, imageStorage } from './store.js';

/** `inspect` is the Go-typed view (JSON.stringify gives the API document). */
export interface InspectReport { input: string; inspect?: Record<string, unknown>; error?: Error }

export function inspectImages(engine: Engine, refs: string[]): InspectReport[] {
  return refs.map((input) => {
    try {
      return { input, inspect: inspectImage(engine, resolveImage(engine, input)) };
    } catch (e) {
      return { input, error: e as Error };
    }
  });
}

export function inspectImage(engine: Engine, img: ImageRecord): Record<string, unknown> {
  return imageInspect(img, { repoTags: familiarTags(img), repoDigests: familiarDigests(img), graphDriver: graphDriver(engine, img) });
}

/** Where the image's layers live, in the shape of Docker's overlay2 GraphDriver data. */
function graphDriver(engine: Engine, img: ImageRecord): ImageInspect['GraphDriver'] {
  if (engine.storage.driver === 'vfs' || img.Layers.length === 0) return { Data: null, Name: engine.storage.driver };
  const layers = imageStorage(engine).layers;
  const top = img.Layers[img.Layers.length - 1]!;
  const lowers = img.Layers.slice(0, -1).reverse().map((c) => layers.diffDir(c));
  const dir = join(layers.root, digestHex(top));
  return {
    Data: { ...(lowers.length ? { LowerDir: lowers.join(':') } : {}), MergedDir: join(dir, 'merged'), UpperDir: join(dir, 'diff'), WorkDir: join(dir, 'work') },
    Name: engine.storage.driver,
  };
}
