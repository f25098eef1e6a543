// CI gating: a baseline lists known divergences per candidate. A run passes when nothing new diverges;
// scenarios of the baseline that now match are named so the baseline can shrink (--update-baseline).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ScenarioResult } from './report/results.js';

export interface Baseline {
  /** Per candidate name, the ids of scenarios known to DIVERGE or ERROR. */
  candidates: Record<string, string[]>;
}

export interface BaselineVerdict {
  /** Diverging (or ERROR) now and not in the baseline: these fail the run. */
  newDivergences: ScenarioResult[];
  /** In the baseline and MATCH now. */
  nowMatching: ScenarioResult[];
  /** In the baseline and still diverging. */
  known: ScenarioResult[];
}

const failing = (r: ScenarioResult) => r.status === 'DIVERGE' || r.status === 'ERROR';

export function readBaseline(path: string): Baseline {
  if (!existsSync(path)) return { candidates: {} };
  const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<Baseline>;
  if (!data || typeof data.candidates !== 'object') throw new Error(`${path}: a baseline is {"candidates": {"NAME": ["group/scenario", ...]}}`);
  return { candidates: data.candidates as Record<string, string[]> };
}

export function judgeAgainstBaseline(results: ScenarioResult[], baseline: Baseline): BaselineVerdict {
  const known = (r: ScenarioResult) => (baseline.candidates[r.candidate] ?? []).includes(r.id);
  return {
    newDivergences: results.filter((r) => failing(r) && !known(r)),
    nowMatching: results.filter((r) => r.status === 'MATCH' && known(r)),
    known: results.filter((r) => failing(r) && known(r)),
  };
}

/** The new baseline: this run's divergences; scenarios this run did not execute keep their old entries. */
export function updateBaseline(results: ScenarioResult[], old: Baseline): Baseline {
  const candidates: Record<string, string[]> = {};
  const ran = new Set(results.map((r) => `${r.candidate} ${r.id}`));
  for (const [name, ids] of Object.entries(old.candidates)) candidates[name] = ids.filter((id) => !ran.has(`${name} ${id}`));
  for (const r of results) if (failing(r)) (candidates[r.candidate] ??= []).push(r.id);
  for (const name of Object.keys(candidates)) candidates[name] = [...new Set(candidates[name])].sort();
  return { candidates };
}

export function writeBaseline(path: string, b: Baseline): void {
  writeFileSync(path, JSON.stringify(b, null, 2) + '\n');
}
