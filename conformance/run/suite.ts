// Runs the selected scenarios on the reference (live or recorded) and every candidate, in parallel.
import type { PartDiff, Status } from '../compare/compare.js';
import { compareRuns } from '../compare/compare.js';
import type { Environment } from '../placeholders.js';
import type { ScenarioResult } from '../report/results.js';
import type { Requirement, Scenario } from '../scenario/types.js';
import { probeRequirements, type Target, type TargetInfo } from '../targets.js';
import { executeScenario, type TargetRun } from './execute.js';
import { mapPool } from './pool.js';
import { readRecording, writeRecording } from './recordings.js';

export interface SuiteInput {
  scenarios: Scenario[];
  env: Environment;
  jobs: number;
  /** A live reference target, or the recordings directory to replay. */
  reference: { live: Target; info: TargetInfo } | { recordings: string };
  candidates: Array<{ target: Target; info: TargetInfo }>;
  onResult?: (r: ScenarioResult, done: number, total: number) => void;
}

export async function runSuite(input: SuiteInput): Promise<ScenarioResult[]> {
  const refMissing = 'live' in input.reference ? await probeRequirements(input.reference.live, input.env.registry) : new Map<Requirement, string>();
  const candMissing = await Promise.all(input.candidates.map((c) => probeRequirements(c.target, input.env.registry)));
  const total = input.scenarios.length * input.candidates.length;
  let done = 0;
  const perScenario = await mapPool(input.scenarios, input.jobs, async (s) => {
    const started = Date.now();
    const base = { id: s.id, group: s.group, name: s.name, file: s.file, line: s.line, tags: s.tags, description: s.description };
    const finish = (candidate: string, status: Status, reason: string | undefined, diffs: PartDiff[], reference?: TargetRun, candidateRun?: TargetRun): ScenarioResult => {
      const r: ScenarioResult = { ...base, candidate, status, reason, diffs, reference, candidateRun, durationMs: Date.now() - started };
      input.onResult?.(r, ++done, total);
      return r;
    };
    const skipReasons = input.candidates.map((_, i) => s.requires.map((req) => (refMissing.get(req) ?? candMissing[i]!.get(req))).filter(Boolean).join('; '));
    const runnable = input.candidates.filter((c, i) => !skipReasons[i] && c.info.clientVersion !== undefined);
    let reference: TargetRun | undefined;
    let refProblem: string | undefined;
    if (runnable.length) {
      if ('live' in input.reference) reference = await executeScenario(s, input.reference.live, input.env);
      else {
        const loaded = readRecording(input.reference.recordings, s);
        if ('problem' in loaded) refProblem = loaded.problem;
        else reference = loaded.recording.run;
      }
    }
    const out: ScenarioResult[] = [];
    for (const [i, c] of input.candidates.entries()) {
      if (skipReasons[i]) { out.push(finish(c.target.name, 'SKIP', skipReasons[i], [])); continue; }
      if (c.info.clientVersion === undefined) { out.push(finish(c.target.name, 'ERROR', c.info.prepareMessage, [])); continue; }
      if (!reference) { out.push(finish(c.target.name, 'ERROR', `reference: ${refProblem}`, [])); continue; }
      const candRun = await executeScenario(s, c.target, input.env);
      const verdict = compareRuns(s, reference, candRun, input.env);
      out.push(finish(c.target.name, verdict.status, verdict.reason, verdict.diffs, reference, candRun));
    }
    return out;
  });
  return perScenario.flat();
}

export interface RecordResult { id: string; status: 'RECORDED' | 'SKIP' | 'ERROR'; reason?: string; path?: string }

/** Runs the scenarios on live Docker and writes their transcripts. */
export async function recordSuite(scenarios: Scenario[], reference: Target, info: TargetInfo, env: Environment, dir: string, jobs: number,
  onResult?: (r: RecordResult, done: number, total: number) => void): Promise<RecordResult[]> {
  const missing = await probeRequirements(reference, env.registry);
  let done = 0;
  return mapPool(scenarios, jobs, async (s) => {
    const report = (r: RecordResult) => { onResult?.(r, ++done, scenarios.length); return r; };
    const reasons = s.requires.map((r) => missing.get(r)).filter(Boolean);
    if (reasons.length) return report({ id: s.id, status: 'SKIP', reason: reasons.join('; ') });
    const run = await executeScenario(s, reference, env);
    const verdict = compareRuns(s, run, run, env);
    if (verdict.status === 'ERROR') return report({ id: s.id, status: 'ERROR', reason: verdict.reason });
    return report({ id: s.id, status: 'RECORDED', path: writeRecording(dir, s, info, run) });
  });
}
