import { describe, expect, it } from 'vitest';
import { judgeAgainstBaseline, updateBaseline } from './baseline.js';
import type { ScenarioResult } from './report/results.js';

const r = (id: string, status: ScenarioResult['status'], candidate = 'skiff'): ScenarioResult =>
  ({ id, group: id.split('/')[0]!, name: id.split('/')[1]!, file: '', line: 1, tags: [], candidate, status, diffs: [], durationMs: 0 });

describe('baseline', () => {
  const baseline = { candidates: { skiff: ['ps/a', 'ps/b', 'ps/gone'], podman: ['ps/c'] } };
  const results = [r('ps/a', 'DIVERGE'), r('ps/b', 'MATCH'), r('ps/c', 'DIVERGE'), r('ps/d', 'ERROR'), r('ps/e', 'SKIP'), r('ps/c', 'DIVERGE', 'podman')];

  it('fails only on new divergences (per candidate) and names scenarios that now match', () => {
    const v = judgeAgainstBaseline(results, baseline);
    expect(v.newDivergences.map((x) => `${x.candidate}:${x.id}`)).toEqual(['skiff:ps/c', 'skiff:ps/d']);
    expect(v.nowMatching.map((x) => x.id)).toEqual(['ps/b']);
    expect(v.known.map((x) => `${x.candidate}:${x.id}`)).toEqual(['skiff:ps/a', 'podman:ps/c']);
  });

  it('passes when everything diverging is known', () => {
    expect(judgeAgainstBaseline([r('ps/a', 'DIVERGE')], baseline).newDivergences).toEqual([]);
  });

  it('updates to current divergences and keeps entries of scenarios that did not run', () => {
    expect(updateBaseline(results, baseline)).toEqual({ candidates: { skiff: ['ps/a', 'ps/c', 'ps/d', 'ps/gone'], podman: ['ps/c'] } });
  });

  it('treats an empty baseline as "every divergence is new"', () => {
    expect(judgeAgainstBaseline(results, { candidates: {} }).newDivergences).toHaveLength(4);
  });
});
