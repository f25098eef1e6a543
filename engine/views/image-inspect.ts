// GET /images/{name}/json as Docker 20.10 returns it (types.ImageInspect); `image inspect` and
// `--format` evaluate this same object, seen by templates as docker/cli's Go struct
// (image.InspectResponse), as the container's is.
import { containerConfigJson } from './image-config.js';
import type { ImageRecord } from '../model/image.js';
import { CONFIG } from './container-inspect-types.js';
import { dockerDriverName } from './driver-name.js';
import { B, def, embed, goTyped, I, map, ptr, S, slice, STRINGS, struct, TIME } from './go-typed.js';

// docker parity: cli@28.2 vendor/github.com/docker/docker/api/types/image/image_inspect.go and
// vendor/github.com/moby/docker-image-spec/specs-go/v1/image.go (Config is the OCI image config).
const OCI_IMAGE_CONFIG = def('v1.ImageConfig', {
  'User?': S, 'ExposedPorts?': map('map[string]struct {}'), 'Env?': STRINGS, 'Entrypoint?': STRINGS, 'Cmd?': STRINGS,
  'Volumes?': map('map[string]struct {}'), 'WorkingDir?': S, 'Labels?': map('map[string]string'), 'StopSignal?': S, 'ArgsEscaped?': B,
});
const HEALTHCHECK = def('v1.HealthcheckConfig', { 'Test?': STRINGS, 'Interval?': I, 'Timeout?': I, 'StartPeriod?': I, 'StartInterval?': I, 'Retries?': I });
const OCI_CONFIG_EXT = def('v1.DockerOCIImageConfigExt', { 'Healthcheck?': ptr(HEALTHCHECK), 'OnBuild?': STRINGS, 'Shell?': STRINGS });
const DOCKER_OCI_CONFIG = def('v1.DockerOCIImageConfig', { ImageConfig: embed(OCI_IMAGE_CONFIG), DockerOCIImageConfigExt: embed(OCI_CONFIG_EXT) });

export const IMAGE_INSPECT_RESPONSE = def('image.InspectResponse', {
  'ID:Id': S, RepoTags: STRINGS, RepoDigests: STRINGS, Parent: S, Comment: S, 'Created?': S, 'Container?': S,
  'ContainerConfig?': ptr(CONFIG), DockerVersion: S, Author: S, Config: ptr(DOCKER_OCI_CONFIG), Architecture: S, 'Variant?': S,
  Os: S, 'OsVersion?': S, Size: I, 'VirtualSize?': I, GraphDriver: struct(def('storage.DriverData', { Data: map('map[string]string'), Name: S })),
  RootFS: struct(def('image.RootFS', { 'Type?': S, 'Layers?': STRINGS })), Metadata: struct(def('image.Metadata', { 'LastTagTime?': TIME })),
  'Descriptor?': ptr('v1.Descriptor'), 'Manifests?': slice('[]image.ManifestSummary'),
});

export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  Container: string;
  ContainerConfig: Record<string, unknown>;
  DockerVersion: string;
  Author: string;
  Config: Record<string, unknown> | null;
  Architecture: string;
  Variant?: string;
  Os: string;
  OsVersion?: string;
  Size: number;
  VirtualSize: number;
  GraphDriver: { Data: Record<string, string> | null; Name: string };
  RootFS: { Type: string; Layers?: string[] };
  Metadata: { LastTagTime: string };
}

export interface InspectContext {
  /** Familiar names, sorted as Docker's reference store returns them. */
  repoTags: string[];
  repoDigests: string[];
  graphDriver: ImageInspect['GraphDriver'];
}

/** Go re-marshals times: RFC 3339 with the fraction's trailing zeros dropped; absent is the zero time. */
export function goTime(t: string | undefined): string {
  if (!t) return '0001-01-01T00:00:00Z';
  return t.replace(/\.(\d*?)0*(Z|[+-]\d\d:\d\d)$/, (_, frac: string, zone: string) => (frac ? `.${frac}${zone}` : zone));
}

/** The typed view `inspect` prints and templates evaluate; JSON.stringify still gives the API document. */
export function imageInspect(img: ImageRecord, ctx: InspectContext): Record<string, unknown> {
  return goTyped(imageInspectJson(img, ctx) as unknown as Record<string, unknown>, IMAGE_INSPECT_RESPONSE) as Record<string, unknown>;
}

/** The plain JSON document of GET /images/{name}/json. */
export function imageInspectJson(img: ImageRecord, ctx: InspectContext): ImageInspect {
  const c = img.Config;
  const out: ImageInspect = {
    Id: img.Id,
    RepoTags: ctx.repoTags,
    RepoDigests: ctx.repoDigests,
    Parent: img.Parent,
    Comment: c.comment ?? '',
    Created: goTime(c.created),
    Container: c.container ?? '',
    ContainerConfig: containerConfigJson(c.container_config ?? {}),
    DockerVersion: c.docker_version ?? '',
    Author: c.author ?? '',
    Config: c.config ? containerConfigJson(c.config) : null,
    Architecture: c.architecture ?? '',
    Os: c.os ?? '',
    Size: img.Size,
    VirtualSize: img.Size,
    GraphDriver: { Data: ctx.graphDriver.Data, Name: dockerDriverName(ctx.graphDriver.Name) },
    RootFS: { Type: c.rootfs?.type ?? 'layers', ...(c.rootfs?.diff_ids?.length ? { Layers: c.rootfs.diff_ids } : {}) },
    Metadata: { LastTagTime: img.LoadedAt || '0001-01-01T00:00:00Z' },
  };
  if (c.variant) return insertAfter(out, 'Architecture', { Variant: c.variant });
  return out;
}

function insertAfter(o: ImageInspect, key: keyof ImageInspect, extra: Partial<ImageInspect>): ImageInspect {
  const entries = Object.entries(o);
  const i = entries.findIndex(([k]) => k === key);
  return Object.fromEntries([...entries.slice(0, i + 1), ...Object.entries(extra), ...entries.slice(i + 1)]) as unknown as ImageInspect;
}
