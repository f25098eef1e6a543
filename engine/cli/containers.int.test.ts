// End to end: the built skiff CLI runs real containers with runc and conmon, as root and rootless.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, rootTarget, rootlessAvailable, rootlessTarget, uniqueName, type Target } from '../test-support/cli.js';

const targets: Array<() => Target> = [rootTarget];
if (rootlessAvailable()) targets.push(rootlessTarget);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(targets.map((make) => ({ make, label: make === rootTarget ? 'root' : 'rootless' })))('containers ($label)', ({ make }) => {
  let t: Target;
  const created: string[] = [];

  beforeAll(async () => {
    t = make();
    const load = await t.run(['load', '-i', await busyboxArchive()]);
    expect(load.stderr).toBe('');
    expect(load.stdout).toContain('busybox:latest');
  });

  afterAll(async () => {
    if (created.length > 0) await t.run(['rm', '-f', ...created]);
  });

  it('runs a command in the foreground and returns its output and exit code', async () => {
    const r = await t.run(['run', '--rm', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('gives the container a private hostname, Docker-like env and user', async () => {
    const r = await t.run(['run', '--rm', '--hostname', 'box1', '-e', 'FOO=bar', '-w', '/tmp', 'busybox', 'sh', '-c', 'hostname; echo $FOO; pwd; id -u; cat /etc/hostname']);
    expect(r.stdout).toBe('box1\nbar\n/tmp\n0\nbox1\n');
    expect(r.code).toBe(0);
  });

  it('feeds stdin with -i', async () => {
    const r = await t.run(['run', '--rm', '-i', 'busybox', 'sh', '-c', 'cat; echo done'], { input: 'abc\n' });
    expect(r).toMatchObject({ code: 0, stdout: 'abc\ndone\n' });
  });

  it('gives a real pty with -t', async () => {
    const r = await t.run(['run', '--rm', '-t', 'busybox', 'sh', '-c', 'tty; test -t 1 && echo isatty']);
    expect(r.stdout).toMatch(/^\/dev\/pts\/\d+\r\nisatty\r\n$/);
  });

  it('reports a missing executable with exit 127 and a non-executable one with 126', async () => {
    const missing = await t.run(['run', '--rm', 'busybox', '/nonexistent']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('exec: "/nonexistent": stat /nonexistent: no such file or directory: unknown');
    const notExec = await t.run(['run', '--rm', 'busybox', '/etc/passwd']);
    expect(notExec.code).toBe(126);
    expect(notExec.stderr).toContain('permission denied');
  });

  it('keeps a detached container running with only conmon, then stops, logs and removes it', async () => {
    const name = uniqueName('det');
    const run = await t.run(['run', '-d', '--name', name, 'busybox', 'sh', '-c', 'echo started; echo oops >&2; exec sleep 300']);
    expect(run.code).toBe(0);
    const id = run.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    created.push(name);
    const ps = await t.run(['ps', '--no-trunc', '-q', '--filter', `name=${name}`]);
    expect(ps.stdout.trim()).toBe(id);
    // No skiff process stays behind: the container's monitor is conmon.
    const procs = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n');
    expect(procs.filter((p) => p.includes('conmon') && p.includes(id)).length).toBe(1);
    expect(procs.filter((p) => p.includes('skiff.js') && p.includes(id) && !p.includes('conmon')).length).toBe(0);
    await sleep(200);
    const logs = await t.run(['logs', name]);
    expect(logs).toMatchObject({ stdout: 'started\n', stderr: 'oops\n' });
    const exec = await t.run(['exec', name, 'sh', '-c', 'echo in-$HOSTNAME; exit 4']);
    expect(exec).toMatchObject({ code: 4, stdout: `in-${id.slice(0, 12)}\n` });
    const stop = await t.run(['stop', '-t', '1', name]);
    expect(stop).toMatchObject({ code: 0, stdout: `${name}\n` });
    const state = await t.run(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', name]);
    expect(state.stdout).toBe('exited 137\n');
    const rm = await t.run(['rm', name]);
    expect(rm).toMatchObject({ code: 0, stdout: `${name}\n` });
    created.splice(created.indexOf(name), 1);
  });

  it('removes a detached --rm container when it exits, with no skiff process waiting', async () => {
    const name = uniqueName('autorm');
    const run = await t.run(['run', '-d', '--rm', '--name', name, 'busybox', 'sh', '-c', 'sleep 0.3']);
    expect(run.code).toBe(0);
    let left = 'x';
    for (let i = 0; i < 50 && left !== ''; i++) {
      await sleep(200);
      left = (await t.run(['ps', '-a', '-q', '--filter', `name=${name}`])).stdout.trim();
    }
    expect(left).toBe('');
  });

  it("refuses a name in use with Docker's conflict message (create exits 1, run 125)", async () => {
    const name = uniqueName('dup');
    const first = await t.run(['create', '--name', name, 'busybox', 'true']);
    expect(first.code).toBe(0);
    created.push(name);
    const message = `Conflict. The container name "/${name}" is already in use by container "${first.stdout.trim()}". You have to remove (or rename) that container to be able to reuse that name.`;
    const second = await t.run(['create', '--name', name, 'busybox', 'true']);
    expect(second).toMatchObject({ code: 1, stdout: '', stderr: `Error response from daemon: ${message}\n` });
    const third = await t.run(['run', '--name', name, 'busybox', 'true']);
    expect(third.code).toBe(125);
    expect(third.stderr).toBe(`skiff: Error response from daemon: ${message}\n\nRun 'skiff run --help' for more information\n`);
  });

  it('starts 20 detached containers from separate processes at once', async () => {
    const names = Array.from({ length: 20 }, () => uniqueName('par'));
    const results = await Promise.all(names.map((n) => t.run(['run', '-d', '--name', n, 'busybox', 'sleep', '60'], { timeoutMs: 120_000 })));
    created.push(...names);
    expect(results.map((r) => r.code)).toEqual(names.map(() => 0));
    expect(new Set(results.map((r) => r.stdout.trim())).size).toBe(20);
    const rm = await t.run(['rm', '-f', ...names], { timeoutMs: 120_000 });
    expect(rm.code).toBe(0);
    created.splice(0, created.length, ...created.filter((n) => !names.includes(n)));
  });

  it('lets exactly one of two concurrent creates take a name', async () => {
    const name = uniqueName('race');
    const [a, b] = await Promise.all([0, 1].map(() => t.run(['create', '--name', name, 'busybox', 'true'])));
    created.push(name);
    expect([a!.code, b!.code].sort()).toEqual([0, 1]);
    expect([a!.stderr, b!.stderr].join('')).toContain('is already in use by container');
  });

  it('makes files the container root writes to a bind mount belong to the invoking user', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-bind-'));
    chmodSync(dir, 0o777);
    const r = await t.run(['run', '--rm', '-v', `${dir}:/data`, 'busybox', 'sh', '-c', 'echo hi > /data/f']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('hi\n');
    const expectedUid = t.name === 'root' ? 0 : (t as Target & { uid: number }).uid;
    expect(statSync(join(dir, 'f')).uid).toBe(expectedUid);
  });
});
