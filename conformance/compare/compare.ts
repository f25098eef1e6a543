// Compares the candidate's run of a scenario with the reference's, part by part, after normalization.
// The verdict is MATCH, DIVERGE, ERROR (the harness or the reference failed) or SKIP (decided earlier).
import { createTwoFilesPatch } from 'diff';
import { newNormalizeContext, normalizeOutput, normalizeString, type NormalizeContext } from '../normalize/pipeline.js';
import { Placeholders, type Environment } from '../placeholders.js';
import type { Scenario, Step } from '../scenario/types.js';
import type { StepOutcome } from '../steps/outcome.js';
import { describeFailure } from '../steps/outcome.js';
import type { TargetRun } from '../run/execute.js';
import { diffJson } from './json-diff.js';

export type Status = 'MATCH' | 'DIVERGE' | 'ERROR' | 'SKIP';
export type Part = 'setup' | 'timeout' | 'error' | 'exit' | 'stdout' | 'stderr' | 'status' | 'headers' | 'body';

export interface PartDiff {
  /** Index in the scenario's steps; -1 for setup and whole-scenario problems. */
  step: number;
  part: Part;
  expected: string;
  actual: string;
  /** Unified diff of expected vs actual. */
  diff: string;
  /** For JSON: each differing path. */
  paths?: string[];
}

export interface Verdict { status: Status; reason?: string; diffs: PartDiff[] }

export function compareRuns(s: Scenario, ref: TargetRun, cand: TargetRun, env: Environment): Verdict {
  const refProblem = referenceProblem(ref);
  if (refProblem) return { status: 'ERROR', reason: `reference: ${refProblem}`, diffs: [] };
  if (cand.error) return { status: 'ERROR', reason: `candidate: ${cand.error}`, diffs: [] };
  const diffs: PartDiff[] = [];
  if (cand.setupFailure) diffs.push(makeDiff(-1, 'setup', 'all setup steps succeed\n', cand.setupFailure.message + '\n'));
  if (cand.timedOut) diffs.push(makeDiff(-1, 'timeout', `finishes within ${s.timeoutMs / 1000}s\n`, 'scenario timed out\n'));
  if (cand.setupFailure) return { status: 'DIVERGE', reason: cand.setupFailure.message, diffs };
  const refCtx = newNormalizeContext(Placeholders.fromRecorded(env, ref.placeholders));
  const candCtx = newNormalizeContext(Placeholders.fromRecorded(env, cand.placeholders));
  s.steps.forEach((step, i) => {
    const r = ref.steps[i], c = cand.steps[i];
    if (!r) return;
    if (!c) { diffs.push(makeDiff(i, 'error', 'step ran\n', 'step did not run\n')); return; }
    diffs.push(...compareStep(i, step, r, c, refCtx, candCtx));
  });
  if (diffs.length === 0) return { status: 'MATCH', diffs };
  const first = diffs[0]!;
  return { status: 'DIVERGE', reason: `${first.step >= 0 ? `step ${first.step + 1}` : 'scenario'}: ${first.part} differs`, diffs };
}

function referenceProblem(ref: TargetRun): string | undefined {
  if (ref.error) return ref.error;
  if (ref.setupFailure) return ref.setupFailure.message;
  if (ref.timedOut) return 'the scenario timed out';
  const bad = ref.steps.findIndex((o) => o.error || o.timedOut);
  if (bad >= 0) return `step ${bad + 1} \`${ref.steps[bad]!.display}\`: ${describeFailure(ref.steps[bad]!)}`;
  return undefined;
}

export function compareStep(i: number, step: Step, r: StepOutcome, c: StepOutcome, rc: NormalizeContext, cc: NormalizeContext): PartDiff[] {
  const out: PartDiff[] = [];
  if (c.error) return [makeDiff(i, 'error', 'the step runs\n', c.error + '\n')];
  if (c.timedOut) out.push(makeDiff(i, 'timeout', `finishes within ${step.timeoutMs / 1000}s\n`, 'timed out\n'));
  const spec = step.compare;
  const text = (part: Part, a: string, b: string) => { if (a !== b) out.push(makeDiff(i, part, a, b)); };
  if (spec.exit) text('exit', `${r.exit}\n`, `${c.exit}\n`);
  if (spec.status) text('status', `${r.status}\n`, `${c.status}\n`);
  for (const name of spec.headers) {
    const h = name.toLowerCase();
    text('headers', `${name}: ${normalizeString(r.headers?.[h] ?? '<missing>', rc, spec.keep)}\n`, `${name}: ${normalizeString(c.headers?.[h] ?? '<missing>', cc, spec.keep)}\n`);
  }
  const outputs: Array<['stdout' | 'stderr' | 'body', string, string]> = [['stdout', r.stdout, c.stdout], ['stderr', r.stderr, c.stderr], ['body', r.body ?? '', c.body ?? '']];
  for (const [part, a, b] of outputs) {
    const mode = spec[part];
    if (mode === 'ignore') continue;
    const o = { mode, keep: spec.keep, paths: spec.paths, unordered: spec.unordered };
    const na = normalizeOutput(a, o, rc), nb = normalizeOutput(b, o, cc);
    if (na.text === nb.text) continue;
    const paths = na.json !== undefined && nb.json !== undefined ? diffJson(na.json, nb.json).map((d) => `${d.path}: expected ${d.expected}, got ${d.actual}`) : undefined;
    out.push({ ...makeDiff(i, part, na.text, nb.text), paths });
  }
  return out;
}

export function makeDiff(step: number, part: Part, expected: string, actual: string): PartDiff {
  const patch = createTwoFilesPatch('reference', 'candidate', expected, actual, '', '', { context: 3 });
  return { step, part, expected, actual, diff: patch.split('\n').slice(1).join('\n') };
}
