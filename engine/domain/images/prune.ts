// `docker image prune` / POST /images/prune: moby 20.10's ImagesPrune. Dangling images (or, with
// dangling=false, every image no container uses) are deleted; conflicts are skipped silently.
import type { Engine } from '../../context.js';
import { invalidArgument } from '../../errors.js';
import type { ImageRecord } from '../../model/image.js';
import { exactMatch, invalidFilterValue, matchLabels, validateFilters, type Filters } from './filters.js';
import { createdMs } from './list.js';
import { removeImage, type DeleteItem } from './remove.js';
import { childrenOf, imageStorage } from './store.js';
import { recordPrune } from '../events/emit.js';

export interface PruneOptions { filters?: Filters }
export interface PruneReport { ImagesDeleted: DeleteItem[] | null; SpaceReclaimed: number }

const ACCEPTED = ['dangling', 'label', 'label!', 'until'] as const;

export async function pruneImages(engine: Engine, opts: PruneOptions = {}): Promise<PruneReport> {
  const f = opts.filters ?? new Map();
  validateFilters(f, ACCEPTED);
  let danglingOnly = true;
  if (f.has('dangling')) {
    if (exactMatch(f, 'dangling', 'false') || exactMatch(f, 'dangling', '0')) danglingOnly = false;
    else if (!exactMatch(f, 'dangling', 'true') && !exactMatch(f, 'dangling', '1')) throw invalidFilterValue('dangling', f.get('dangling')!);
  }
  const until = untilMs(f.get('until'), engine.clock().getTime());
  const sizes = new Map(engine.state.listLayers().map((l) => [l.ChainId, l.Size]));
  const deleted: DeleteItem[] = [];
  for (const img of candidates(engine, f, danglingOnly, until)) {
    const refs = [...img.RepoTags, ...img.RepoDigests];
    const targets = refs.length === 0 ? [img.Id.slice(7)] : !danglingOnly || img.RepoTags.length === 0 ? refs : [];
    for (const ref of targets) {
      try { deleted.push(...(await removeImage(engine, { ref }))); } catch { /* conflicts and races are skipped, as moby does */ }
    }
  }
  await imageStorage(engine).cleanupStale();
  const space = deleted.reduce((n, d) => n + (d.Deleted ? sizes.get(d.Deleted) ?? 0 : 0), 0);
  recordPrune(engine, 'image', space);
  return { ImagesDeleted: deleted.length ? deleted : null, SpaceReclaimed: space };
}

function candidates(engine: Engine, f: Filters, danglingOnly: boolean, until: number | undefined): ImageRecord[] {
  return engine.state.listImages().filter((img) => {
    const hasChildren = childrenOf(engine, img.Id).length > 0;
    if (danglingOnly && hasChildren) return false;
    if (img.RepoTags.length + img.RepoDigests.length === 0 && hasChildren) return false;
    if (until !== undefined && createdMs(img) > until) return false;
    const labels = img.Config.config?.Labels;
    if (f.has('label') && !matchLabels(f.get('label'), labels)) return false;
    if (f.has('label!') && (f.get('label!') ?? []).some((v) => matchLabels([v], labels))) return false;
    return true;
  });
}

/** `until`: a Go duration before now (10m, 24h) or a timestamp (RFC 3339, date, or Unix seconds). */
function untilMs(values: string[] | undefined, now: number): number | undefined {
  if (!values?.length) return undefined;
  if (values.length > 1) throw invalidArgument('invalid-filter', 'more than one until filter specified');
  const v = values[0]!;
  const dur = /^(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)$/.exec(v);
  if (dur) return now - Number(dur[1]) * { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[dur[2] as 'h'];
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw invalidArgument('invalid-filter', `failed to parse value as time or duration: "${v}"`);
  return t;
}
