// `skiff system service` as a process: socket activation (root and rootless), idle exit and what keeps it
// alive, stale and live sockets, tcp://, SIGTERM, the default sockets, the systemd units, a docker client
// through the socket install-docker-shim links, and a soak under 200 concurrent clients (SKIFF_API_SOAK=1
// for the full 30 s run; CI runs a lighter one).
import { execa, type ResultPromise } from 'execa';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ping } from '../test-support/api-service.js';
import { apiRequest, streamLines } from '../test-support/api-http.js';
import { busyboxArchive, REPO, rootlessAvailable, rootlessTarget, rootTarget, SKIFF, TEST_USER, uniqueName } from '../test-support/cli.js';

const NODE = process.execPath;
const tmp = (prefix: string) => { const d = mkdtempSync(join(tmpdir(), prefix)); chmodSync(d, 0o777); return d; };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const running = (p: ResultPromise) => p.exitCode === null || p.exitCode === undefined;
const exited = async (p: ResultPromise) => { const r = await p; return { code: r.exitCode, stderr: String(r.stderr ?? '') }; };

/** The rootless test user's environment, as engine/test-support/cli.ts builds it. */
function userEnv(): Record<string, string> {
  const uid = Number(execFileSync('id', ['-u', TEST_USER], { encoding: 'utf8' }).trim());
  const home = execFileSync('getent', ['passwd', TEST_USER], { encoding: 'utf8' }).split(':')[5]!;
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, USER: TEST_USER, XDG_RUNTIME_DIR: `/run/user/${uid}` };
}
const asUser = (argv: string[]) => ['/usr/sbin/runuser', ['-u', TEST_USER, '--', 'env', ...Object.entries(userEnv()).map(([k, v]) => `${k}=${v}`), ...argv]] as const;

/** A root service on a fresh storage root. */
function rootService(args: string[], env: Record<string, string> = {}) {
  const t = rootTarget();
  const proc = execa(NODE, ['--', SKIFF, '--root', t.root, '--runroot', t.runroot, 'system', 'service', ...args], { reject: false, env, all: false });
  return { proc, t };
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('socket activation', () => {
  it('root: systemd-socket-activate hands the socket over; the service answers and exits after --time 2', async () => {
    const sock = join(tmp('skiff-sa-'), 'api.sock');
    const t = rootTarget();
    const proc = execa('systemd-socket-activate', ['-l', sock, NODE, '--', SKIFF, '--root', t.root, '--runroot', t.runroot, 'system', 'service', '--time', '2'], { reject: false });
    await until(() => existsSync(sock), 10_000, 'the activation socket');
    // The first connection makes systemd-socket-activate exec the service, which then accepts it.
    const r = await apiRequest(sock, 'GET', '/_ping');
    const answered = Date.now();
    expect(r.status).toBe(200);
    expect(r.text).toBe('OK');
    expect(r.headers.server).toMatch(/^skiff\//);
    const { code } = await exited(proc);
    const idle = Date.now() - answered;
    expect(code).toBe(0);
    expect(idle).toBeGreaterThanOrEqual(1900);
    expect(idle).toBeLessThan(10_000);
    // The socket belongs to whoever activated the service: it is left in place.
    expect(existsSync(sock)).toBe(true);
  });

  it.runIf(rootlessAvailable())('rootless: the fds cross the re-exec into the user namespace', async () => {
    const dir = tmp('skiff-sa-');
    const sock = join(dir, 'api.sock');
    const [cmd, args] = asUser(['systemd-socket-activate', '-l', sock, NODE, '--', SKIFF, 'system', 'service', '--time', '2']);
    const proc = execa(cmd, args, { reject: false, env: {}, extendEnv: false, cwd: '/' });
    await until(() => existsSync(sock), 10_000, 'the activation socket');
    const r = await apiRequest(sock, 'GET', '/info');
    const answered = Date.now();
    expect(r.status).toBe(200);
    // Served from inside the user namespace: the rootless engine answers.
    expect(JSON.stringify(r.json<{ SecurityOptions: string[] }>().SecurityOptions)).toContain('rootless');
    const { code } = await exited(proc);
    expect(code).toBe(0);
    expect(Date.now() - answered).toBeGreaterThanOrEqual(1900);
  });

  it('refuses a wrong number of activation fds with a clear error', async () => {
    const dir = tmp('skiff-sa-');
    const [a, b] = [join(dir, 'a.sock'), join(dir, 'b.sock')];
    const t = rootTarget();
    const proc = execa('systemd-socket-activate', ['-l', a, '-l', b, NODE, '--', SKIFF, '--root', t.root, '--runroot', t.runroot, 'system', 'service', '--time', '2'], { reject: false });
    await until(() => existsSync(a), 10_000, 'the activation socket');
    await apiRequest(a, 'GET', '/_ping', { timeoutMs: 20_000 }).catch(() => undefined);
    const { code, stderr } = await exited(proc);
    expect(code).toBe(125);
    expect(stderr).toContain('Error: wrong number of file descriptors for socket activation protocol (2 != 1)');
  });

  it('ignores LISTEN_FDS meant for another process and serves its own socket', async () => {
    const dir = tmp('skiff-svc-');
    const sock = join(dir, 'own.sock');
    const { proc } = rootService(['--time', '0', `unix://${sock}`], { LISTEN_FDS: '1', LISTEN_PID: '1' });
    try {
      await until(() => ping(sock), 20_000, 'the service');
    } finally {
      proc.kill('SIGTERM');
      await proc;
    }
  });
});

describe('idle time', () => {
  it('an open events stream keeps the service alive; it exits once the stream closes', async () => {
    const sock = join(tmp('skiff-svc-'), 'api.sock');
    const { proc } = rootService(['--time', '1', `unix://${sock}`]);
    await until(() => ping(sock), 20_000, 'the service');
    const events = streamLines(sock, '/v1.41/events');
    const res = await events.response;
    expect(res.statusCode).toBe(200);
    await sleep(3000);
    expect(running(proc)).toBe(true);
    events.close();
    const closed = Date.now();
    expect((await exited(proc)).code).toBe(0);
    expect(Date.now() - closed).toBeLessThan(8000);
  });

  it('a pending wait keeps the service alive past its idle time', async () => {
    const sock = join(tmp('skiff-svc-'), 'api.sock');
    const { proc, t } = rootService(['--time', '1', `unix://${sock}`]);
    expect((await t.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
    const name = uniqueName('svc-wait');
    const run = await t.run(['run', '-d', '--name', name, 'busybox', 'sleep', '4']);
    expect(run.code).toBe(0);
    await until(() => ping(sock), 20_000, 'the service');
    try {
      // Idle after 1 s, and connections cut 2 s after that: a reply after 4 s proves the timer waited.
      const r = await apiRequest(sock, 'POST', `/v1.41/containers/${name}/wait`);
      expect(r.status).toBe(200);
      expect(r.json()).toEqual({ StatusCode: 0, Error: null });
      expect((await exited(proc)).code).toBe(0);
    } finally {
      await t.run(['rm', '-f', name]);
      if (running(proc)) proc.kill('SIGKILL');
    }
  });

  it('--time 0 never exits on its own; SIGTERM ends it cleanly and removes its socket', async () => {
    const sock = join(tmp('skiff-svc-'), 'api.sock');
    const { proc } = rootService(['--time', '0', `unix://${sock}`]);
    await until(() => ping(sock), 20_000, 'the service');
    await sleep(6000);
    expect(running(proc)).toBe(true);
    // Even with a stream open.
    const events = streamLines(sock, '/events');
    await events.response;
    proc.kill('SIGTERM');
    expect((await exited(proc)).code).toBe(0);
    expect(existsSync(sock)).toBe(false);
    await events.ended;
  });

  it('exits after the default 5 s', async () => {
    const sock = join(tmp('skiff-svc-'), 'api.sock');
    const started = Date.now();
    const { proc } = rootService([`unix://${sock}`]);
    await until(() => existsSync(sock), 20_000, 'the socket');
    expect((await exited(proc)).code).toBe(0);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(5000);
    expect(took).toBeLessThan(15_000);
  });
});

describe('listening', () => {
  it('replaces a stale socket file and refuses a live one or a file that is not a socket', async () => {
    const dir = tmp('skiff-svc-');
    const sock = join(dir, 'api.sock');
    const first = rootService(['--time', '0', `unix://${sock}`]).proc;
    await until(() => ping(sock), 20_000, 'the service');
    first.kill('SIGKILL');
    await first;
    expect(existsSync(sock)).toBe(true);
    expect(await ping(sock)).toBe(false);

    const second = rootService(['--time', '0', `unix://${sock}`]).proc;
    try {
      await until(() => ping(sock), 20_000, 'the service on the stale socket');
      const third = await exited(rootService(['--time', '0', `unix://${sock}`]).proc);
      expect(third.code).toBe(125);
      expect(third.stderr).toContain(`Error: listen unix ${sock}: bind: address already in use`);
      expect(await ping(sock)).toBe(true);
    } finally {
      second.kill('SIGTERM');
      await second;
    }
    const file = join(dir, 'regular');
    writeFileSync(file, 'keep me');
    const onFile = await exited(rootService(['--time', '0', `unix://${file}`]).proc);
    expect(onFile.code).toBe(125);
    expect(onFile.stderr).toContain('address already in use');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('serves tcp:// when asked', async () => {
    const port = await freePort();
    const { proc } = rootService(['--time', '0', `tcp://127.0.0.1:${port}`]);
    try {
      const get = () => new Promise<string>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/v1.41/_ping' }, (res) => { let b = ''; res.on('data', (c) => { b += c; }); res.on('end', () => resolve(`${res.statusCode} ${b}`)); })
          .on('error', reject).end();
      });
      await until(() => get().then((s) => s === '200 OK', () => false), 20_000, 'tcp ping');
    } finally {
      proc.kill('SIGTERM');
      expect((await exited(proc)).code).toBe(0);
    }
  });

  it('root: listens on <runroot>/skiff.sock with mode 0660 by default', async () => {
    const { proc, t } = rootService(['--time', '1']);
    const sock = join(t.runroot, 'skiff.sock');
    await until(() => ping(sock), 20_000, 'the default socket');
    expect(statSync(sock).mode & 0o777).toBe(0o660);
    expect((await exited(proc)).code).toBe(0);
    expect(existsSync(sock)).toBe(false);
  });

  it.runIf(rootlessAvailable())('rootless: listens on $XDG_RUNTIME_DIR/skiff/skiff.sock with mode 0660 by default', async () => {
    const sock = join(userEnv().XDG_RUNTIME_DIR!, 'skiff', 'skiff.sock');
    if (await ping(sock)) return; // a service of that user is running already: its socket is not ours to test
    const [cmd, args] = asUser([NODE, '--', SKIFF, 'system', 'service', '--time', '2']);
    const proc = execa(cmd, args, { reject: false, env: {}, extendEnv: false, cwd: '/' });
    await until(() => ping(sock), 20_000, 'the default rootless socket');
    const st = statSync(sock);
    expect(st.mode & 0o777).toBe(0o660);
    expect(st.uid).toBe(Number(execFileSync('id', ['-u', TEST_USER], { encoding: 'utf8' }).trim()));
    expect((await exited(proc)).code).toBe(0);
    expect(existsSync(sock)).toBe(false);
  });

  it('a docker client reaches skiff through the socket install-docker-shim links', async () => {
    const dir = tmp('skiff-shim-');
    const env = { SKIFF_ROOT: join(dir, 'root'), SKIFF_RUNROOT: join(dir, 'run') };
    const proc = execa(NODE, ['--', SKIFF, 'system', 'service', '--time', '0'], { reject: false, env });
    try {
      await until(() => ping(join(dir, 'run', 'skiff.sock')), 20_000, 'the service');
      const link = join(dir, 'docker.sock');
      const install = await execa(NODE, ['--', SKIFF, 'system', 'install-docker-shim', '--socket', link, '--bin-dir', join(dir, 'bin')], { reject: false, env });
      expect(install.stderr).toBe('');
      expect(install.exitCode).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(join(dir, 'run', 'skiff.sock'));
      const v = await execa('docker', ['version', '--format', '{{.Server.Platform.Name}} {{.Server.APIVersion}}'], { reject: false, env: { DOCKER_HOST: `unix://${link}` } });
      expect(v.stderr).toBe('');
      expect(v.stdout).toBe('skiff 1.44');
    } finally {
      proc.kill('SIGTERM');
      await proc;
    }
  });
});

describe('systemd units', () => {
  const hasAnalyze = existsSync('/usr/bin/systemd-analyze');

  /** The units as installed, with ExecStart pointing at this checkout's skiff (verify checks it is executable). */
  function unitDir(kind: 'system' | 'user'): string {
    const dir = tmp('skiff-units-');
    for (const f of readdirSync(join(REPO, 'contrib', 'systemd', kind))) {
      copyFileSync(join(REPO, 'contrib', 'systemd', kind, f), join(dir, f));
    }
    const svc = join(dir, 'skiff.service');
    writeFileSync(svc, readFileSync(svc, 'utf8').replace('/usr/local/bin/skiff', SKIFF));
    return dir;
  }

  /** `systemd-analyze verify` without a running systemd: no man page lookups, a private runtime dir for --user. */
  async function verify(kind: 'system' | 'user', dir: string) {
    const runtime = tmp('skiff-xdg-');
    const r = await execa('systemd-analyze', [...(kind === 'user' ? ['--user'] : []), 'verify', '--man=no', join(dir, 'skiff.socket'), join(dir, 'skiff.service')],
      { reject: false, env: { XDG_RUNTIME_DIR: runtime, SYSTEMD_LOG_COLOR: '0' } });
    rmSync(runtime, { recursive: true, force: true });
    return { code: r.exitCode, stderr: String(r.stderr) };
  }

  it.runIf(hasAnalyze).each(['system', 'user'] as const)('%s units pass systemd-analyze verify', async (kind) => {
    const dir = unitDir(kind);
    expect(await verify(kind, dir)).toEqual({ code: 0, stderr: '' });
    const socket = readFileSync(join(dir, 'skiff.socket'), 'utf8');
    expect(socket).toMatch(/^ListenStream=%t\/skiff\/skiff\.sock$/m);
    expect(socket).toMatch(/^SocketMode=0660$/m);
    const service = readFileSync(join(dir, 'skiff.service'), 'utf8');
    for (const line of ['Type=exec', 'KillMode=process', 'Delegate=true', `ExecStart=${SKIFF} system service`]) expect(service).toContain(`\n${line}\n`);
  });

  it.runIf(hasAnalyze)('verify catches a broken unit (the check can fail)', async () => {
    const dir = unitDir('system');
    const svc = join(dir, 'skiff.service');
    writeFileSync(svc, readFileSync(svc, 'utf8').replace('Type=exec', 'Type=exec\nBogusKey=1'));
    const r = await verify('system', dir);
    expect(r.stderr).toContain("Unknown key 'BogusKey'");
  });
});

describe('soak', () => {
  const full = process.env.SKIFF_API_SOAK === '1';
  const clients = full ? 200 : 50;
  const seconds = full ? 30 : 10;
  let proc: ResultPromise;
  let t: ReturnType<typeof rootTarget>;
  let sock: string;
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))![1]) * 1024;

  beforeAll(async () => {
    sock = join(tmp('skiff-soak-'), 'api.sock');
    // The image goes in before the service opens the same fresh storage root: this test is about load
    // on a running service, not about two processes initialising one root.
    t = rootTarget();
    const load = await t.run(['load', '-i', await busyboxArchive()]);
    expect(load.code, load.stderr).toBe(0);
    proc = execa(NODE, ['--', SKIFF, '--root', t.root, '--runroot', t.runroot, 'system', 'service', '--time', '0', `unix://${sock}`], { reject: false, all: false });
    await until(() => ping(sock), 20_000, 'the service');
  });
  afterAll(async () => {
    proc.kill('SIGTERM');
    await proc;
  });

  it(`${clients} concurrent clients on /containers/json and /containers/{id}/json for ${seconds} s, with an events stream while containers start and stop`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await t.run(['create', '--name', uniqueName('soak'), 'busybox', 'true']);
      expect(r.code).toBe(0);
      ids.push(r.stdout.trim());
    }
    const agent = new Agent({ keepAlive: true, maxSockets: clients });
    const get = (path: string) => new Promise<number>((resolve) => {
      request({ socketPath: sock, path, agent }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); })
        .on('error', () => resolve(-1)).end();
    });
    const events = streamLines(sock, '/v1.41/events?filters=%7B%22type%22%3A%5B%22container%22%5D%7D');
    expect((await events.response).statusCode).toBe(200);
    // Warm up, then measure from a settled heap.
    await Promise.all(Array.from({ length: clients }, (_, i) => get(i % 2 ? '/v1.41/containers/json?all=1' : `/v1.41/containers/${ids[i % ids.length]}/json`)));
    const rssStart = rss();
    const end = Date.now() + seconds * 1000;
    const counts = { ok: 0, failed: 0 };
    const statuses = new Map<number, number>();
    const client = async (i: number) => {
      while (Date.now() < end) {
        const status = await get(i % 2 ? '/v1.41/containers/json?all=1' : `/v1.41/containers/${ids[i % ids.length]}/json`);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 200) counts.ok++; else counts.failed++;
      }
    };
    // Containers start and stop meanwhile; the events stream must carry their start and die events.
    const churn = async () => {
      let cycles = 0;
      while (Date.now() < end - 1500) {
        const name = uniqueName('soak-run');
        const r = await t.run(['run', '--rm', '--name', name, 'busybox', 'true']);
        expect(r.code).toBe(0);
        await events.waitFor((l) => l.includes(`"name":"${name}"`) && l.includes('"Action":"die"'), 20_000);
        cycles++;
      }
      return cycles;
    };
    const peaks: number[] = [];
    const sampler = setInterval(() => peaks.push(rss()), 1000);
    const [cycles] = await Promise.all([churn(), ...Array.from({ length: clients }, (_, i) => client(i))]);
    clearInterval(sampler);
    const rssEnd = rss();
    agent.destroy();
    events.close();
    const mb = (n: number) => (n / 1048576).toFixed(1);
    const half = Math.floor(peaks.length / 2);
    const [firstHalf, secondHalf] = [Math.max(...peaks.slice(0, half)), Math.max(...peaks.slice(half))];
    console.log(`soak: ${clients} clients, ${seconds} s: ${counts.ok} ok, ${counts.failed} failed (${[...statuses].map(([s, n]) => `${s}:${n}`).join(' ')}), `
      + `${cycles} run/rm cycles seen as events; RSS ${mb(rssStart)} MB -> ${mb(rssEnd)} MB, peak ${mb(firstHalf)} MB in the first half, `
      + `${mb(secondHalf)} MB in the second; per second: ${peaks.map(mb).join(' ')}`);
    expect(counts.failed).toBe(0);
    expect(counts.ok).toBeGreaterThan(clients);
    expect(cycles).toBeGreaterThan(0);
    expect(running(proc)).toBe(true);
    expect(await ping(sock)).toBe(true);
    // Stable: the working set reached under load stops growing (no leak per request or per event).
    expect(secondHalf - firstHalf).toBeLessThan(48 * 1048576);
    expect(rssEnd).toBeLessThan(rssStart + 128 * 1048576);
  }, 600_000);
});
