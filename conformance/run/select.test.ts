import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types.js';
import { applyFilters, applyShard, parseShard } from './select.js';

const sc = (id: string, tags: string[] = []): Scenario => {
  const [group, name] = id.split('/') as [string, string];
  return { id, group, name, tags: [group, ...tags], file: '', line: 1, requires: [], setup: [], steps: [], cleanup: [], timeoutMs: 1, hash: '' };
};
const all = ['ps/a', 'ps/b', 'run/a', 'run/b', 'api/x', 'images/y', 'errors/z'].map((id, i) => sc(id, i % 2 ? ['format'] : []));

describe('filters', () => {
  it('selects by tag, group, id text and wildcard, and excludes with !', () => {
    expect(applyFilters(all, ['tag:format']).map((s) => s.id)).toEqual(['ps/b', 'run/b', 'images/y']);
    expect(applyFilters(all, ['group:run']).map((s) => s.id)).toEqual(['run/a', 'run/b']);
    expect(applyFilters(all, ['*/a']).map((s) => s.id)).toEqual(['ps/a', 'run/a']);
    expect(applyFilters(all, ['ps/', '!ps/b']).map((s) => s.id)).toEqual(['ps/a']);
    expect(applyFilters(all, [])).toHaveLength(all.length);
  });
});

describe('shards', () => {
  it('are disjoint, cover everything and are balanced', () => {
    const shards = [1, 2, 3].map((i) => applyShard(all, { index: i, count: 3 }).map((s) => s.id));
    expect(shards.flat().sort()).toEqual(all.map((s) => s.id).sort());
    expect(new Set(shards.flat()).size).toBe(all.length);
    expect(shards.map((s) => s.length)).toEqual([3, 2, 2]);
  });
  it('do not depend on input order', () => {
    expect(applyShard([...all].reverse(), { index: 2, count: 3 })).toEqual(applyShard(all, { index: 2, count: 3 }));
  });
  it('parse i/n and reject nonsense', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', 'x', '1/0']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });
});
