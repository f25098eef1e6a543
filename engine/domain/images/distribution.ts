// GET /distribution/{name}/json: what a registry serves for a reference, without pulling it: the
// manifest's descriptor and the platforms it is for (from an index's entries, else from the image
// config). docker parity: moby@20.10 api/server/router/distribution/distribution_routes.go
import { invalidArgument } from '../../errors.js';
import { parseAnyReference, withDefaultTag } from '../../images/reference.js';
import { parseManifest } from '../../registry/manifest.js';
import type { Repository } from '../../registry/repository.js';
import { connectRegistry, type RegistryAccess } from './registry-access.js';

/** OCI v1.Platform as Go marshals it (empty fields omitted). */
export interface DistributionPlatform { architecture?: string; os?: string; 'os.version'?: string; 'os.features'?: string[]; variant?: string }

export interface DistributionInspect {
  Descriptor: { mediaType: string; digest: string; size: number };
  Platforms: DistributionPlatform[] | null;
}

export interface DistributionOptions { reference: string; registry: RegistryAccess }

export async function inspectDistribution(opts: DistributionOptions): Promise<DistributionInspect> {
  const any = parseAnyReference(opts.reference);
  if (any.kind === 'digest') throw invalidArgument('distribution-image-id', 'no manifest found for full image ID');
  const ref = withDefaultTag(any.ref);
  const client = await connectRegistry(opts.registry, ref.domain);
  try {
    const repo = client.repository(ref.path, ['pull']);
    const fetched = await repo.manifest(ref.digest ?? ref.tag!);
    const doc = parseManifest(fetched.bytes, fetched.contentType);
    const platforms = doc.kind === 'index'
      ? doc.index.manifests.map((m) => platformOf(m.platform ?? {}))
      : await configPlatform(repo, doc.manifest.config.digest);
    return {
      Descriptor: { mediaType: doc.mediaType, digest: ref.digest ?? fetched.digest, size: fetched.bytes.length },
      Platforms: platforms.length ? platforms : null,
    };
  } finally {
    await client.close();
  }
}

/** The config's platform; a config that cannot be fetched or read just gives none (as moby). */
async function configPlatform(repo: Repository, digest: string): Promise<DistributionPlatform[]> {
  try {
    const p = platformOf(JSON.parse((await repo.blobBytes(digest, 16 << 20)).toString('utf8')) as Record<string, unknown>);
    return p.os || p.architecture ? [p] : [];
  } catch {
    return [];
  }
}

function platformOf(src: Record<string, unknown>): DistributionPlatform {
  const out: DistributionPlatform = {};
  const str = (k: string) => (typeof src[k] === 'string' && src[k] !== '' ? (src[k] as string) : undefined);
  if (str('architecture')) out.architecture = str('architecture');
  if (str('os')) out.os = str('os');
  if (str('os.version')) out['os.version'] = str('os.version');
  if (Array.isArray(src['os.features']) && src['os.features'].length) out['os.features'] = (src['os.features'] as unknown[]).map(String);
  if (str('variant')) out.variant = str('variant');
  return out;
}
