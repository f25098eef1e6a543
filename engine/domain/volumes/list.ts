// GET /volumes, `volume ls`, `volume inspect` and POST /volumes/prune over the stored volumes.
// docker parity: moby 20.10 volume/service/service.go (List, Prune) and convert.go filtersToBy
import type { Engine } from '../../context.js';
import type { VolumeRecord } from '../../model/volume.js';
import { localVolumes } from '../../volumes/index.js';
import { exactMatch, invalidFilterValue, matchLabels, validateFilters, type Filters } from '../images/filters.js';
import { noSuchVolume, removeVolume } from './remove.js';
import { volumeUsers } from './users.js';
import { recordPrune } from '../events/emit.js';

const LIST_FILTERS = ['dangling', 'name', 'driver', 'label'] as const;
const PRUNE_FILTERS = ['label', 'label!'] as const;

/** filters.Args.Match: a value equal to the name, or a regular expression found in it. */
function nameMatches(values: string[], name: string): boolean {
  return values.some((v) => v === name || safeRegExp(v)?.test(name));
}

const safeRegExp = (v: string) => { try { return new RegExp(v); } catch { return undefined; } };

function danglingWanted(f: Filters): boolean | undefined {
  if (!f.has('dangling')) return undefined;
  if (exactMatch(f, 'dangling', 'true') || exactMatch(f, 'dangling', '1')) return true;
  if (exactMatch(f, 'dangling', 'false') || exactMatch(f, 'dangling', '0')) return false;
  throw invalidFilterValue('dangling', f.get('dangling')!);
}

export function listVolumes(engine: Engine, filters: Filters = new Map()): VolumeRecord[] {
  validateFilters(filters, LIST_FILTERS);
  const dangling = danglingWanted(filters);
  const users = volumeUsers(engine);
  return engine.state.listVolumes().filter((v) =>
    (!filters.has('driver') || filters.get('driver')!.includes(v.Driver))
    && (!filters.has('name') || nameMatches(filters.get('name')!, v.Name))
    && matchLabels(filters.get('label'), v.Labels)
    && (dangling === undefined || dangling === !users.has(v.Name)));
}

export function inspectVolume(engine: Engine, name: string): VolumeRecord {
  const v = engine.state.getVolume(name);
  if (!v) throw noSuchVolume(name);
  return v;
}

export interface PruneVolumesReport { VolumesDeleted: string[]; SpaceReclaimed: number }

/**
 * Every unused local volume without driver options; with `anonymousOnly` (API 1.42+ without the `all`
 * filter) only those created without a name. docker parity: moby@25 volume/service/service.go Prune
 */
export async function pruneVolumes(engine: Engine, filters: Filters = new Map(), opts: { anonymousOnly?: boolean } = {}): Promise<PruneVolumesReport> {
  validateFilters(filters, PRUNE_FILTERS);
  const users = volumeUsers(engine);
  const report: PruneVolumesReport = { VolumesDeleted: [], SpaceReclaimed: 0 };
  const driver = localVolumes(engine);
  for (const v of engine.state.listVolumes()) {
    if (users.has(v.Name) || v.Options || (opts.anonymousOnly && !v.Anonymous)) continue;
    if (!matchLabels(filters.get('label'), v.Labels)) continue;
    if (filters.has('label!') && matchLabels(filters.get('label!'), v.Labels)) continue;
    const size = await driver.size(v.Name);
    try {
      await removeVolume(engine, { name: v.Name });
    } catch (e) {
      engine.log.warn(`prune volume ${v.Name}: ${(e as Error).message}`);
      continue;
    }
    report.SpaceReclaimed += size;
    report.VolumesDeleted.push(v.Name);
  }
  recordPrune(engine, 'volume', report.SpaceReclaimed);
  return report;
}

/** system df: local volumes without driver options, with their size and how many containers use them (moby LocalVolumesSize). */
export async function volumeUsage(engine: Engine): Promise<Array<{ Name: string; UsageData: { Size: number; RefCount: number } }>> {
  const users = volumeUsers(engine);
  const driver = localVolumes(engine);
  const out = [];
  for (const v of engine.state.listVolumes()) {
    if (v.Options) continue;
    out.push({ Name: v.Name, UsageData: { Size: await driver.size(v.Name), RefCount: users.get(v.Name)?.length ?? 0 } });
  }
  return out;
}
