// The day-two container commands against real containers: logs, exec, wait, restart, rename,
// pause/unpause, attach, kill, top — checked against what Docker prints for the same steps.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, rootTarget, rootlessAvailable, rootlessTarget, SKIFF, uniqueName, type Target } from '../test-support/cli.js';

const targets: Array<() => Target> = [rootTarget];
if (rootlessAvailable()) targets.push(rootlessTarget);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(targets.map((make) => ({ make, label: make === rootTarget ? 'root' : 'rootless' })))('container operations ($label)', ({ make, label }) => {
  let t: Target;
  const names: string[] = [];
  const start = async (...cmd: string[]) => {
    const name = uniqueName('ops');
    names.push(name);
    const r = await t.run(['run', '-d', '--name', name, 'busybox', ...cmd]);
    expect(r.code).toBe(0);
    return name;
  };

  beforeAll(async () => {
    t = make();
    expect((await t.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => { if (names.length) await t.run(['rm', '-f', ...names]); });

  it('logs: --tail, -t, --since, stdout and stderr apart, -f follows until exit', async () => {
    const name = await start('sh', '-c', 'echo out1; echo out2; echo out3; sleep 0.2; echo err1 >&2; echo err2 >&2; echo err3 >&2; sleep 4; echo late');
    await sleep(600);
    // --tail counts lines of both streams together, as Docker's does.
    expect(await t.run(['logs', '--tail', '4', name])).toMatchObject({ stdout: 'out3\n', stderr: 'err1\nerr2\nerr3\n' });
    expect((await t.run(['logs', '--tail', '1', name])).stdout).toBe('');
    const stamped = await t.run(['logs', '-t', '--tail', '2', name]);
    expect(stamped.stderr).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z err2\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z err3\n$/);
    expect((await t.run(['logs', '--since', '1h', name])).stderr).toBe('err1\nerr2\nerr3\n');
    expect((await t.run(['logs', '--until', '2000-01-01T00:00:00Z', name])).stdout).toBe('');
    const followed = await t.run(['logs', '-f', name], { timeoutMs: 15_000 });
    expect(followed.stdout).toBe('out1\nout2\nout3\nlate\n');
  });

  it('exec: -e, -w, -u, -i, -d and the exit code; errors as Docker', async () => {
    const name = await start('sleep', '300');
    expect((await t.run(['exec', '-e', 'X=1', '-w', '/tmp', name, 'sh', '-c', 'echo $X; pwd'])).stdout).toBe('1\n/tmp\n');
    expect((await t.run(['exec', '-u', 'nobody', name, 'id', '-u'])).stdout).toBe('65534\n');
    expect((await t.run(['exec', '-i', name, 'cat'], { input: 'piped' })).stdout).toBe('piped');
    expect((await t.run(['exec', name, 'sh', '-c', 'exit 9'])).code).toBe(9);
    const bogus = await t.run(['exec', '-u', 'bogus', name, 'true']);
    expect(bogus).toMatchObject({ code: 126, stderr: 'unable to find user bogus: no matching entries in passwd file\n' });
    // A failed start is written into the attached stdout (as dockerd does); runc's own report is not shown.
    const missing = await t.run(['exec', name, 'nosuch']);
    expect(missing).toMatchObject({ code: 126, stderr: '' });
    expect(missing.stdout).toMatch(/^OCI runtime exec failed: .*exec: "nosuch": executable file not found in \$PATH: unknown\r\n$/);
    expect((await t.run(['exec', '-d', name, 'sh', '-c', 'echo bg > /tmp/bg'])).code).toBe(0);
    await sleep(300);
    expect((await t.run(['exec', name, 'cat', '/tmp/bg'])).stdout).toBe('bg\n');
    expect((await t.run(['exec', 'nope-' + name, 'true'])).stderr).toBe(`Error response from daemon: No such container: nope-${name}\n`);
  });

  it('wait prints the exit code; restart runs the container again', async () => {
    const name = await start('sh', '-c', 'sleep 3; exit 3');
    expect((await t.run(['wait', name], { timeoutMs: 20_000 })).stdout).toBe('3\n');
    expect((await t.run(['restart', name])).stdout).toBe(`${name}\n`);
    expect((await t.run(['inspect', '-f', '{{.State.Running}}', name])).stdout).toBe('true\n');
    expect((await t.run(['wait', name], { timeoutMs: 20_000 })).stdout).toBe('3\n');
  });

  it('rename, kill with a signal, and docker\'s errors for both', async () => {
    // With --init the signal reaches sleep (a bare PID 1 has no default handlers and would ignore it).
    const name = uniqueName('ops');
    names.push(name);
    expect((await t.run(['run', '-d', '--init', '--name', name, 'busybox', 'sleep', '300'])).code).toBe(0);
    const renamed = `${name}-new`;
    expect((await t.run(['rename', name, renamed])).code).toBe(0);
    names.push(renamed);
    expect((await t.run(['rename', renamed, renamed])).stderr).toBe(
      `Error response from daemon: Renaming a container with the same name as its current name\nError: failed to rename container named ${renamed}\n`);
    expect((await t.run(['kill', '-s', 'USR1', renamed])).stdout).toBe(`${renamed}\n`);
    expect((await t.run(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', renamed])).stdout).toBe('exited 138\n');
    const again = await t.run(['kill', renamed]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^Error response from daemon: Cannot kill container: .*: Container [0-9a-f]{64} is not running\n$/);
  });

  it('pause and unpause (root), or a clear refusal rootless', async () => {
    const name = await start('sleep', '300');
    const paused = await t.run(['pause', name]);
    if (label === 'rootless') {
      expect(paused.code).toBe(1);
      expect(paused.stderr).toContain('can not pause containers on rootless containers with cgroup V1');
      return;
    }
    expect(paused.stdout).toBe(`${name}\n`);
    expect((await t.run(['ps', '--filter', `name=${name}`, '--format', '{{.Status}}'])).stdout).toMatch(/\(Paused\)\n$/);
    expect((await t.run(['pause', name])).stderr).toMatch(/is already paused/);
    expect((await t.run(['unpause', name])).stdout).toBe(`${name}\n`);
    expect((await t.run(['inspect', '-f', '{{.State.Status}}', name])).stdout).toBe('running\n');
  });

  it('attach shows new output and returns the exit code', async () => {
    const name = await start('sh', '-c', 'sleep 1; echo attached-out; exit 4');
    const r = await t.run(['attach', name], { timeoutMs: 15_000 });
    expect(r).toMatchObject({ code: 4, stdout: 'attached-out\n' });
  });

  it('start -a reruns a stopped container attached', async () => {
    const name = uniqueName('starta');
    names.push(name);
    expect((await t.run(['create', '--name', name, 'busybox', 'sh', '-c', 'echo hi; exit 2'])).code).toBe(0);
    expect(await t.run(['start', '-a', name])).toMatchObject({ code: 2, stdout: 'hi\n' });
    expect(await t.run(['start', 'nope-x'])).toMatchObject({ code: 1, stderr: 'Error response from daemon: No such container: nope-x\nError: failed to start containers: nope-x\n' });
  });
});



describe('interactive terminal (root)', () => {
  it('run -it draws the container pty on a real terminal as docker does, and returns the exit code', async () => {
    const t = rootTarget();
    expect((await t.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
    const script = (cli: string) => execa('script', ['-qec', `${cli} run -it --rm busybox sh -c 'read x; echo got-$x; exit 3'`, '/dev/null'], { input: 'abc\n', reject: false });
    const ours = await script(`${process.execPath} ${SKIFF} --root ${t.root} --runroot ${t.runroot}`);
    const theirs = await script('docker');
    expect(ours.exitCode).toBe(3);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stdout).toContain('abc\r\ngot-abc');
  });
});
