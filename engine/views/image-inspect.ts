// GET /images/{name}/json as Docker 20.10 returns it (types.ImageInspect); `image inspect` and
// `--format` evaluate this same object.
import { containerConfigJson } from './image-config.js';
import type { ImageRecord } from '../model/image.js';
import { dockerDriverName } from './driver-name.js';

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

export function imageInspect(img: ImageRecord, ctx: InspectContext): ImageInspect {
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
