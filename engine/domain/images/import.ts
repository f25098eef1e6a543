// `docker import`: one layer from a (possibly compressed) tar, a config built from --change lines on
// an empty container config, and moby 20.10's history entry ("Imported from -" unless -m).
import type { Engine } from '../../context.js';
import { invalidArgument } from '../../errors.js';
import { familiarString, parseNormalizedNamed, referenceString, withDefaultTag } from '../../images/reference.js';
import type { ImageConfigDocument } from '../../model/docker-types.js';
import { rfc3339Nano } from '../../views/time.js';
import { decompressed } from './archive/spool.js';
import { applyChanges } from './change-commands.js';
import { containerConfigJson, historyEntry, imageConfigBytes } from './config-doc.js';
import { emptyRunConfig } from './save.js';
import { imageStorage, recordImage, ZERO_TIME } from './store.js';
import { recordImageEvent } from '../events/emit.js';

export interface ImportOptions {
  input: AsyncIterable<Buffer | string>;
  /** What the user named as the source ("-" for stdin and files, as the docker CLI sends it). */
  source?: string;
  /** REPOSITORY[:TAG] to tag the image with. */
  reference?: string;
  changes?: string[];
  message?: string;
}

export interface ImportReport { id: string }

export async function importImage(engine: Engine, opts: ImportOptions): Promise<ImportReport> {
  const ref = opts.reference ? parseNormalizedNamed(opts.reference) : undefined;
  if (ref?.digest) throw invalidArgument('import-digest', 'cannot import digest reference');
  const runConfig = applyChanges({}, opts.changes ?? []);
  const storage = imageStorage(engine);
  await storage.cleanupStale();
  const layer = await storage.layers.create('', decompressed(opts.input));
  const created = rfc3339Nano(engine.clock());
  const message = opts.message || `Imported from ${opts.source ?? '-'}`;
  const doc: ImageConfigDocument = {
    architecture: 'amd64', comment: message, config: containerConfigJson(runConfig), container_config: emptyRunConfig(), created,
    history: [historyEntry({ created, comment: message })], os: 'linux', rootfs: { type: 'layers', diff_ids: [layer.DiffId] },
  };
  const id = await storage.blobs.putBytes(imageConfigBytes(doc));
  const lastTag = ref ? rfc3339Nano(engine.clock()) : ZERO_TIME;
  engine.state.transaction(() => {
    recordImage(engine, id, doc, [layer], { lastTagTime: lastTag });
    if (ref) engine.state.setTag(referenceString(withDefaultTag(ref)), id);
  });
  if (ref) recordImageEvent(engine, 'tag', id, familiarString(ref));
  recordImageEvent(engine, 'import', id, id);
  return { id };
}
