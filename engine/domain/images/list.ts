// `docker images` / GET /images/json: moby 20.10's Images() rules for dangling, label, before,
// since and reference filters, intermediate images hidden unless --all, newest first.
import type { Engine } from '../../context.js';
import { familiarName, familiarize, parseStored } from '../../images/reference.js';
import type { ImageRecord } from '../../model/image.js';
import { exactMatch, invalidFilterValue, matchLabels, pathMatch, validateFilters, type Filters } from './filters.js';
import { resolveImage } from './resolve.js';
import { childrenOf, sortedDigests, sortedTags } from './store.js';

export interface ListOptions { all?: boolean; filters?: Filters }

export interface ListedImage {
  image: ImageRecord;
  /** Familiar names shown for the image (after the reference filter); empty for `<none>`. */
  repoTags: string[];
  repoDigests: string[];
  /** Containers using the image. */
  containers: number;
}

const ACCEPTED = ['dangling', 'label', 'before', 'since', 'reference'] as const;
export const createdMs = (img: ImageRecord) => Date.parse(img.Config.created ?? '') || 0;

export function listImages(engine: Engine, opts: ListOptions = {}): ListedImage[] {
  const f = opts.filters ?? new Map();
  validateFilters(f, ACCEPTED);
  const danglingOnly = f.has('dangling') && exactMatch(f, 'dangling', 'true');
  if (f.has('dangling') && !danglingOnly && !exactMatch(f, 'dangling', 'false')) throw invalidFilterValue('dangling', f.get('dangling')!);
  const before = lastResolved(engine, f.get('before'));
  const since = lastResolved(engine, f.get('since'));
  const all = engine.state.listImages();
  const hasChildren = new Set(all.map((i) => i.Parent).filter(Boolean));
  const containers = engine.state.listContainers();
  const out: ListedImage[] = [];
  for (const img of all) {
    if (danglingOnly && hasChildren.has(img.Id)) continue;
    if (before && createdMs(img) >= createdMs(before)) continue;
    if (since && createdMs(img) <= createdMs(since)) continue;
    if (f.has('label') && !matchLabels(f.get('label'), img.Config.config?.Labels)) continue;
    const refs = [...sortedTags(img), ...sortedDigests(img)].filter((r) => matchesReference(f.get('reference'), r));
    const repoTags = refs.filter((r) => !r.includes('@')).map(familiarize);
    const repoDigests = refs.filter((r) => r.includes('@')).map(familiarize);
    if (repoTags.length === 0 && repoDigests.length === 0) {
      if (!opts.all && hasChildren.has(img.Id)) continue;
      if ((f.has('dangling') && !danglingOnly) || f.has('reference')) continue;
    } else if (danglingOnly && repoTags.length > 0) continue;
    out.push({ image: img, repoTags, repoDigests, containers: containers.filter((c) => c.ImageId === img.Id).length });
  }
  return out.sort((a, b) => createdMs(b.image) - createdMs(a.image) || (a.image.Id < b.image.Id ? -1 : 1));
}

// moby walks every value and keeps the last image found (an unknown one fails the listing).
function lastResolved(engine: Engine, values: string[] | undefined): ImageRecord | undefined {
  let img: ImageRecord | undefined;
  for (const v of values ?? []) img = resolveImage(engine, v);
  return img;
}

/** reference.FamiliarMatch: the pattern against the familiar string, then the familiar name. */
function matchesReference(patterns: string[] | undefined, stored: string): boolean {
  if (!patterns) return true;
  const ref = parseStored(stored);
  return patterns.some((p) => pathMatch(p, familiarize(stored)) || pathMatch(p, familiarName(ref)));
}

/** Images with no tag and no child image (prune's and dangling's notion of a "head"). */
export const isDangling = (engine: Engine, img: ImageRecord) => img.RepoTags.length === 0 && childrenOf(engine, img.Id).length === 0;
