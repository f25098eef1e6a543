// Manifest documents: parse and check what a registry sent (Docker schema2, OCI manifest, manifest
// list, OCI index) and pick the entry of an index that serves the wanted platform.
import { EngineError } from '../errors.js';
import { bareType, isIndexType, isManifestType, MediaType } from './media-types.js';
import { formatPlatform, matchRank, type Platform } from './platform.js';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: { os?: string; architecture?: string; variant?: string; 'os.version'?: string; 'os.features'?: string[] };
}

export interface ImageManifest { schemaVersion: 2; mediaType?: string; config: Descriptor; layers: Descriptor[]; annotations?: Record<string, string> }
export interface ImageIndex { schemaVersion: 2; mediaType?: string; manifests: Descriptor[]; annotations?: Record<string, string> }

export type ParsedManifest =
  | { kind: 'manifest'; mediaType: string; manifest: ImageManifest }
  | { kind: 'index'; mediaType: string; index: ImageIndex };

const invalid = (msg: string) => new EngineError('invalid-argument', 'manifest-invalid', msg);

/** Decide the document's type from its mediaType field, else the Content-Type, else its shape. */
export function parseManifest(bytes: Buffer, contentType?: string): ParsedManifest {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    throw invalid(`invalid manifest: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null) throw invalid('invalid manifest: not an object');
  const header = bareType(contentType);
  const field = typeof doc.mediaType === 'string' ? doc.mediaType : '';
  if (doc.schemaVersion === 1 || header === MediaType.dockerSchema1 || header === 'application/vnd.docker.distribution.manifest.v1+json') {
    // skiff differs: Docker 20.10 still converts schema1; registries stopped serving it years ago.
    throw new EngineError('not-implemented', 'schema1', 'unsupported manifest format: Docker Image Manifest Version 2, Schema 1 is not supported');
  }
  // docker parity: distribution manifest unmarshalers reject a mediaType that contradicts the header
  if (field && header && header !== 'application/json' && header !== 'application/octet-stream' && field !== header) {
    throw invalid(`mediaType in manifest should be '${header}' not '${field}'`);
  }
  const type = field || (header !== 'application/json' ? header : '') || (Array.isArray(doc.manifests) ? MediaType.ociIndex : MediaType.ociManifest);
  if (isIndexType(type) || (!isManifestType(type) && Array.isArray(doc.manifests))) {
    if (!Array.isArray(doc.manifests)) throw invalid('invalid manifest list: no manifests');
    return { kind: 'index', mediaType: type, index: doc as unknown as ImageIndex };
  }
  if (!isManifestType(type)) throw invalid(`unsupported manifest media type and no default available: ${type}`);
  const m = doc as unknown as ImageManifest;
  if (!m.config || typeof m.config.digest !== 'string' || !Array.isArray(m.layers)) throw invalid('invalid manifest: missing config or layers');
  for (const l of m.layers) if (typeof l.digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(l.digest)) throw invalid(`invalid layer digest ${JSON.stringify(l.digest)}`);
  if (!/^sha256:[a-f0-9]{64}$/.test(m.config.digest)) throw invalid(`invalid config digest ${JSON.stringify(m.config.digest)}`);
  return { kind: 'manifest', mediaType: type, manifest: m };
}

/** The best entry for `want`, in containerd's order; the error text is Docker 20.10's. */
export function selectPlatform(index: ImageIndex, want: Platform): Descriptor {
  let best: { d: Descriptor; rank: number } | undefined;
  for (const d of index.manifests) {
    if (!d.platform || !isManifestType(d.mediaType ?? MediaType.ociManifest)) continue;
    const rank = matchRank(want, { os: d.platform.os ?? '', architecture: d.platform.architecture ?? '', variant: d.platform.variant });
    if (rank >= 0 && (!best || rank < best.rank)) best = { d, rank };
  }
  // docker parity: moby distribution/pull_v2.go pullManifestList
  if (!best) throw new EngineError('not-found', 'no-matching-manifest', `no matching manifest for ${formatPlatform(want)} in the manifest list entries`);
  return best.d;
}
