// The results of one run: what every reporter reads, and what results.json holds.
import type { PartDiff, Status } from '../compare/compare.js';
import type { TargetRun } from '../run/execute.js';
import type { TargetInfo } from '../targets.js';

export interface ScenarioResult {
  id: string;
  group: string;
  name: string;
  file: string;
  line: number;
  tags: string[];
  description?: string;
  candidate: string;
  status: Status;
  reason?: string;
  diffs: PartDiff[];
  reference?: TargetRun;
  candidateRun?: TargetRun;
  durationMs: number;
}

export interface RunResults {
  runId: string;
  startedAt: string;
  finishedAt: string;
  referenceSource: 'live' | 'recordings';
  reference: TargetInfo;
  candidates: TargetInfo[];
  options: { filters: string[]; shard?: string; jobs: number; baseline?: string };
  results: ScenarioResult[];
}

export const STATUSES: Status[] = ['MATCH', 'DIVERGE', 'ERROR', 'SKIP'];

export interface Score { total: number; match: number; diverge: number; error: number; skip: number; /** MATCH / (all but SKIP), in percent. */ percent: number }

export function score(results: ScenarioResult[]): Score {
  const count = (s: Status) => results.filter((r) => r.status === s).length;
  const match = count('MATCH'), diverge = count('DIVERGE'), error = count('ERROR'), skip = count('SKIP');
  const scored = results.length - skip;
  return { total: results.length, match, diverge, error, skip, percent: scored ? Math.round((1000 * match) / scored) / 10 : 0 };
}

export const groupBy = <T, K extends string>(list: T[], key: (t: T) => K): Map<K, T[]> => {
  const m = new Map<K, T[]>();
  for (const t of list) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
};
