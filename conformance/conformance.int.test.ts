// End to end: Docker against itself must MATCH; a deliberately broken wrapper around Docker must be
// caught on every part it breaks, with bug reports, JUnit and baseline gating. Needs dockerd running.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResults } from './report/results.js';

const root = resolve(import.meta.dirname, '..');
const tsx = join(root, 'node_modules/.bin/tsx');
const work = mkdtempSync(join(tmpdir(), 'skiff-conformance-int-'));
const scenarios = join(work, 'scenarios');

const SCENARIOS = `name: version
steps:
  - cli: version --format "{{.Server.APIVersion}}"
---
name: run-echo
steps:
  - cli: run --rm \${image} echo hello
---
name: images
steps:
  - cli: images --format "{{.Repository}}:{{.Tag}}" \${image}
---
name: inspect
setup:
  - cli: create --name \${name:a} --label \${label} \${image} true
steps:
  - cli: inspect \${name:a}
    compare: {exit: true, stderr: text, stdout: json, paths: ['$[0].Name', '$[0].Driver', '$[0].Config.Image']}
cleanup:
  - cli: rm -f \${name:a}
---
name: ping
steps:
  - api: GET /_ping
    compare: {status: true, body: text, headers: [Api-Version]}
`;

// Wraps docker and breaks one thing per command: exit code, stderr, a localhost/ prefix, a JSON key.
const BROKEN = `#!/bin/bash
out=$(mktemp); err=$(mktemp)
docker "$@" >"$out" 2>"$err"; rc=$?
case "$1" in
  version) rc=$((rc+1)) ;;
  run) echo "WARNING: an extra line" >>"$err" ;;
  images) sed -i 's#^busybox#localhost/busybox#' "$out" ;;
  inspect) sed -i '/"Driver":/d' "$out" ;;
esac
cat "$out"; cat "$err" >&2; rm -f "$out" "$err"; exit $rc
`;

const conformance = (args: string[]) =>
  execa(tsx, [join(root, 'conformance/main.ts'), ...args, '--scenarios', scenarios, '--reports', join(work, 'reports')], { reject: false, cwd: root });
const results = (stdout: string): RunResults => {
  const dir = /reports: (.*)/.exec(stdout)![1]!;
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResults;
};

beforeAll(() => {
  mkdirSync(join(scenarios, 'g'), { recursive: true });
  writeFileSync(join(scenarios, 'g', 'basics.yaml'), SCENARIOS);
  writeFileSync(join(work, 'broken-docker'), BROKEN);
  chmodSync(join(work, 'broken-docker'), 0o755);
});

describe('skiff-conformance against live Docker', () => {
  it('scores Docker itself 100%', async () => {
    const r = await conformance(['run', '--candidate', 'docker-again=docker,socket=/var/run/docker.sock', '--jobs', '3']);
    expect(r.stderr).not.toMatch(/harness error/);
    const run = results(r.stdout);
    expect(run.results.map((x) => `${x.id} ${x.status} ${x.reason ?? ''}`.trim()).sort()).toEqual(
      ['g/images MATCH', 'g/inspect MATCH', 'g/ping MATCH', 'g/run-echo MATCH', 'g/version MATCH']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('docker-again: 100%');
  });

  it('catches every part a broken candidate breaks, and writes reports and bug reports', async () => {
    const r = await conformance(['run', '--candidate', `broken=${join(work, 'broken-docker')},socket=/var/run/docker.sock`]);
    expect(r.exitCode).toBe(1);
    const run = results(r.stdout);
    const byId = Object.fromEntries(run.results.map((x) => [x.id, x]));
    expect(byId['g/ping']!.status).toBe('MATCH');
    expect(byId['g/version']!.diffs.map((d) => d.part)).toEqual(['exit']);
    expect(byId['g/run-echo']!.diffs.map((d) => d.part)).toEqual(['stderr']);
    expect(byId['g/images']!.diffs[0]!.actual).toContain('localhost/busybox:latest');
    expect(byId['g/inspect']!.diffs[0]!.paths).toEqual(['$["$[0].Driver"]: expected "overlay2", got "<missing>"']);
    const dir = /reports: (.*)/.exec(r.stdout)![1]!;
    expect(readdirSync(join(dir, 'bugs', 'broken')).sort()).toEqual(['g-images.md', 'g-inspect.md', 'g-run-echo.md', 'g-version.md']);
    const bug = readFileSync(join(dir, 'bugs', 'broken', 'g-images.md'), 'utf8');
    expect(bug).toMatch(/^# broken: `images --format .*` differs from Docker \(stdout\)/);
    expect(bug).toContain('broken-docker images --format');
    expect(bug).toContain('+localhost/busybox:latest');
    expect(bug).toMatch(/Docker version \d+/);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('failures="4"');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('| broken | **20%** | 1 | 4 | 0 | 0 |');
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
  });

  it('gates on a baseline: known divergences pass, new ones fail, fixed ones are named', async () => {
    const baseline = join(work, 'baseline.json');
    writeFileSync(baseline, JSON.stringify({ candidates: { broken: ['g/images', 'g/inspect', 'g/run-echo', 'g/ping'] } }));
    const broken = `broken=${join(work, 'broken-docker')},socket=/var/run/docker.sock`;
    const failing = await conformance(['run', '--candidate', broken, '--baseline', baseline]);
    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).toContain('NEW DIVERGE: broken g/version');
    expect(failing.stdout).toContain('now matching (remove from the baseline): broken g/ping');
    const updated = await conformance(['run', '--candidate', broken, '--baseline', baseline, '--update-baseline']);
    expect(updated.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(baseline, 'utf8'))).toEqual({ candidates: { broken: ['g/images', 'g/inspect', 'g/run-echo', 'g/version'] } });
    const passing = await conformance(['run', '--candidate', broken, '--baseline', baseline, '--filter', '!g/ping']);
    expect(passing.exitCode).toBe(0);
  });

  it('reports a candidate that does not exist as ERROR, cleanly', async () => {
    const r = await conformance(['run', '--candidate', 'ghost=/nonexistent/skiff.js', '--filter', 'g/version']);
    expect(r.exitCode).toBe(1);
    expect(results(r.stdout).results).toMatchObject([{ status: 'ERROR', reason: expect.stringContaining('does not exist') }]);
  });

  it('leaves no container of its own behind', async () => {
    const ps = await execa('docker', ['ps', '-a', '--filter', 'label=skiff.conformance', '--format', '{{.Names}}']);
    expect(ps.stdout.split('\n').filter((n) => n.startsWith('skc-'))).toEqual([]);
  });
});
