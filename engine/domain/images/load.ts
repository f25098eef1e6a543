// `docker load`: unpack an image archive from a stream, store its layers (verifying every diff id)
// and its config bytes unchanged (so the image id equals Docker's), then apply its tags.
import { createReadStream, readFileSync } from 'node:fs';
import type { Engine } from '../../context.js';
import { EngineError, isEngineError } from '../../errors.js';
import { familiarString, parseNormalizedNamed, referenceString } from '../../images/reference.js';
import type { ImageConfigDocument } from '../../model/docker-types.js';
import type { LayerRecord } from '../../state/store.js';
import { chainIdOf, DiffIdMismatchError } from '../../storage/layer-store.js';
import { decompressed, spoolArchive } from './archive/spool.js';
import { parseArchive, type ArchiveImage } from './archive/parse.js';
import { imageStorage, recordImage } from './store.js';
import { recordImageEvent } from '../events/emit.js';

export interface LoadOptions {
  input: AsyncIterable<Buffer | string>;
  /** Called as each new layer has been stored (for progress output): short diff id and archive bytes. */
  onLayer?: (shortId: string, size: number) => void;
}

export interface LoadReport {
  images: Array<{ id: string; tags: string[] }>;
  /** Docker's output lines, in order ("Loaded image: busybox:latest", "Loaded image ID: sha256:…"). */
  lines: string[];
}

export async function loadImages(engine: Engine, opts: LoadOptions): Promise<LoadReport> {
  const storage = imageStorage(engine);
  await storage.cleanupStale();
  const archive = await spoolArchive(opts.input, engine.config.paths.tmp);
  try {
    const report: LoadReport = { images: [], lines: [] };
    let idLines: string[] = [];
    let tagged = 0;
    for (const item of parseArchive(archive)) {
      const id = await loadOne(engine, item, opts);
      idLines = [...idLines, `Loaded image ID: ${id}`];
      // docker parity: moby image/tarexport/load.go prints the ID lines only if the last image had no tags.
      tagged = 0;
      const tags: string[] = [];
      for (const repoTag of item.repoTags) {
        report.lines.push(...applyLoadedTag(engine, repoTag, id));
        tags.push(repoTag);
        tagged++;
      }
      report.images.push({ id, tags });
      recordImageEvent(engine, 'load', id, id);
    }
    if (tagged === 0) report.lines.push(...idLines);
    return report;
  } finally {
    await archive.cleanup();
  }
}

async function loadOne(engine: Engine, item: ArchiveImage, opts: LoadOptions): Promise<string> {
  const storage = imageStorage(engine);
  const bytes = readFileSync(item.config.path);
  const config = parseConfig(bytes);
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (item.layers.length !== diffIds.length) {
    throw new EngineError('invalid-argument', 'layers-mismatch', `invalid manifest, layers length mismatch: expected ${item.layers.length}, got ${diffIds.length}`);
  }
  const layers: LayerRecord[] = [];
  for (const [i, diffId] of diffIds.entries()) {
    const parent = layers[i - 1]?.ChainId ?? '';
    const existing = storage.layers.get(chainIdOf(parent, diffId));
    if (existing && storage.blobs.has(diffId)) { layers.push(existing); continue; }
    try {
      layers.push(await storage.layers.create(parent, decompressed(createReadStream(item.layers[i]!.path)), diffId));
      opts.onLayer?.(diffId.slice(7, 19), item.layers[i]!.size);
    } catch (e) {
      // docker parity: moby image/tarexport/load.go
      if (e instanceof DiffIdMismatchError) throw new EngineError('invalid-argument', 'diffid-mismatch', `invalid diffID for layer ${i}: expected "${e.expected}", got "${e.actual}"`);
      throw e;
    }
  }
  const id = await storage.blobs.putBytes(bytes);
  recordImage(engine, id, config, layers);
  return id;
}

function parseConfig(bytes: Buffer): ImageConfigDocument {
  try {
    const doc = JSON.parse(bytes.toString('utf8')) as ImageConfigDocument;
    if (doc.os && doc.os !== 'linux') throw new EngineError('invalid-argument', 'bad-os', `image operating system "${doc.os}" cannot be used on this platform`);
    return doc;
  } catch (e) {
    if (isEngineError(e)) throw e;
    throw new EngineError('invalid-argument', 'bad-config', `invalid image config: ${(e as Error).message}`);
  }
}

/** Point the tag at the image, with Docker's note when it moves away from another one. */
function applyLoadedTag(engine: Engine, repoTag: string, id: string): string[] {
  const ref = parseNormalizedNamed(repoTag);
  if (ref.tag === undefined || ref.digest) throw new EngineError('invalid-argument', 'bad-tag', `invalid tag "${repoTag}"`);
  const shown = familiarString(ref);
  const previous = engine.state.transaction(() => engine.state.setTag(referenceString(ref), id));
  if (previous && previous !== id) {
    // docker parity: moby image/tarexport/load.go setLoadedTag
    return [`The image ${shown} already exists, renaming the old one with ID ${previous} to empty string`, `Loaded image: ${shown}`];
  }
  return [`Loaded image: ${shown}`];
}
