// POST /containers/prune and `container prune`: every container that is not running, created before
// `until` and matching the label filters, is removed; its writable layer's size is reclaimed.
// docker parity: moby 20.10 daemon/prune.go ContainersPrune, getUntilFromPruneFilters, matchLabels
import type { Engine } from '../../context.js';
import { invalidArgument } from '../../errors.js';
import { matchLabels, validateFilters, type Filters } from '../images/filters.js';
import { removeContainer } from './remove.js';
import { syncContainer } from './sync.js';
import { recordPrune } from '../events/emit.js';

export interface PruneContainersOptions { filters?: Filters }
export interface PruneContainersReport { ContainersDeleted: string[] | null; SpaceReclaimed: number }

const ACCEPTED = ['label', 'label!', 'until'] as const;

export async function pruneContainers(engine: Engine, opts: PruneContainersOptions = {}): Promise<PruneContainersReport> {
  const f = opts.filters ?? new Map<string, string[]>();
  validateFilters(f, ACCEPTED);
  const until = untilMs(f.get('until'), engine.clock().getTime());
  const deleted: string[] = [];
  let space = 0;
  for (const rec of engine.state.listContainers().map((c) => syncContainer(engine, c))) {
    if (rec.State.Status === 'running' || rec.State.Status === 'paused' || rec.State.Status === 'restarting') continue;
    if (until !== undefined && Date.parse(rec.Created) > until) continue;
    const labels = rec.Config.Labels ?? {};
    if (!matchLabels(f.get('label'), labels)) continue;
    if (f.has('label!') && matchLabels(f.get('label!'), labels)) continue;
    const size = await engine.storage.sizeRw(rec.Id).catch(() => 0);
    try {
      await removeContainer(engine, { ref: rec.Id });
    } catch (e) {
      engine.log.warn(`failed to prune container ${rec.Id}: ${(e as Error).message}`);
      continue;
    }
    if (size > 0) space += size;
    deleted.push(rec.Id);
  }
  recordPrune(engine, 'container', space);
  return { ContainersDeleted: deleted.length ? deleted : null, SpaceReclaimed: space };
}

/** `until`: a Go duration before now, a Unix timestamp, or a date/time (timetypes.GetTimestamp); epoch ms. */
export function untilMs(values: string[] | undefined, now: number): number | undefined {
  if (!values?.length) return undefined;
  if (values.length > 1) throw invalidArgument('invalid-filter', 'more than one until filter specified');
  const v = values[0]!;
  const ms = durationMs(v);
  if (ms !== undefined && v !== '0') return Math.floor((now - ms) / 1000) * 1000;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00` : v);
  if (Number.isNaN(t)) throw invalidArgument('invalid-filter', `failed to parse value as time or duration: "${v}"`);
  return t;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration ("1h30m", "-5s"), in ms; undefined when it is not one. */
function durationMs(raw: string): number | undefined {
  const m = /^([+-]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+)$/.exec(raw);
  if (!m) return undefined;
  let total = 0;
  for (const [, n, u] of m[2]!.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(n) * UNIT_MS[u!]!;
  return m[1] === '-' ? -total : total;
}
