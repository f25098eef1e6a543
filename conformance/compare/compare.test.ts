import { describe, expect, it } from 'vitest';
import type { TargetRun } from '../run/execute.js';
import { parseScenarioFile } from '../scenario/load.js';
import type { StepOutcome } from '../steps/outcome.js';
import { compareRuns } from './compare.js';
import { diffJson } from './json-diff.js';

const env = { image: 'busybox:latest', imageId: 'sha256:' + '7c'.repeat(32), registry: '127.0.0.1:5000', labelKey: 'skiff.conformance' };
const [scenario] = parseScenarioFile(`name: s
steps:
  - cli: run --name \${name:a} \${image} echo hi
  - cli: inspect \${name:a}
    compare: {exit: true, stdout: json, stderr: text, paths: ['$[0].Name', '$[0].Config.Image']}
  - api: GET /v1.41/containers/json
    compare: {status: true, body: json, headers: [Api-Version]}
`, 's.yaml', 'g');

const cli = (stdout: string, exit = 0, stderr = ''): StepOutcome => ({ kind: 'cli', display: 'x', exit, stdout, stderr, durationMs: 1 });
const api = (body: string, status = 200, headers: Record<string, string> = { 'api-version': '1.41' }): StepOutcome => ({ kind: 'api', display: 'x', status, headers, body, stdout: '', stderr: '', durationMs: 1 });
const run = (runId: string, steps: StepOutcome[], extra: Partial<TargetRun> = {}): TargetRun =>
  ({ target: runId, placeholders: { '${run}': runId, '${name:a}': `skc-${runId}-a` }, setup: [], steps, cleanup: [], ...extra });
const inspect = (id: string, name: string, image = 'busybox:latest') => JSON.stringify([{ Id: id, Name: `/${name}`, Config: { Image: image } }]);
const refRun = run('aaaaaa', [cli('hi\n'), cli(inspect('1'.repeat(64), 'skc-aaaaaa-a')), api('[{"Id":"' + 'e'.repeat(64) + '","Created":1732806000}]')]);

describe('compareRuns', () => {
  it('matches a run that differs only in names, ids and times', () => {
    const cand = run('bbbbbb', [cli('hi\n'), cli(inspect('2'.repeat(64), 'skc-bbbbbb-a')), api('[{"Created":1732806999,"Id":"' + 'f'.repeat(64) + '"}]')]);
    expect(compareRuns(scenario!, refRun, cand, env)).toEqual({ status: 'MATCH', diffs: [] });
  });

  it('catches a wrong exit code, an extra stderr line, a localhost/ prefix and a missing JSON key or header', () => {
    const cand = run('bbbbbb', [cli('hi\n', 1, 'warning: extra\n'), cli(inspect('2'.repeat(64), 'skc-bbbbbb-a', 'localhost/busybox:latest')), api('[{"Id":"' + 'f'.repeat(64) + '"}]', 200, {})]);
    const v = compareRuns(scenario!, refRun, cand, env);
    expect(v.status).toBe('DIVERGE');
    expect(v.diffs.map((d) => `${d.step}:${d.part}`)).toEqual(['0:exit', '0:stderr', '1:stdout', '2:headers', '2:body']);
    expect(v.diffs[2]!.paths).toEqual(['$["$[0].Config.Image"]: expected "busybox:latest", got "localhost/busybox:latest"']);
    expect(v.diffs[4]!.paths).toEqual(['$[0].Created: expected "<unix-time>", got <missing key>']);
    expect(v.diffs[0]!.diff).toContain('-0\n+1');
  });

  it('is an ERROR when the reference itself fails, and a DIVERGE when the candidate fails in setup', () => {
    expect(compareRuns(scenario!, run('a', [], { setupFailure: { index: 0, message: 'boom' } }), refRun, env).status).toBe('ERROR');
    const v = compareRuns(scenario!, refRun, run('b', [], { setupFailure: { index: 0, message: 'setup[0] failed' } }), env);
    expect(v).toMatchObject({ status: 'DIVERGE', diffs: [{ part: 'setup' }] });
  });

  it('reports a candidate that could not run a step as a divergence of that step', () => {
    const cand = run('b', [{ ...cli(''), exit: null, error: 'could not run x: ENOENT' }, cli(inspect('2'.repeat(64), 'skc-b-a')), api('[]')]);
    const v = compareRuns(scenario!, refRun, cand, env);
    expect(v.diffs[0]).toMatchObject({ step: 0, part: 'error' });
  });
});

describe('diffJson', () => {
  it('names missing, extra and changed paths', () => {
    expect(diffJson({ a: 1, b: { c: [1, 2] }, 'x.y': 1 }, { a: 2, b: { c: [1] }, z: 0, 'x.y': 1 })).toEqual([
      { path: '$.a', expected: '1', actual: '2' },
      { path: '$.b.c[1]', expected: '2', actual: '<missing item>' },
      { path: '$.z', expected: '<no such key>', actual: '0' },
    ]);
  });
});
