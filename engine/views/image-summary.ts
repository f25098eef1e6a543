// GET /images/json items (Docker 20.10's ImageSummary) and the `docker images` row context built on
// them (docker/cli 28 formatter/image.go: one row per repository:tag, digests per --digests).
import { goStruct, goTimeString, humanDuration, humanSize, humanSizeWithPrecision } from '../format/index.js';
import { familiarName, parseNormalizedNamed } from '../images/reference.js';
import type { ImageRecord } from '../model/image.js';
import { shortId } from '../sys/ids.js';

export interface ImageSummary {
  Containers: number;
  Created: number;
  Id: string;
  Labels: Record<string, string> | null;
  ParentId: string;
  RepoDigests: string[] | null;
  RepoTags: string[] | null;
  SharedSize: number;
  Size: number;
  VirtualSize: number;
}

// Go's zero time.Time in Unix seconds, what Docker reports for a missing `created`.
const GO_ZERO_UNIX = -62135596800;

export const unixSeconds = (t: string | undefined) => {
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? GO_ZERO_UNIX : Math.floor(ms / 1000);
};

/** Seconds since the epoch of an image's config `created`. */
export const createdUnix = (img: ImageRecord) => unixSeconds(img.Config.created);

/** repoTags/repoDigests are the familiar names to show (already filtered); empty means untagged. */
export function imageSummary(img: ImageRecord, repoTags: string[], repoDigests: string[], extra: { containers?: number; sharedSize?: number } = {}): ImageSummary {
  const untagged = repoTags.length === 0 && repoDigests.length === 0;
  return {
    Containers: extra.containers ?? -1,
    Created: createdUnix(img),
    Id: img.Id,
    Labels: img.Config.config?.Labels ?? null,
    ParentId: img.Parent,
    RepoDigests: untagged ? ['<none>@<none>'] : repoDigests.length ? repoDigests : null,
    RepoTags: untagged ? ['<none>:<none>'] : repoTags.length ? repoTags : null,
    SharedSize: extra.sharedSize ?? -1,
    Size: img.Size,
    VirtualSize: img.Size,
  };
}

export const IMAGE_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
export const IMAGE_TABLE_DIGESTS = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
export const IMAGE_HEADERS: Record<string, string> = {
  ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT',
  Size: 'SIZE', Containers: 'CONTAINERS', VirtualSize: 'SIZE', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE',
};

export interface ImageRow {
  Containers: string; CreatedAt: string; CreatedSince: string; Digest: string; ID: string; Repository: string;
  SharedSize: string; Size: string; Tag: string; UniqueSize: string; VirtualSize: string;
}

function row(s: ImageSummary, repo: string, tag: string, digest: string, opts: { trunc: boolean; now: number }): ImageRow {
  const na = (n: number, f: (x: number) => string) => (n === -1 ? 'N/A' : f(n));
  return goStruct({
    Containers: na(s.Containers, String),
    CreatedAt: goTimeString(s.Created * 1000),
    // docker/cli prints nothing (the table shows N/A) for Go's zero time.
    CreatedSince: s.Created === GO_ZERO_UNIX ? '' : `${humanDuration(opts.now - s.Created * 1000)} ago`,
    Digest: digest,
    ID: opts.trunc ? shortId(s.Id) : s.Id,
    Repository: repo,
    SharedSize: na(s.SharedSize, humanSize),
    Size: humanSizeWithPrecision(s.Size, 3),
    Tag: tag,
    UniqueSize: s.Size === -1 || s.SharedSize === -1 ? 'N/A' : humanSize(s.Size - s.SharedSize),
    VirtualSize: humanSize(s.Size),
  }, '*formatter.imageContext');
}

/** One row per repository:tag (and per digest when they are shown), as docker/cli's imageFormat. */
export function imageRows(s: ImageSummary, opts: { trunc: boolean; digests: boolean; needDigest: boolean; now: number }): ImageRow[] {
  const tags = (s.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  const digests = (s.RepoDigests ?? []).filter((d) => d !== '<none>@<none>');
  if (tags.length === 0 && digests.length === 0) return [row(s, '<none>', '<none>', '<none>', opts)];
  const repoTags = group(tags, (ref) => ref.tag);
  const repoDigests = group(digests, (ref) => ref.digest);
  const out: ImageRow[] = [];
  for (const [repo, list] of repoTags) {
    const ds = opts.needDigest ? repoDigests.get(repo) ?? [] : [];
    repoDigests.delete(repo);
    for (const tag of list) {
      if (ds.length === 0) out.push(row(s, repo, tag, '<none>', opts));
      else for (const d of ds) out.push(row(s, repo, tag, d, opts));
    }
  }
  for (const [repo, ds] of repoDigests) {
    if (opts.digests) for (const d of ds) out.push(row(s, repo, '<none>', d, opts));
    else out.push(row(s, repo, '<none>', '', opts));
  }
  return out;
}

function group(refs: string[], part: (r: ReturnType<typeof parseNormalizedNamed>) => string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of refs) {
    try {
      const ref = parseNormalizedNamed(r);
      const p = part(ref);
      if (p === undefined) continue;
      const repo = familiarName(ref);
      out.set(repo, [...(out.get(repo) ?? []), p]);
    } catch { /* docker/cli skips references it cannot parse */ }
  }
  return out;
}
