// Finds the previous run's results, to report the score delta and which scenarios changed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResults, ScenarioResult } from './results.js';

export function findPreviousRun(reportsDir: string, currentRunId: string): RunResults | undefined {
  if (!existsSync(reportsDir)) return undefined;
  const runs = readdirSync(reportsDir)
    .filter((d) => d !== currentRunId && existsSync(join(reportsDir, d, 'results.json')))
    .map((d) => { try { return JSON.parse(readFileSync(join(reportsDir, d, 'results.json'), 'utf8')) as RunResults; } catch { return undefined; } })
    .filter((r): r is RunResults => !!r && r.runId !== currentRunId)
    .sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
  return runs.at(-1);
}

export interface Change { candidate: string; id: string; before: string; after: string }

export function changesSince(prev: RunResults, results: ScenarioResult[]): Change[] {
  const before = new Map(prev.results.map((r) => [`${r.candidate} ${r.id}`, r.status]));
  return results
    .filter((r) => before.has(`${r.candidate} ${r.id}`) && before.get(`${r.candidate} ${r.id}`) !== r.status)
    .map((r) => ({ candidate: r.candidate, id: r.id, before: before.get(`${r.candidate} ${r.id}`)!, after: r.status }));
}
