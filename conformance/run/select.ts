// Chooses which scenarios run: --filter (by tag, group or name) and --shard i/n for CI matrices.
import type { Scenario } from '../scenario/types.js';

/**
 * A filter is `tag:NAME`, `group:NAME`, `!FILTER` (exclude), or text matched against the id
 * (`*` is a wildcard). A scenario is selected if it matches any positive filter (or there is none)
 * and no negative one.
 */
export function matchesFilter(s: Scenario, filter: string): boolean {
  if (filter.startsWith('tag:')) return s.tags.includes(filter.slice(4));
  if (filter.startsWith('group:')) return s.group === filter.slice(6);
  if (filter.includes('*')) return new RegExp(`^${filter.split('*').map(escape).join('.*')}$`).test(s.id);
  return s.id.includes(filter);
}

const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function applyFilters(list: Scenario[], filters: string[]): Scenario[] {
  const pos = filters.filter((f) => !f.startsWith('!')), neg = filters.filter((f) => f.startsWith('!')).map((f) => f.slice(1));
  return list.filter((s) => (pos.length === 0 || pos.some((f) => matchesFilter(s, f))) && !neg.some((f) => matchesFilter(s, f)));
}

export function parseShard(spec: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  const index = Number(m?.[1]), count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard must be i/n with 1 <= i <= n, got "${spec}"`);
  return { index, count };
}

/** Shard i of n: every n-th scenario of the id-sorted list, so shards are disjoint, cover all, and stay balanced. */
export function applyShard(list: Scenario[], shard: { index: number; count: number }): Scenario[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).filter((_, i) => i % shard.count === shard.index - 1);
}
