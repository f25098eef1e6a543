// `docker pull`: resolve the manifest (picking the platform's entry from a list or index), fetch the
// config and the missing layers, then record the image, its repo digest and its tag in one
// transaction, so an interrupted pull never leaves a listed image behind. Output follows moby 20.10's
// distribution/pull_v2.go message for message.
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import { familiarName, familiarString, parseNormalizedNamed, referenceString, repositoryName, withDefaultTag, type NamedReference } from '../../images/reference.js';
import type { ImageConfigDocument } from '../../model/docker-types.js';
import type { RegistryClient } from '../../registry/client.js';
import { describeEntry, RegistryError } from '../../registry/errors.js';
import { parseManifest, selectPlatform, type ImageManifest } from '../../registry/manifest.js';
import { hostPlatform, parsePlatform, type Platform } from '../../registry/platform.js';
import type { Repository } from '../../registry/repository.js';
import { failpoint } from '../../sys/failpoint.js';
import { rfc3339Nano } from '../../views/time.js';
import { message, type ProgressSink } from './progress.js';
import { pullLayers } from './pull-layers.js';
import { connectRegistry, type RegistryAccess } from './registry-access.js';
import { imageStorage, recordImage } from './store.js';
import { recordImageEvent } from '../events/emit.js';

export interface PullOptions {
  /** What the user asked for; without tag or digest and without `allTags`, `latest`. */
  reference: string;
  allTags?: boolean;
  /** os[/arch[/variant]]; default the host's. */
  platform?: string;
  registry: RegistryAccess;
  onProgress?: ProgressSink;
}

export interface PulledImage { reference: string; id: string; manifestDigest: string; updated: boolean }
export interface PullReport { images: PulledImage[]; updated: boolean }

export async function pullImage(engine: Engine, opts: PullOptions): Promise<PullReport> {
  const parsed = parseNormalizedNamed(opts.reference);
  const ref = opts.allTags ? parsed : withDefaultTag(parsed);
  const platform = opts.platform ? parsePlatform(opts.platform) : hostPlatform();
  const sink = opts.onProgress ?? (() => undefined);
  await imageStorage(engine).cleanupStale();
  let client: RegistryClient | undefined;
  try {
    client = await connectRegistry(opts.registry, ref.domain);
    const repo = client.repository(ref.path, ['pull']);
    const refs = ref.tag === undefined && ref.digest === undefined
      ? (await repo.tags()).map((tag) => ({ ...ref, tag }))
      : [ref];
    const images: PulledImage[] = [];
    for (const r of refs) images.push(await pullOne(engine, repo, client, r, platform, sink));
    const updated = images.some((i) => i.updated);
    // docker parity: moby distribution/pull.go writeStatus
    sink(message(`Status: ${updated ? 'Downloaded newer image' : 'Image is up to date'} for ${familiarString(ref)}`));
    // docker parity: moby distribution/pull.go Pull — the actor is the reference as asked for
    recordImageEvent(engine, 'pull', familiarString(ref), familiarName(ref), images[0]?.id);
    return { images, updated };
  } catch (e) {
    throw translatePullError(e, ref);
  } finally {
    await client?.close();
  }
}

async function pullOne(engine: Engine, repo: Repository, client: RegistryClient, ref: NamedReference, want: Platform, sink: ProgressSink): Promise<PulledImage> {
  const top = await repo.manifest(ref.digest ?? ref.tag!);
  // docker parity: pull_v2.go pullV2Tag names a digest pull by its whole reference, a tag pull by its tag
  sink(message(`Pulling from ${ref.path}`, ref.digest ? referenceString(ref) : ref.tag));
  let doc = parseManifest(top.bytes, top.contentType);
  if (doc.kind === 'index') {
    const entry = selectPlatform(doc.index, want);
    const inner = await repo.manifest(entry.digest);
    doc = parseManifest(inner.bytes, inner.contentType);
    if (doc.kind !== 'manifest') throw new EngineError('invalid-argument', 'nested-index', 'manifest list entry is itself a manifest list');
  }
  const id = doc.manifest.config.digest;
  if (!engine.state.getImage(id)) await fetchImage(engine, repo, client, ref, doc.manifest, sink);
  sink(message(`Digest: ${top.digest}`));
  const updated = tagPulled(engine, ref, id, top.digest);
  return { reference: familiarString(ref), id, manifestDigest: top.digest, updated };
}

async function fetchImage(engine: Engine, repo: Repository, client: RegistryClient, ref: NamedReference, manifest: ImageManifest, sink: ProgressSink): Promise<void> {
  const configBytes = await repo.blobBytes(manifest.config.digest);
  const config = parseConfig(configBytes);
  const layers = await pullLayers(engine, manifest.layers, config.rootfs?.diff_ids ?? [], {
    repo, repository: repositoryName(ref), maxDownloads: client.config.maxDownloads, sink,
  });
  await imageStorage(engine).blobs.putBytes(configBytes, manifest.config.digest);
  failpoint('pull-before-record');
  engine.state.transaction(() => {
    if (!engine.state.getImage(manifest.config.digest)) recordImage(engine, manifest.config.digest, config, layers);
  });
}

/** Point the tag (or digest reference) at the image; true when that changed something (moby pullV2Tag). */
function tagPulled(engine: Engine, ref: NamedReference, id: string, manifestDigest: string): boolean {
  return engine.state.transaction(() => {
    const repoDigest = `${repositoryName(ref)}@${manifestDigest}`;
    const old = ref.digest ? engine.state.imageIdForDigest(repoDigest) : engine.state.imageIdForTag(referenceString(ref));
    engine.state.addRepoDigest(repoDigest, id);
    if (old === id) return false;
    if (!ref.digest) engine.state.setTag(referenceString(ref), id);
    const img = engine.state.getImage(id)!;
    const { RepoTags: _t, RepoDigests: _d, ...rec } = img;
    if (!ref.digest) engine.state.putImage({ ...rec, LoadedAt: rfc3339Nano(engine.clock()) });
    return true;
  });
}

function parseConfig(bytes: Buffer): ImageConfigDocument {
  try {
    const doc = JSON.parse(bytes.toString('utf8')) as ImageConfigDocument;
    if (!doc || typeof doc !== 'object' || !doc.rootfs || !Array.isArray(doc.rootfs.diff_ids)) throw new Error('missing rootfs.diff_ids');
    return doc;
  } catch (e) {
    throw new EngineError('invalid-argument', 'bad-config', `invalid image config: ${(e as Error).message}`);
  }
}

// docker parity: moby distribution/errors.go TranslatePullError and notFoundError
export function translatePullError(e: unknown, ref: NamedReference): unknown {
  if (!(e instanceof RegistryError) || !e.first) return e;
  const cause = describeEntry(e.first);
  switch (e.first.code) {
    case 'DENIED':
      return new EngineError('not-found', 'pull-access-denied', `pull access denied for ${familiarName(ref)}, repository does not exist or may require 'docker login': ${cause}`);
    case 'MANIFEST_UNKNOWN':
      return new EngineError('not-found', 'manifest-unknown', `manifest for ${familiarString(ref)} not found: ${cause}`);
    case 'NAME_UNKNOWN':
      return new EngineError('not-found', 'name-unknown', `repository ${familiarName(ref)} not found: ${cause}`);
    default:
      return e;
  }
}
