// What an image archive holds, whatever its layout: docker-archive (manifest.json, as `docker save`
// and podman write it, layers possibly symlinked) or an OCI image layout (index.json + blobs/).
import { EngineError } from '../../../errors.js';
import { isSha256Digest } from '../../../storage/digest.js';
import type { SpooledArchive, SpooledFile } from './spool.js';

export interface ArchiveImage {
  config: SpooledFile;
  layers: SpooledFile[];
  /** As written in the archive (familiar or full names with a tag). */
  repoTags: string[];
}

interface ManifestItem { Config: string; RepoTags?: string[] | null; Layers: string[] }
interface Descriptor { mediaType?: string; digest: string; size?: number; annotations?: Record<string, string>; platform?: { os?: string; architecture?: string } }
interface OciIndex { manifests?: Descriptor[] }
interface OciManifest { config: Descriptor; layers: Descriptor[]; manifests?: Descriptor[] }

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

export function parseArchive(a: SpooledArchive): ArchiveImage[] {
  if (a.has('manifest.json')) return parseDockerArchive(a);
  if (a.has('index.json')) return parseOciLayout(a);
  if (a.has('repositories')) throw new EngineError('not-implemented', 'legacy-archive', 'legacy (v1) image archives are not supported');
  // docker parity: moby falls back to the legacy loader, which fails opening this file.
  throw new EngineError('invalid-argument', 'archive-missing-file', `open ${a.dir}/repositories: no such file or directory`);
}

function need(a: SpooledArchive, name: string): SpooledFile {
  const f = a.resolve(name);
  if (!f) throw new EngineError('invalid-argument', 'archive-missing-file', `open ${a.dir}/${name}: no such file or directory`);
  return f;
}

function parseDockerArchive(a: SpooledArchive): ArchiveImage[] {
  const items = a.readJson<ManifestItem[]>('manifest.json');
  if (!Array.isArray(items)) throw new EngineError('invalid-argument', 'bad-manifest', 'json: cannot unmarshal object into Go value of type []tarexport.manifestItem');
  return items.map((m) => ({ config: need(a, m.Config), layers: (m.Layers ?? []).map((l) => need(a, l)), repoTags: m.RepoTags ?? [] }));
}

function blob(a: SpooledArchive, d: Descriptor): SpooledFile {
  if (!isSha256Digest(d.digest)) throw new EngineError('invalid-argument', 'bad-digest', `unsupported digest ${d.digest}`);
  const f = need(a, `blobs/sha256/${d.digest.slice(7)}`);
  if (f.digest !== d.digest) throw new EngineError('invalid-argument', 'digest-mismatch', `blob ${d.digest}: content has digest ${f.digest}`);
  return f;
}

function parseOciLayout(a: SpooledArchive): ArchiveImage[] {
  const index = a.readJson<OciIndex>('index.json');
  const out: ArchiveImage[] = [];
  for (const d of index.manifests ?? []) {
    const manifestDesc = INDEX_TYPES.has(d.mediaType ?? '') ? pickPlatform(a, d) : d;
    const m = JSON.parse(a.readBytes(`blobs/sha256/${blob(a, manifestDesc).digest.slice(7)}`).toString('utf8')) as OciManifest;
    const name = d.annotations?.['io.containerd.image.name'] ?? d.annotations?.['org.opencontainers.image.ref.name'];
    out.push({ config: blob(a, m.config), layers: m.layers.map((l) => blob(a, l)), repoTags: name && /[/:]/.test(name) ? [name] : [] });
  }
  return out;
}

/** From a nested index, the linux/amd64 manifest (else the first). */
function pickPlatform(a: SpooledArchive, d: Descriptor): Descriptor {
  const nested = JSON.parse(a.readBytes(`blobs/sha256/${blob(a, d).digest.slice(7)}`).toString('utf8')) as OciIndex;
  const list = nested.manifests ?? [];
  const match = list.find((m) => m.platform?.os === 'linux' && m.platform?.architecture === 'amd64') ?? list[0];
  if (!match) throw new EngineError('invalid-argument', 'empty-index', `image index ${d.digest} lists no manifests`);
  return match;
}
