// `docker push`: the tag (or, for a bare name with all-tags, every tag of the repository) goes up as a
// Docker schema2 manifest, its layers in parallel (five at a time, top layer first, as Docker lists
// them), then the config, then the manifest; the manifest digest becomes a repo digest locally.
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import { familiarName, familiarString, parseNormalizedNamed, parseStored, referenceString, repositoryName, type NamedReference } from '../../images/reference.js';
import type { RegistryClient } from '../../registry/client.js';
import { MediaType } from '../../registry/media-types.js';
import type { Repository } from '../../registry/repository.js';
import { message, progressId, update, type ProgressSink } from './progress.js';
import { pushLayer, type LayerPushContext, type PushedBlob } from './push-layers.js';
import { connectRegistry, type RegistryAccess } from './registry-access.js';
import { concurrencyLimit } from './limit.js';
import { configBytes, imageStorage } from './store.js';
import { recordImageEvent } from '../events/emit.js';

export interface PushOptions {
  /** name:tag, or a bare name to push every tag of the repository. */
  reference: string;
  registry: RegistryAccess;
  onProgress?: ProgressSink;
}

export interface PushedTag { tag: string; digest: string; size: number }
export interface PushReport { pushed: PushedTag[] }

export async function pushImage(engine: Engine, opts: PushOptions): Promise<PushReport> {
  const ref = parseNormalizedNamed(opts.reference);
  const sink = opts.onProgress ?? (() => undefined);
  const repoName = repositoryName(ref);
  // docker parity: moby distribution/push.go and push_v2.go
  sink(message(`The push refers to repository [${repoName}]`));
  const refs = engine.state.listImages().flatMap((i) => [...i.RepoTags, ...i.RepoDigests]).filter((r) => repositoryName(parseStored(r)) === repoName);
  if (refs.length === 0) throw new EngineError('not-found', 'push-no-image', `An image does not exist locally with the tag: ${familiarName(ref)}`);
  const tags = ref.tag !== undefined ? [ref.tag] : refs.filter((r) => !r.includes('@')).sort().map((r) => parseStored(r).tag!);
  const targets = tags.map((tag) => {
    const id = engine.state.imageIdForTag(referenceString({ ...ref, tag }));
    if (!id) throw new EngineError('not-found', 'push-no-tag', `tag does not exist: ${familiarString({ ...ref, tag })}`);
    return { tag, id };
  });
  let client: RegistryClient | undefined;
  try {
    client = await connectRegistry(opts.registry, ref.domain);
    const repo = client.repository(ref.path, ['push']);
    const ctx: LayerPushContext = { repo, repository: repoName, domain: ref.domain, sink, done: new Map() };
    const pushed: PushedTag[] = [];
    for (const t of targets) pushed.push(await pushTag(engine, client, repo, { ...ref, tag: t.tag }, t.id, ctx));
    recordImageEvent(engine, 'push', familiarString(ref), familiarName(ref), targets[0]?.id);
    return { pushed };
  } finally {
    await client?.close();
  }
}

async function pushTag(engine: Engine, client: RegistryClient, repo: Repository, ref: NamedReference, id: string, ctx: LayerPushContext): Promise<PushedTag> {
  const img = engine.state.getImage(id)!;
  const diffIds = img.Config.rootfs?.diff_ids ?? [];
  const layerRecords = img.Layers.map((c) => imageStorage(engine).layers.get(c));
  // Docker walks the layers from the top down, so that is the order of the "Preparing" lines.
  const order = diffIds.map((_, i) => i).reverse();
  for (const i of order) ctx.sink(update(progressId(diffIds[i]!), 'Preparing'));
  const limit = concurrencyLimit(Math.max(1, client.config.maxUploads));
  const blobs: Array<Promise<PushedBlob>> = [];
  for (const i of order) {
    const size = imageStorage(engine).blobs.has(diffIds[i]!) ? imageStorage(engine).blobs.size(diffIds[i]!) : layerRecords[i]?.Size ?? 0;
    blobs[i] = limit(() => pushLayer(engine, diffIds[i]!, size, ctx), () => ctx.sink(update(progressId(diffIds[i]!), 'Waiting')));
  }
  for (const b of blobs) b.catch(() => undefined); // awaited together below; the first failure wins
  const layers = await Promise.all(blobs);
  const config = configBytes(engine, id);
  if ((await repo.hasBlob(id)) === undefined) await repo.uploadBytes(config, id);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.dockerManifest,
    config: { mediaType: MediaType.dockerConfig, size: config.length, digest: id },
    layers: layers.map((l) => ({ mediaType: MediaType.dockerLayer, size: l.size, digest: l.digest })),
  }, null, 3));
  const digest = await repo.putManifest(ref.tag!, manifest, MediaType.dockerManifest);
  ctx.sink(message(`${ref.tag}: digest: ${digest} size: ${manifest.length}`));
  ctx.sink({ progressDetail: {}, aux: { Tag: ref.tag, Digest: digest, Size: manifest.length } });
  engine.state.transaction(() => engine.state.addRepoDigest(`${repositoryName(ref)}@${digest}`, id));
  return { tag: ref.tag!, digest, size: manifest.length };
}

