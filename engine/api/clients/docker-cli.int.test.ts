// The docker 28 CLI against `skiff system service` (DOCKER_HOST), root and rootless: the everyday
// commands a user types, end to end through the Engine API only.
import { execa } from 'execa';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, rootlessAvailable, rootlessTarget, uniqueName } from '../../test-support/cli.js';
import { startRootService, startRootlessService, type ApiService } from '../../test-support/api-service.js';

const kinds = [{ label: 'root', start: startRootService }];
if (rootlessAvailable()) kinds.push({ label: 'rootless', start: () => startRootlessService(rootlessTarget()) });

describe.each(kinds)('docker CLI through the API ($label)', ({ start }) => {
  let svc: ApiService;
  const names: string[] = [];
  const docker = (args: string[], opts: { input?: string } = {}) =>
    execa('docker', args, { env: { ...svc.clientEnv, DOCKER_CONFIG: mkdtempSync(join(tmpdir(), 'dcfg-')) }, reject: false, input: opts.input, timeout: 60_000 });
  const name = () => { const n = uniqueName('cli'); names.push(n); return n; };

  beforeAll(async () => {
    svc = await start();
    expect((await svc.cli.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => {
    if (names.length) await svc?.cli.run(['rm', '-f', ...names]);
    await svc?.stop();
  });

  it('runs attached with --rm: output, stderr and exit code, and leaves nothing behind', async () => {
    const n = name();
    const r = await docker(['run', '--rm', '--name', n, 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([3, 'out', 'err']);
    expect((await docker(['ps', '-a', '--filter', `name=${n}`, '--format', '{{.Names}}'])).stdout).toBe('');
  });

  it('runs detached, follows logs, execs, stops, and inspects', async () => {
    const n = name();
    const run = await docker(['run', '-d', '--name', n, 'busybox', 'sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^[0-9a-f]{64}$/);
    const follow = execa('docker', ['logs', '-f', n], { env: svc.clientEnv, reject: false });
    let seen = '';
    await new Promise<void>((resolve) => follow.stdout!.on('data', (d: Buffer) => { seen += d; if (seen.includes('tick 3')) resolve(); }));
    follow.kill('SIGINT');
    await follow;
    expect(seen).toContain('tick 0\ntick 1\n');
    const ex = await docker(['exec', n, 'sh', '-c', 'echo in-$HOSTNAME; exit 4']);
    expect(ex.exitCode).toBe(4);
    expect(ex.stdout).toBe(`in-${run.stdout.slice(0, 12)}`);
    const piped = await docker(['exec', '-i', n, 'cat'], { input: 'through stdin\n' });
    expect(piped.stdout).toBe('through stdin');
    expect((await docker(['ps', '--filter', `name=${n}`, '--format', '{{.Names}} {{.Status}}'])).stdout).toMatch(new RegExp(`^${n} Up `));
    expect((await docker(['stop', '-t', '1', n])).stdout).toBe(n);
    const state = JSON.parse((await docker(['inspect', '--format', '{{json .State}}', n])).stdout);
    expect([state.Status, state.Running, state.ExitCode]).toEqual(['exited', false, 137]);
  });

  it('copies files in and out with cp', async () => {
    const n = name();
    expect((await docker(['run', '-d', '--name', n, 'busybox', 'sleep', '300'])).exitCode).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'cp-'));
    writeFileSync(join(dir, 'in.txt'), 'into the container\n');
    expect((await docker(['cp', join(dir, 'in.txt'), `${n}:/tmp/in.txt`])).exitCode).toBe(0);
    expect((await docker(['exec', n, 'cat', '/tmp/in.txt'])).stdout).toBe('into the container');
    expect((await docker(['cp', `${n}:/etc/hostname`, join(dir, 'hostname')])).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'hostname'), 'utf8')).toMatch(/^[0-9a-f]{12}\n$/);
  });

  it('lists images and manages volumes and networks', async () => {
    expect((await docker(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])).stdout).toContain('busybox:latest 7cec26eab73b');
    const v = uniqueName('vol');
    expect((await docker(['volume', 'create', v])).stdout).toBe(v);
    expect((await docker(['volume', 'ls', '-q', '--filter', `name=${v}`])).stdout).toBe(v);
    const net = uniqueName('net');
    expect((await docker(['network', 'create', net])).exitCode).toBe(0);
    const n = name();
    const r = await docker(['run', '--rm', '--name', n, '--network', net, '-v', `${v}:/data`, 'busybox', 'sh', '-c', 'echo saved > /data/f; cat /data/f']);
    expect([r.exitCode, r.stdout]).toEqual([0, 'saved']);
    expect((await docker(['network', 'inspect', '--format', '{{.Name}} {{.Driver}}', net])).stdout).toBe(`${net} bridge`);
    expect((await docker(['network', 'rm', net])).stdout).toBe(net);
    expect((await docker(['volume', 'rm', v])).stdout).toBe(v);
  });
});
