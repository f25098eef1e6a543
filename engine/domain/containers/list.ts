import type { Engine } from '../../context.js';
import { invalidArgument } from '../../errors.js';
import type { ContainerRecord } from '../../model/container.js';
import { syncContainer } from './sync.js';
import { matchesNetworkFilters, portFilter } from './list-net-filters.js';

export type Filters = Record<string, string[]>;
export interface ListOptions { all?: boolean; limit?: number; latest?: boolean; filters?: Filters; size?: boolean }

const KNOWN = new Set(['id', 'name', 'label', 'status', 'ancestor', 'exited', 'before', 'since', 'health', 'isolation', 'network', 'publish', 'expose', 'volume', 'is-task']);
const STATUSES = new Set(['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead']);

/** Containers newest first, filtered as GET /containers/json and `ps` filter them (moby daemon/list.go). */
export function listContainers(engine: Engine, opts: ListOptions, imageMatches: (rec: ContainerRecord, ref: string) => boolean): ContainerRecord[] {
  const f = opts.filters ?? {};
  // docker parity: moby daemon/list.go invalidFilter.Error — "Invalid filter 'KEY[=VALUE]'"
  for (const key of Object.keys(f)) if (!KNOWN.has(key)) throw invalidArgument('invalid-filter', `Invalid filter '${key}'`);
  for (const s of f.status ?? []) if (!STATUSES.has(s)) throw invalidArgument('invalid-filter', `Invalid filter 'status=${s}'`);
  let recs = engine.state.listContainers().map((c) => syncContainer(engine, c));
  const all = opts.all || (opts.limit ?? 0) > 0 || opts.latest || (f.status?.length ?? 0) > 0 || (f.exited?.length ?? 0) > 0;
  const boundary = (refs: string[] | undefined) => refs?.map((r) => {
    const hit = engine.state.lookupContainer(r);
    if (!hit) throw invalidArgument('no-such-container', `No such container: ${r}`);
    return hit;
  })[0];
  const before = boundary(f.before);
  const since = boundary(f.since);
  const publish = portFilter('publish', f.publish);
  const expose = portFilter('expose', f.expose);
  recs = recs.filter((c) => matches(c, f, imageMatches) && matchesNetworkFilters(engine, c, f, publish, expose));
  if (before) recs = recs.filter((c) => c.Created < before.Created);
  if (since) recs = recs.filter((c) => c.Created > since.Created);
  if (!all) recs = recs.filter((c) => c.State.Status === 'running' || c.State.Status === 'paused' || c.State.Status === 'restarting');
  if (opts.latest) recs = recs.slice(0, 1);
  else if ((opts.limit ?? 0) > 0) recs = recs.slice(0, opts.limit);
  return recs;
}

function matches(c: ContainerRecord, f: Filters, imageMatches: (rec: ContainerRecord, ref: string) => boolean): boolean {
  const any = (key: string, pred: (v: string) => boolean) => !f[key] || f[key]!.length === 0 || f[key]!.some(pred);
  return any('id', (v) => c.Id.startsWith(v))
    && any('name', (v) => new RegExp(v).test(c.Name) || new RegExp(v).test(`/${c.Name}`))
    && (f.label ?? []).every((v) => labelMatch(c.Config.Labels ?? {}, v))
    && any('status', (v) => c.State.Status === v)
    && any('exited', (v) => c.State.Status === 'exited' && c.State.StartCount > 0 && String(c.State.ExitCode) === v)
    && any('ancestor', (v) => imageMatches(c, v));
}

function labelMatch(labels: Record<string, string>, spec: string): boolean {
  const eq = spec.indexOf('=');
  if (eq < 0) return spec in labels;
  return labels[spec.slice(0, eq)] === spec.slice(eq + 1);
}

/** `--filter key=value` flags → filters map. */
export function parseFilterFlags(values: string[]): Filters {
  const out: Filters = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    // docker parity: docker/cli opts/filter.go
    if (eq < 0) throw invalidArgument('bad-filter', `bad format of filter (expected name=value)`);
    (out[v.slice(0, eq).trim().toLowerCase()] ??= []).push(v.slice(eq + 1));
  }
  return out;
}
