// One layer of a push, decided as moby 20.10's v2PushDescriptor.Upload decides: a digest this
// repository is known to have is HEADed ("Layer already exists"), one a sibling repository of the
// same registry has is mounted ("Mounted from …"), anything else is gzipped and uploaded ("Pushed").
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import { parseStored } from '../../images/reference.js';
import { TransportError } from '../../registry/errors.js';
import type { Repository } from '../../registry/repository.js';
import { HashTap } from '../../storage/digest.js';
import type { DistEntry } from '../../storage/dist-metadata.js';
import { ByteProgress, counted, progressId, update, type ProgressSink } from './progress.js';
import { distMetadata } from './pull-layers.js';
import { imageStorage } from './store.js';

export interface PushedBlob { digest: string; size: number }

export interface LayerPushContext {
  repo: Repository;
  /** Fully qualified repository being pushed to, and its registry domain. */
  repository: string;
  domain: string;
  sink: ProgressSink;
  /** Layers already handled in this push (an image may repeat a layer). */
  done: Map<string, Promise<PushedBlob>>;
}

const pathOf = (repository: string) => parseStored(repository).path;
const domainOf = (repository: string) => parseStored(repository).domain;

export function pushLayer(engine: Engine, diffId: string, size: number, ctx: LayerPushContext): Promise<PushedBlob> {
  const seen = ctx.done.get(diffId);
  if (seen) return seen.then((b) => { ctx.sink(update(progressId(diffId), 'Layer already exists')); return b; });
  // docker parity: moby distribution/errors.go retryOnError drops the url.Error around upload failures
  const p = pushOnce(engine, diffId, size, ctx).catch((e: unknown) => {
    throw e instanceof TransportError ? new EngineError(e.kind, e.code, e.causeText, { cause: e }) : e;
  });
  ctx.done.set(diffId, p);
  return p;
}

async function pushOnce(engine: Engine, diffId: string, size: number, ctx: LayerPushContext): Promise<PushedBlob> {
  const id = progressId(diffId);
  const meta = distMetadata(engine);
  const known = meta.entries(diffId);
  const exists = await firstExisting(ctx, known.filter((e) => e.repository === ctx.repository).slice(0, 1));
  if (exists) { ctx.sink(update(id, 'Layer already exists')); return exists; }
  for (const cand of mountCandidates(known, ctx)) {
    const mounted = await ctx.repo.mount(cand.digest, pathOf(cand.repository)).catch(() => undefined);
    if (mounted === true) {
      const got = await ctx.repo.hasBlob(cand.digest);
      ctx.sink(update(id, `Mounted from ${pathOf(cand.repository)}`));
      meta.add(diffId, { digest: cand.digest, repository: ctx.repository });
      return { digest: cand.digest, size: got ?? 0 };
    }
    // The registry opened an upload session instead of mounting; this path will not use it.
    if (typeof mounted === 'string') await ctx.repo.cancelUpload(mounted).catch(() => undefined);
  }
  const other = await firstExisting(ctx, known.filter((e) => e.repository !== ctx.repository).slice(0, 3));
  if (other) {
    ctx.sink(update(id, 'Layer already exists'));
    meta.add(diffId, { digest: other.digest, repository: ctx.repository });
    return other;
  }
  const pushed = await upload(engine, diffId, size, ctx);
  ctx.sink(update(id, 'Pushed'));
  meta.add(diffId, { digest: pushed.digest, repository: ctx.repository });
  return pushed;
}

// docker parity: moby distribution/push_v2.go getRepositoryMountCandidates (most similar path first, then youngest)
function mountCandidates(known: DistEntry[], ctx: LayerPushContext): DistEntry[] {
  const target = pathOf(ctx.repository).split('/');
  const likeness = (e: DistEntry) => {
    const p = pathOf(e.repository).split('/');
    let n = 0;
    while (n < p.length && n < target.length && p[n] === target[n]) n++;
    return n;
  };
  return known.filter((e) => e.repository !== ctx.repository && domainOf(e.repository) === ctx.domain)
    .map((e, i) => ({ e, i, l: likeness(e) }))
    .sort((a, b) => b.l - a.l || a.i - b.i)
    .slice(0, 3)
    .map((x) => x.e);
}

async function firstExisting(ctx: LayerPushContext, candidates: DistEntry[]): Promise<PushedBlob | undefined> {
  for (const c of candidates) {
    const size = await ctx.repo.hasBlob(c.digest).catch(() => undefined);
    if (size !== undefined) return { digest: c.digest, size };
  }
  return undefined;
}

/** Gzip the layer tar on the way out; its digest is known only at the end, so PATCH then PUT. */
async function upload(engine: Engine, diffId: string, size: number, ctx: LayerPushContext): Promise<PushedBlob> {
  const session = await ctx.repo.startUpload();
  const progress = new ByteProgress(ctx.sink, progressId(diffId), 'Pushing', size);
  const tap = new HashTap();
  const gzip = createGzip();
  const compressing = pipeline(Readable.from(counted(imageStorage(engine).blobs.open(diffId), progress)), gzip);
  const body = Readable.from(tap.wrap(gzip));
  const sent = ctx.repo.upload(session, body, () => tap.digest()).catch((e: unknown) => { gzip.destroy(e as Error); throw e; });
  await Promise.all([compressing, sent]);
  return { digest: tap.digest(), size: tap.size };
}
