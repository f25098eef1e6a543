// Runs one scenario on one target: setup (must succeed), steps (all of them, compared later), cleanup
// (always, also after a failure or the scenario timeout), then a safety net that removes whatever
// still carries one of this run's generated names. Nothing else on the target is touched.
import { randomBytes } from 'node:crypto';
import { Placeholders, type Environment } from '../placeholders.js';
import { getPath } from '../normalize/json.js';
import type { Scenario, Step } from '../scenario/types.js';
import { runApiStep } from '../steps/api-step.js';
import { runCliStep } from '../steps/cli-step.js';
import { describeFailure, succeeded, type StepOutcome } from '../steps/outcome.js';
import type { Target } from '../targets.js';

export interface TargetRun {
  target: string;
  placeholders: Record<string, string>;
  setup: StepOutcome[];
  steps: StepOutcome[];
  cleanup: StepOutcome[];
  setupFailure?: { index: number; message: string };
  /** The scenario as a whole ran out of time. */
  timedOut?: boolean;
  /** The harness itself failed. */
  error?: string;
}

export async function executeScenario(s: Scenario, target: Target, env: Environment): Promise<TargetRun> {
  const ph = new Placeholders(env, randomBytes(3).toString('hex'), target.socket);
  const run: TargetRun = { target: target.name, placeholders: {}, setup: [], steps: [], cleanup: [] };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((done) => { timer = setTimeout(() => done('timeout'), s.timeoutMs); });
  try {
    const result = await Promise.race([runPhases(s, target, ph, run), timeout]);
    if (result === 'timeout') run.timedOut = true;
  } catch (e) {
    run.error = `harness error: ${(e as Error).stack ?? e}`;
  } finally {
    clearTimeout(timer);
    for (const step of s.cleanup) run.cleanup.push(await runStep(step, target, ph).catch(errorOutcome(step)));
    await safetyNet(target, ph);
    run.placeholders = ph.toJSON();
  }
  return run;
}

async function runPhases(s: Scenario, target: Target, ph: Placeholders, run: TargetRun): Promise<void> {
  for (const [index, step] of s.setup.entries()) {
    const out = await runStep(step, target, ph);
    run.setup.push(out);
    if (!succeeded(out) && !step.mayFail) {
      run.setupFailure = { index, message: `setup[${index}] \`${out.display}\` failed: ${describeFailure(out)}` };
      return;
    }
  }
  for (const step of s.steps) run.steps.push(await runStep(step, target, ph).catch(errorOutcome(step)));
}

const errorOutcome = (step: Step) => (e: unknown): StepOutcome => ({
  kind: step.kind, display: step.kind === 'cli' ? step.argv.join(' ') : `${step.method} ${step.path}`,
  stdout: '', stderr: '', error: (e as Error).message, durationMs: 0,
});

export async function runStep(step: Step, target: Target, ph: Placeholders): Promise<StepOutcome> {
  if (step.kind === 'cli') {
    const out = await runCliStep(target, {
      argv: step.argv.map((a) => ph.substitute(a)), stdin: step.stdin === undefined ? undefined : ph.substitute(step.stdin),
      env: Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, ph.substitute(v)])), tty: step.tty, timeoutMs: step.timeoutMs,
    });
    if (step.save && out.exit === 0) ph.setVar(step.save, out.stdout.trim());
    return out;
  }
  if (!target.socket) throw new Error(`target ${target.name} has no API socket`);
  const body = step.body === undefined ? undefined : typeof step.body === 'string' ? ph.substitute(step.body) : JSON.stringify(substituteJson(step.body, ph));
  const out = await runApiStep({
    socket: target.socket, method: step.method, path: ph.substitute(step.path),
    headers: Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, ph.substitute(v)])), body,
    streamMs: step.streamMs, hijack: step.hijack, stdin: step.stdin === undefined ? undefined : ph.substitute(step.stdin), demux: step.demux, timeoutMs: step.timeoutMs,
  });
  if (Object.keys(step.save).length && out.body) {
    try {
      const json = JSON.parse(out.body) as unknown;
      for (const [name, path] of Object.entries(step.save)) { const v = getPath(json, path); if (typeof v === 'string') ph.setVar(name, v); }
    } catch { /* not JSON: nothing to save; later steps using the var report it */ }
  }
  return out;
}

function substituteJson(v: unknown, ph: Placeholders): unknown {
  if (typeof v === 'string') return ph.substitute(v);
  if (Array.isArray(v)) return v.map((x) => substituteJson(x, ph));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [ph.substitute(k), substituteJson(x, ph)]));
  return v;
}

/** Removes containers, volumes, networks and images named with this run's generated names only. */
async function safetyNet(target: Target, ph: Placeholders): Promise<void> {
  const names = ph.generatedNames();
  if (names.length === 0) return;
  // Some tools abort the whole batch on one missing name, so a failed batch is retried name by name.
  const remove = async (verb: string[]) => {
    const run = (list: string[]) => runCliStep(target, { argv: [...verb, ...list], env: {}, tty: false, timeoutMs: 30_000 });
    const batch = await run(names);
    if (batch.exit !== 0 && names.length > 1) for (const n of names) await run([n]);
  };
  // Containers one by one: podman 4.3 `rm -f GONE KEPT` exits 0 without removing KEPT.
  await Promise.all(names.map((n) => runCliStep(target, { argv: ['rm', '-f', '-v', n], env: {}, tty: false, timeoutMs: 30_000 })));
  await Promise.all([remove(['volume', 'rm', '-f']), remove(['network', 'rm']), remove(['rmi', '-f'])]);
}
