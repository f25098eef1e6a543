// The image side of storage for domain functions: blobs and layers opened once per Engine, and the
// steps every verb shares (config bytes, recording a new image, tag names in Docker's order).
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import { familiarize } from '../../images/reference.js';
import type { ImageConfigDocument } from '../../model/docker-types.js';
import type { ImageRecord } from '../../model/image.js';
import type { LayerRecord } from '../../state/store.js';
import { openImageStorage, type ImageStorage } from '../../storage/index.js';

const opened = new WeakMap<Engine, ImageStorage>();

export function imageStorage(engine: Engine): ImageStorage {
  let s = opened.get(engine);
  if (!s) {
    s = openImageStorage(engine.config, engine.state, engine.log);
    opened.set(engine, s);
  }
  return s;
}

/** Go's zero time, which Docker shows for "never" (e.g. LastTagTime of a loaded image). */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** The config document exactly as stored: its sha256 is the image id. */
export function configBytes(engine: Engine, id: string): Buffer {
  try {
    return imageStorage(engine).blobs.readBytes(id);
  } catch (e) {
    throw new EngineError('internal', 'config-missing', `image ${id}: config blob missing`, { cause: e });
  }
}

/** Record an image whose config bytes are already in the blob store and whose layers are stored. */
export function recordImage(engine: Engine, id: string, config: ImageConfigDocument, layers: LayerRecord[], opts: { parent?: string; lastTagTime?: string } = {}): ImageRecord {
  const rec = {
    Id: id, Config: config, Layers: layers.map((l) => l.ChainId), Size: layers.reduce((n, l) => n + l.Size, 0),
    Parent: opts.parent ?? '', LoadedAt: opts.lastTagTime ?? ZERO_TIME,
  };
  const existing = engine.state.getImage(id);
  engine.state.putImage(existing ? { ...rec, Parent: existing.Parent || rec.Parent, LoadedAt: opts.lastTagTime ?? existing.LoadedAt } : rec);
  return engine.state.getImage(id)!;
}

/** Docker sorts references lexically by their full name (reference store References()). */
export const sortedTags = (img: ImageRecord) => [...img.RepoTags].sort();
export const sortedDigests = (img: ImageRecord) => [...img.RepoDigests].sort();
export const familiarTags = (img: ImageRecord) => sortedTags(img).map(familiarize);
export const familiarDigests = (img: ImageRecord) => sortedDigests(img).map(familiarize);

/** Images whose parent is this one (Docker's image store Children). */
export const childrenOf = (engine: Engine, id: string) => engine.state.listImages().filter((i) => i.Parent === id);
