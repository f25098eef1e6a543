import { describe, expect, it } from 'vitest';
import { parseScenarioFile, ScenarioLoadError } from './load.js';

function problemsOf(text: string): string[] {
  try {
    parseScenarioFile(text, 'ps/x.yaml', 'ps');
  } catch (e) {
    if (e instanceof ScenarioLoadError) return e.problems;
    throw e;
  }
  return [];
}

describe('parseScenarioFile', () => {
  it('loads a scenario with defaults, shell-split argv and implied requirements', () => {
    const [s] = parseScenarioFile(`name: ps-basic
tags: [format]
steps:
  - cli: ps -a --format "{{.Names}}"
  - api: GET /v1.41/_ping
    compare: {status: true, body: text, headers: [Api-Version]}
`, 'ps/x.yaml', 'ps');
    expect(s!.id).toBe('ps/ps-basic');
    expect(s!.tags).toEqual(['ps', 'format']);
    expect(s!.requires).toEqual(['api']);
    const [cli, api] = s!.steps;
    expect(cli).toMatchObject({ kind: 'cli', argv: ['ps', '-a', '--format', '{{.Names}}'], line: 4, compare: { exit: true, stdout: 'text', stderr: 'text' } });
    expect(api).toMatchObject({ kind: 'api', method: 'GET', path: '/v1.41/_ping', line: 5, compare: { status: true, body: 'text', headers: ['Api-Version'] } });
  });

  it('loads several documents from one file', () => {
    const list = parseScenarioFile('name: a\nsteps: [{cli: ps}]\n---\nname: b\nsteps: [{cli: images}]\n', 'f.yaml', 'g');
    expect(list.map((s) => s.id)).toEqual(['g/a', 'g/b']);
    expect(list.map((s) => s.line)).toEqual([1, 4]);
  });

  it('names file and line of an unknown step key', () => {
    expect(problemsOf('name: a\nsteps:\n  - cli: ps\n  - cli: images\n    stdout: text\n')).toEqual([
      expect.stringMatching(/^ps\/x\.yaml:4: steps\[1\]: unknown key "stdout"/),
    ]);
  });

  it('names the line of a step with neither cli nor api, and of a bad compare mode', () => {
    const problems = problemsOf('name: a\nsteps:\n  - cli: ps\n    compare: {stdout: fuzzy}\n  - stdin: x\n');
    expect(problems).toEqual([
      expect.stringMatching(/^ps\/x\.yaml:4: steps\[0\]: compare.stdout must be one of/),
      expect.stringMatching(/^ps\/x\.yaml:5: steps\[1\]: a step needs exactly one of "cli" or "api"/),
    ]);
  });

  it('reports unknown placeholders, requirements and bad names', () => {
    const problems = problemsOf('name: Bad Name\nrequires: [gpu]\nsteps:\n  - cli: run ${imag}\n');
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^ps\/x\.yaml:1: "name" must be a lowercase slug/);
    expect(problems[1]).toMatch(/^ps\/x\.yaml:2: "requires" must list/);
    expect(problems[2]).toMatch(/^ps\/x\.yaml:4: steps\[0\]: unknown placeholder \$\{imag\}/);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('name: a\nsteps:\n  - cli: [ps\n  - x: }\n')[0]).toMatch(/^ps\/x\.yaml:\d+: YAML: /);
  });

  it('rejects a malformed api line', () => {
    expect(problemsOf('name: a\nsteps:\n  - api: get /x\n')[0]).toMatch(/^ps\/x\.yaml:3: steps\[0\]: "api" must be "METHOD \/path"/);
  });
});
