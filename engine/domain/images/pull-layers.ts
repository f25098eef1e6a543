// The layers of one pull: those already stored are reported "Already exists"; the rest are fetched
// (three at a time, Docker's default) straight into private temp dirs while their compressed digest
// and diff id are checked, then installed in chain order. A cross-process lock per layer makes
// concurrent pulls fetch a shared layer once: the later one applies the tar the first one kept.
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import type { Descriptor } from '../../registry/manifest.js';
import type { Repository } from '../../registry/repository.js';
import type { LayerRecord } from '../../state/store.js';
import { chainIds } from '../../storage/digest.js';
import { DistributionMetadata } from '../../storage/dist-metadata.js';
import type { PreparedLayer } from '../../storage/layer-store.js';
import { ProcessLocks } from '../../storage/process-lock.js';
import { failpoint } from '../../sys/failpoint.js';
import { downloadLayer } from './layer-download.js';
import { progressId, update, type ProgressSink } from './progress.js';
import { concurrencyLimit } from './limit.js';
import { imageStorage } from './store.js';

export interface LayerPullOptions {
  repo: Repository;
  /** Fully qualified repository name, recorded as where these blobs live. */
  repository: string;
  maxDownloads: number;
  sink?: ProgressSink;
}

type Fetched = { kind: 'prepared'; prepared: PreparedLayer } | { kind: 'stored'; record: LayerRecord };

export const distMetadata = (engine: Engine) => new DistributionMetadata(`${engine.config.paths.dataRoot}/distribution`);

export async function pullLayers(engine: Engine, layers: Descriptor[], diffIds: string[], opts: LayerPullOptions): Promise<LayerRecord[]> {
  // docker parity: moby distribution/pull_v2.go errRootFSMismatch
  if (layers.length !== diffIds.length) throw new EngineError('invalid-argument', 'rootfs-mismatch', "layers from manifest don't match image configuration");
  const storage = imageStorage(engine);
  const chains = chainIds(diffIds);
  const sink = opts.sink ?? (() => undefined);
  const records: LayerRecord[] = [];
  let first = 0;
  // docker parity: moby distribution/xfer/download.go reports the stored prefix "Already exists".
  for (; first < layers.length; first++) {
    const rec = storage.layers.get(chains[first]!);
    if (!rec || !storage.blobs.has(diffIds[first]!)) break;
    sink(update(progressId(layers[first]!.digest), 'Already exists'));
    // This repository is one more place the layer can be mounted from (moby registers it too).
    distMetadata(engine).add(diffIds[first]!, { digest: layers[first]!.digest, repository: opts.repository });
    records.push(rec);
  }
  const todo = layers.slice(first).map((d, k) => ({ desc: d, diffId: diffIds[first + k]!, chain: chains[first + k]!, id: progressId(d.digest) }));
  for (const t of todo) sink(update(t.id, 'Pulling fs layer'));
  const abort = new AbortController();
  const limit = concurrencyLimit(Math.max(1, opts.maxDownloads));
  const locks = new ProcessLocks(engine.config.paths.dataRoot);
  let failure: unknown;
  const fetches = todo.map((t) => limit(() => fetchOne(engine, t, opts, locks, abort.signal), () => sink(update(t.id, 'Waiting')))
    .catch((e: unknown) => { failure ??= e; abort.abort(e); throw e; }));
  for (const f of fetches) f.catch(() => undefined); // failures are handled in order below; the first one aborts the rest
  try {
    for (const [k, t] of todo.entries()) {
      const got = await fetches[k]!;
      const parent = records[records.length - 1]?.ChainId ?? '';
      const rec = got.kind === 'stored' ? got.record : await storage.layers.commit(parent, got.prepared);
      if (got.kind === 'prepared') sink({ status: 'Extracting', progressDetail: { current: t.desc.size, total: t.desc.size }, id: t.id });
      sink(update(t.id, 'Pull complete'));
      failpoint('pull-after-layer');
      records.push(rec);
    }
    return records;
  } catch (e) {
    abort.abort(e);
    // Whatever was fetched but not installed is thrown away; nothing half-done stays behind.
    for (const f of await Promise.allSettled(fetches)) if (f.status === 'fulfilled' && f.value.kind === 'prepared') await storage.layers.discard(f.value.prepared);
    throw failure ?? e;
  }
}

interface Todo { desc: Descriptor; diffId: string; chain: string; id: string }

async function fetchOne(engine: Engine, t: Todo, opts: LayerPullOptions, locks: ProcessLocks, signal: AbortSignal): Promise<Fetched> {
  signal.throwIfAborted();
  const storage = imageStorage(engine);
  return locks.with(t.diffId, async () => {
    const stored = storage.layers.get(t.chain);
    if (stored && storage.blobs.has(t.diffId)) return { kind: 'stored', record: stored };
    if (storage.blobs.has(t.diffId)) {
      // Another pull fetched this layer while we waited: apply the tar it kept.
      const prepared = await storage.layers.prepare(storage.blobs.open(t.diffId), { expectedDiffId: t.diffId });
      opts.sink?.(update(t.id, 'Download complete'));
      return { kind: 'prepared', prepared };
    }
    const prepared = await downloadLayer(engine, opts.repo, t, opts.sink, signal);
    distMetadata(engine).add(t.diffId, { digest: t.desc.digest, repository: opts.repository });
    failpoint('pull-after-download');
    return { kind: 'prepared', prepared };
  }, { signal });
}
