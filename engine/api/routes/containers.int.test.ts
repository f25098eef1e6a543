// The container endpoints over the API socket, root and rootless: raw HTTP (statuses, headers, shapes,
// errors compared with Docker's own replies for the same requests), the docker 28 CLI through
// DOCKER_HOST, archive paths that try to leave the container, and clients that leave mid-stream.
import { execa } from 'execa';
import { request, type IncomingMessage } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ping, startRootService, startRootlessService, type ApiService } from '../../test-support/api-service.js';
import { apiRequest, DOCKER_SOCKET, statusAndMessage, streamLines, type ApiReply, type ApiRequestOptions } from '../../test-support/api-http.js';
import { busyboxArchive, rootlessAvailable, rootlessTarget, uniqueName } from '../../test-support/cli.js';

const HEX64 = /^[0-9a-f]{64}$/;
const q = (filters: object) => encodeURIComponent(JSON.stringify(filters));
const dockerUp = await apiRequest(DOCKER_SOCKET, 'GET', '/_ping').then((r) => r.status === 200, () => false);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stat = (r: ApiReply) => JSON.parse(Buffer.from(String(r.headers['x-docker-container-path-stat']), 'base64').toString('utf8'));

type Case = [method: string, path: string, opts?: ApiRequestOptions];

const services: Array<{ label: string; start: () => Promise<ApiService> }> = [{ label: 'root', start: startRootService }];
if (rootlessAvailable()) services.push({ label: 'rootless', start: () => startRootlessService(rootlessTarget()) });

/** A POST whose reply streams (wait): the response head and the whole body, separately. */
function postStream(socket: string, path: string): { head: Promise<IncomingMessage>; body: Promise<string>; close(): void } {
  const req = request({ socketPath: socket, method: 'POST', path });
  let resolveBody!: (s: string) => void;
  const body = new Promise<string>((r) => { resolveBody = r; });
  const head = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', (res) => {
      resolve(res);
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolveBody(text));
      res.on('close', () => resolveBody(text));
    });
    req.on('error', (e) => { reject(e); resolveBody(''); });
  });
  req.end();
  return { head, body, close: () => req.destroy() };
}

/** A tar built entry by entry (names and symlinks as given, `..` included). */
async function tarOf(entries: Array<{ name: string; body?: string; linkname?: string; type?: 'directory' }>): Promise<Buffer> {
  const p = pack();
  for (const e of entries) {
    if (e.linkname) p.entry({ name: e.name, type: 'symlink', linkname: e.linkname });
    else if (e.type === 'directory') p.entry({ name: e.name, type: 'directory', mode: 0o755 });
    else p.entry({ name: e.name, mode: 0o644 }, e.body ?? '');
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe.each(services)('containers over the API ($label)', ({ label, start }) => {
  const rootless = label === 'rootless';
  let svc: ApiService;
  const names: string[] = [];
  const dockerNames: string[] = [];
  const api = (method: string, path: string, opts?: ApiRequestOptions) => apiRequest(svc.socket, method, path, opts);
  const docker = (args: string[], opts: { input?: string } = {}) => execa('docker', args, { reject: false, env: svc.clientEnv, timeout: 60_000, input: opts.input });
  const named = (prefix: string) => { const n = uniqueName(prefix); names.push(n); return n; };
  const create = async (name: string, body: object = {}) => {
    const r = await api('POST', `/v1.41/containers/create?name=${name}`, { body: { Image: 'busybox', Cmd: ['sleep', '300'], ...body } });
    expect(r.status, r.text).toBe(201);
    return r.json<{ Id: string }>().Id;
  };
  const run = async (name: string, body: object = {}) => {
    const id = await create(name, body);
    expect((await api('POST', `/v1.41/containers/${name}/start`)).status).toBe(204);
    return id;
  };

  beforeAll(async () => {
    svc = await start();
    expect((await svc.cli.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => {
    if (names.length) await svc?.cli.run(['rm', '-f', ...names]);
    for (const n of dockerNames) await apiRequest(DOCKER_SOCKET, 'DELETE', `/containers/${n}?force=1`).catch(() => undefined);
    await svc?.stop();
  });

  it.runIf(dockerUp)('answers errors, 304s and bad input with the statuses and messages Docker gives', async () => {
    // The same two containers on both sides: one running, one never started.
    const [up, idle] = [named('cup'), named('cidle')];
    await run(up);
    await create(idle, { Cmd: ['true'] });
    for (const [n, start] of [[up, true], [idle, false]] as const) {
      dockerNames.push(n);
      const c = await apiRequest(DOCKER_SOCKET, 'POST', `/v1.41/containers/create?name=${n}`, { body: { Image: 'busybox', Cmd: start ? ['sleep', '300'] : ['true'] } });
      expect(c.status).toBe(201);
      if (start) expect((await apiRequest(DOCKER_SOCKET, 'POST', `/v1.41/containers/${n}/start`)).status).toBe(204);
    }
    const missing = uniqueName('nope');
    const json = { 'Content-Type': 'application/json' };
    const cases: Case[] = [
      ['GET', `/v1.41/containers/${missing}/json`], ['DELETE', `/v1.41/containers/${missing}`], ['POST', `/v1.41/containers/${missing}/kill`],
      ['POST', `/v1.41/containers/${missing}/start`], ['POST', `/v1.41/containers/${missing}/wait`], ['GET', `/v1.41/containers/${missing}/changes`],
      ['POST', `/v1.41/containers/${up}/start`], ['POST', `/v1.41/containers/${idle}/stop`],
      ['POST', `/v1.41/containers/${idle}/kill`], ['POST', `/v1.41/containers/${up}/kill?signal=BOGUS`], ['POST', `/v1.41/containers/${idle}/pause`],
      ['POST', `/v1.41/containers/${idle}/unpause`], ['GET', `/v1.41/containers/${idle}/top`], ['DELETE', `/v1.41/containers/${up}`],
      ['DELETE', `/v1.41/containers/${idle}?link=1`], ['POST', `/v1.41/containers/${up}/stop?t=abc`], ['POST', `/v1.41/containers/${up}/restart?t=x`],
      ['POST', `/v1.41/containers/${up}/rename`], ['POST', `/v1.41/containers/${up}/rename?name=${idle}`], ['POST', `/v1.41/containers/${up}/rename?name=${up}`],
      ['POST', `/v1.41/containers/${up}/rename?name=bad%20name`], ['POST', `/v1.41/containers/${idle}/start`, { body: { Binds: [] } }],
      ['GET', '/v1.41/containers/json?limit=abc'], ['GET', `/v1.41/containers/json?filters=${q({ bogus: ['x'] })}`],
      ['GET', `/v1.41/containers/json?filters=${q({ status: ['bogus'] })}`], ['GET', '/v1.41/containers/json?filters={"label":'],
      ['GET', '/v1.41/containers/json?filters=nope'], ['POST', '/v1.41/containers/prune?filters=nope'],
      ['POST', `/v1.41/containers/prune?filters=${q({ bogus: ['x'] })}`],
      ['GET', `/v1.41/containers/${idle}/stats?stream=1&one-shot=1`],
      ['POST', `/v1.41/containers/create?name=${idle}`, { body: { Image: 'busybox', Cmd: ['true'] } }],
      ['POST', '/v1.41/containers/create', { body: JSON.stringify({ Image: 'busybox' }), headers: { 'Content-Type': 'text/plain' } }],
      ['POST', '/v1.41/containers/create', { body: '{bad', headers: json }], ['POST', '/v1.41/containers/create', { headers: json }],
      ['POST', '/v1.41/containers/create', { body: {} }], ['POST', '/v1.41/containers/create', { body: [1] }],
      ['POST', '/v1.41/containers/create', { body: { Image: 'busybox', Env: 'A=1' } }],
      ['POST', '/v1.41/containers/create', { body: { Image: 'busybox', HostConfig: { Binds: 'x' } } }],
      ['POST', `/v1.41/containers/create?name=${uniqueName('nope')}`, { body: { Image: `${missing}-image` } }],
      ['POST', '/v1.41/containers/create?name=x%20y', { body: { Image: 'busybox' } }],
      ['POST', '/v1.41/containers/create?platform=linux/arm64', { body: { Image: 'busybox:latest' } }],
      ['POST', `/v1.41/containers/${idle}/update`, { body: { Memory: 'x' } }], ['POST', `/v1.41/containers/${idle}/update`, { headers: json }],
      ['POST', `/v1.41/containers/${idle}/update`, { body: { RestartPolicy: { Name: 'bogus' } } }],
      ['GET', `/v1.41/containers/${idle}/archive`], ['GET', `/v1.41/containers/${idle}/archive?path=/nonexist`],
      ['PUT', `/v1.41/containers/${idle}/archive?path=/etc/passwd`, { body: await tarOf([{ name: 'f' }]), headers: { 'Content-Type': 'application/x-tar' } }],
      ['PUT', `/v1.41/containers/${idle}/archive?path=/tmp`, { body: Buffer.alloc(700, 7), headers: { 'Content-Type': 'application/x-tar' } }],
    ];
    const norm = (r: { status: number; message: string }) => ({ ...r, message: r.message.trimEnd().replace(/[0-9a-f]{64}/g, '<id>') });
    for (const [method, path, opts] of cases) {
      const ours = norm(statusAndMessage(await api(method, path, opts)));
      const theirs = norm(statusAndMessage(await apiRequest(DOCKER_SOCKET, method, path, opts)));
      expect({ request: `${method} ${path}`, ...ours }).toEqual({ request: `${method} ${path}`, ...theirs });
    }
  });

  it('creates, starts, inspects, lists, stops and removes over raw HTTP', async () => {
    const name = named('life');
    // A 28.x CLI body: NetworkMode "default", EndpointsConfig.default, fields newer than 1.41; a StrSlice as one string.
    const r = await api('POST', `/v1.44/containers/create?name=${name}`, { body: {
      Image: 'busybox', Entrypoint: 'sleep', Cmd: ['300'], Labels: { life: name }, Bogus: 1,
      HostConfig: { NetworkMode: 'default', ConsoleSize: [0, 0], Unknown: true },
      NetworkingConfig: { EndpointsConfig: { default: { GwPriority: 0, DNSNames: null } } },
    } });
    expect(r.status, r.text).toBe(201);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.json()).toEqual({ Id: expect.stringMatching(HEX64), Warnings: [] });
    const id = r.json<{ Id: string }>().Id;
    expect((await api('POST', `/containers/${name}/start`)).status).toBe(204);
    expect((await api('POST', `/containers/${name}/start`)).status).toBe(304);

    const inspect = (await api('GET', `/v1.41/containers/${id.slice(0, 12)}/json?size=1`)).json<Record<string, any>>();
    expect(inspect).toMatchObject({ Id: id, Name: `/${name}`, Path: 'sleep', Args: ['300'], State: { Status: 'running', Running: true } });
    expect(inspect.Config).toMatchObject({ Entrypoint: ['sleep'], Cmd: ['300'] });
    expect(Object.keys(inspect).slice(0, 5)).toEqual(['Id', 'Created', 'Path', 'Args', 'State']);
    expect(inspect.SizeRootFs).toBeGreaterThan(0);

    const list = (await api('GET', `/v1.41/containers/json?size=1&filters=${q({ label: { [`life=${name}`]: true } })}`)).json<Array<Record<string, unknown>>>();
    expect(list).toHaveLength(1);
    expect(Object.keys(list[0]!)).toEqual(['Id', 'Names', 'Image', 'ImageID', 'Command', 'Created', 'Ports', 'SizeRootFs', 'Labels', 'State', 'Status', 'HostConfig', 'NetworkSettings', 'Mounts']);
    expect(list[0]).toMatchObject({ Names: [`/${name}`], Image: 'busybox', Command: 'sleep 300', State: 'running', Status: expect.stringMatching(/^Up /) });
    // The legacy list form of filters, limit, and all.
    expect((await api('GET', `/v1.41/containers/json?filters=${q({ name: [name] })}`)).json<unknown[]>()).toHaveLength(1);
    expect((await api('GET', '/v1.41/containers/json?all=1&limit=1')).json<unknown[]>()).toHaveLength(1);

    const top = (await api('GET', `/v1.41/containers/${name}/top?ps_args=-o%20pid,comm`)).json<{ Titles: string[]; Processes: string[][] }>();
    expect(Object.keys(top)).toEqual(['Processes', 'Titles']);
    expect(top.Titles).toEqual(['PID', 'COMMAND']);
    expect(top.Processes.map((p) => p[1])).toEqual(['sleep']);

    expect((await api('POST', `/v1.41/containers/${name}/stop?t=0`)).status).toBe(204);
    expect((await api('POST', `/v1.41/containers/${name}/stop`)).status).toBe(304);
    expect((await api('GET', `/v1.41/containers/${name}/json`)).json()).toMatchObject({ State: { Status: 'exited', ExitCode: 137 } });
    expect((await api('POST', `/v1.41/containers/${name}/restart?t=0`)).status).toBe(204);
    expect((await api('GET', `/v1.41/containers/${name}/json`)).json()).toMatchObject({ State: { Status: 'running' } });
    expect((await api('POST', `/v1.41/containers/${name}/kill?signal=KILL`)).status).toBe(204);
    const killed = await api('POST', `/v1.41/containers/${name}/kill`);
    expect(statusAndMessage(killed)).toEqual({ status: 409, message: `Cannot kill container: ${name}: Container ${id} is not running` });

    const renamed = named('renamed');
    expect((await api('POST', `/v1.41/containers/${name}/rename?name=${renamed}`)).status).toBe(204);
    expect((await api('GET', `/v1.41/containers/${name}/json`)).status).toBe(404);
    expect((await api('POST', `/v1.41/containers/${renamed}/update`, { body: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } } })).json())
      .toEqual({ Warnings: null });
    expect((await api('GET', `/v1.41/containers/${renamed}/json`)).json()).toMatchObject({ HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } } });
    expect((await api('DELETE', `/v1.41/containers/${renamed}?v=1`)).status).toBe(204);
    expect((await api('DELETE', `/v1.41/containers/${renamed}`)).status).toBe(404);
  });

  it('pauses and unpauses (cgroup freezer: root only), changes and export', async () => {
    const name = named('pause');
    await run(name, { Cmd: ['sh', '-c', 'echo x > /tmp/made; sleep 300'] });
    const paused = await api('POST', `/v1.41/containers/${name}/pause`);
    if (rootless) {
      expect(paused.status).toBe(501);
    } else {
      expect(paused.status).toBe(204);
      expect((await api('GET', `/v1.41/containers/json?filters=${q({ status: { paused: true }, name: { [name]: true } })}`)).json<unknown[]>()).toHaveLength(1);
      expect((await api('POST', `/v1.41/containers/${name}/unpause`)).status).toBe(204);
    }
    await expect.poll(async () => (await api('GET', `/v1.41/containers/${name}/changes`)).json(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([{ Path: '/tmp', Kind: 0 }, { Path: '/tmp/made', Kind: 1 }]));
    const idle = named('idle');
    await create(idle);
    expect((await api('GET', `/v1.41/containers/${idle}/changes`)).text).toBe('null\n');

    const exported = await api('GET', `/v1.41/containers/${name}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toBe('application/octet-stream');
    expect(exported.text).toContain('tmp/made');
  });

  it('waits: headers at once, the body at exit, with each condition', async () => {
    const name = named('wait');
    await create(name, { Cmd: ['sh', '-c', 'sleep 1; exit 3'] });
    const nextExit = postStream(svc.socket, `/v1.41/containers/${name}/wait?condition=next-exit`);
    const head = await nextExit.head;
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('application/json');
    const removed = postStream(svc.socket, `/v1.41/containers/${name}/wait?condition=removed`);
    expect((await api('POST', `/v1.41/containers/${name}/start`)).status).toBe(204);
    expect(await nextExit.body).toBe('{"Error":null,"StatusCode":3}\n');
    // not-running on an exited container answers at once.
    expect((await api('POST', `/v1.41/containers/${name}/wait`)).text).toBe('{"Error":null,"StatusCode":3}\n');
    expect((await api('DELETE', `/v1.41/containers/${name}`)).status).toBe(204);
    expect(await removed.body).toBe('{"Error":null,"StatusCode":3}\n');
  });

  it('stats: one document, one-shot, or one a second with the previous sample as precpu', async () => {
    const name = named('stats');
    const id = await run(name);
    const once = await api('GET', `/v1.41/containers/${name}/stats?stream=0`);
    if (rootless) {
      // skiff differs: cgroup v1 gives a rootless user no cgroup to read (Podman refuses the same way).
      expect(once.status).toBe(501);
      return;
    }
    expect(once.headers['content-type']).toBe('application/json');
    const doc = once.json<Record<string, any>>();
    expect(doc).toMatchObject({ name: `/${name}`, id, pids_stats: { current: 1 } });
    expect(doc.preread).not.toBe('0001-01-01T00:00:00Z');
    expect(doc.precpu_stats.cpu_usage.total_usage).toBeGreaterThan(0);
    const shot = (await api('GET', `/v1.41/containers/${name}/stats?stream=0&one-shot=1`)).json<Record<string, any>>();
    expect(shot.preread).toBe('0001-01-01T00:00:00Z');

    const stream = streamLines(svc.socket, `/v1.41/containers/${name}/stats`);
    const res = await stream.response;
    expect(res.headers['content-type']).toBeUndefined();
    await stream.waitFor(() => stream.lines.length >= 2, 10_000);
    const [a, b] = stream.lines.slice(0, 2).map((l) => JSON.parse(l) as Record<string, any>);
    expect(a!.preread).toBe('0001-01-01T00:00:00Z');
    expect(b!.preread).toBe(a!.read);
    expect(b!.precpu_stats).toEqual(a!.cpu_stats);
    // The stream ends when the container is removed.
    expect((await api('DELETE', `/v1.41/containers/${name}?force=1`)).status).toBe(204);
    await stream.ended;
  });

  it('archive: stat header, a tar of a path, extraction, and 404s', async () => {
    const name = named('arch');
    await run(name);
    const head = await api('HEAD', `/v1.41/containers/${name}/archive?path=/etc`);
    expect(head.status).toBe(200);
    expect(stat(head)).toEqual({ name: 'etc', size: expect.any(Number), mode: 2147484141, mtime: expect.any(String), linkTarget: '' });
    const tarBody = await tarOf([{ name: 'dir', type: 'directory' }, { name: 'dir/file.txt', body: 'in the box\n' }]);
    // The CLI sends the tar chunked as text/plain; the daemon does not mind.
    expect((await api('PUT', `/v1.41/containers/${name}/archive?path=/tmp&noOverwriteDirNonDir=true`, { body: tarBody, headers: { 'Content-Type': 'text/plain' } })).status).toBe(200);
    const got = await api('GET', `/v1.41/containers/${name}/archive?path=/tmp/dir/file.txt`);
    expect(got.headers['content-type']).toBe('application/x-tar');
    expect(stat(got)).toMatchObject({ name: 'file.txt', size: 11, mode: 0o644 });
    expect(got.text.slice(0, 8)).toBe('file.txt');
    expect(got.text).toContain('in the box\n');
    expect(statusAndMessage(await api('HEAD', `/v1.41/containers/${name}/archive?path=/tmp/none`))).toEqual({ status: 404, message: '' });
    expect(statusAndMessage(await api('GET', `/v1.41/containers/${name}/archive?path=/tmp/none`)))
      .toEqual({ status: 404, message: `Could not find the file /tmp/none in container ${name}` });
  });

  it('archive: `..`, symlinks and tar entries never read or write outside the container', async () => {
    const name = named('escape');
    await run(name, { Cmd: ['sleep', '300'] });
    const host = mkdtempSync(join(tmpdir(), 'skiff-escape-'));
    writeFileSync(join(host, 'secret'), 'host secret\n');
    const up = '../'.repeat(12);
    try {
      // A symlink inside the container that points "up and out" to the host directory.
      const link = await tarOf([{ name: 'out', linkname: `${up}${host.slice(1)}` }]);
      expect((await api('PUT', `/v1.41/containers/${name}/archive?path=/tmp`, { body: link })).status).toBe(200);
      for (const path of [`/${up}${host}/secret`, `${up}${host}/secret`, '/tmp/out/secret', `/tmp/${up}${host}/secret`]) {
        expect((await api('GET', `/v1.41/containers/${name}/archive?path=${encodeURIComponent(path)}`)).status, path).toBe(404);
        expect((await api('HEAD', `/v1.41/containers/${name}/archive?path=${encodeURIComponent(path)}`)).status, path).toBe(404);
      }
      // The symlink itself is addressed (not followed): its target is reported as the container resolves it.
      const linkStat = stat(await api('HEAD', `/v1.41/containers/${name}/archive?path=/tmp/out`));
      expect(linkStat).toMatchObject({ name: 'out', linkTarget: host });
      const file = await tarOf([{ name: 'pwned', body: 'x' }]);
      for (const path of ['/tmp/out', `${up}${host}`]) {
        expect((await api('PUT', `/v1.41/containers/${name}/archive?path=${encodeURIComponent(path)}`, { body: file })).status, path).toBe(404);
      }
      // Entries that climb out, and a symlink entry used as a directory by a later entry.
      const evil = await tarOf([
        { name: `${up}${host.slice(1)}/pwned-dotdot`, body: 'x' },
        { name: 'hop', linkname: host }, { name: 'hop/pwned-link', body: 'x' },
        { name: 'rel', linkname: `${up}${host.slice(1)}` }, { name: 'rel/pwned-rel', body: 'x' },
      ]);
      // As with Docker, the extraction succeeds and everything lands under the container's own root.
      expect((await api('PUT', `/v1.41/containers/${name}/archive?path=/tmp`, { body: evil })).status).toBe(200);
      for (const f of ['pwned-dotdot', 'pwned-link', 'pwned-rel']) {
        expect((await api('HEAD', `/v1.41/containers/${name}/archive?path=${encodeURIComponent(`${host}/${f}`)}`)).status, f).toBe(200);
      }
      expect(['pwned', 'pwned-dotdot', 'pwned-link', 'pwned-rel'].filter((f) => existsSync(join(host, f)))).toEqual([]);
      expect(readFileSync(join(host, 'secret'), 'utf8')).toBe('host secret\n');
    } finally {
      rmSync(host, { recursive: true, force: true });
    }
  });

  it('prunes stopped containers by label', async () => {
    const label = uniqueName('prune');
    const gone = named('pruned');
    await create(gone, { Labels: { [label]: '1' } });
    const kept = named('kept');
    await run(kept, { Labels: { [label]: '1' } });
    const r = await api('POST', `/v1.41/containers/prune?filters=${q({ label: [label] })}`);
    expect(r.json()).toEqual({ ContainersDeleted: [expect.stringMatching(HEX64)], SpaceReclaimed: expect.any(Number) });
    expect((await api('GET', `/v1.41/containers/${gone}/json`)).status).toBe(404);
    expect((await api('GET', `/v1.41/containers/${kept}/json`)).status).toBe(200);
    expect((await api('POST', `/v1.41/containers/prune?filters=${q({ label: { [label]: true } })}`)).json()).toEqual({ ContainersDeleted: null, SpaceReclaimed: 0 });
  });

  it('serves the docker 28 CLI: run, ps, inspect, lifecycle, top, diff, export, cp, update, wait, prune, stats', async () => {
    const name = named('cli');
    const ok = async (args: string[], opts?: { input?: string }) => {
      const r = await docker(args, opts);
      expect({ args, code: r.exitCode, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
      return r.stdout;
    };
    expect(await ok(['run', '-d', '--name', name, '--label', `cli=${name}`, 'busybox', 'sleep', '300'])).toMatch(HEX64);
    expect(await ok(['ps', '--filter', `label=cli=${name}`, '--format', '{{.Names}}|{{.Image}}|{{.Command}}|{{.Status}}'])).toMatch(new RegExp(`^${name}\\|busybox\\|"sleep 300"\\|Up `));
    expect(await ok(['inspect', '-f', '{{.Name}} {{.State.Status}} {{.Config.Labels.cli}}', name])).toBe(`/${name} running ${name}`);
    expect(await ok(['top', name])).toMatch(/^UID +PID +PPID .*\n.* sleep 300$/s);
    expect(await ok(['stop', '-t', '1', name])).toBe(name);
    expect(await ok(['start', name])).toBe(name);
    expect(await ok(['restart', '-t', '0', name])).toBe(name);
    expect(await ok(['kill', name])).toBe(name);
    const again = await docker(['kill', name]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`^Error response from daemon: Cannot kill container: ${name}: Container [0-9a-f]{64} is not running$`));
    expect(await ok(['wait', name])).toBe('137');
    expect(await ok(['start', name])).toBe(name);
    const renamed = named('cli-renamed');
    await ok(['rename', name, renamed]);

    const dir = mkdtempSync(join(tmpdir(), 'skiff-cp-'));
    try {
      writeFileSync(join(dir, 'up.txt'), 'uploaded\n');
      mkdirSync(join(dir, 'back'));
      await ok(['cp', join(dir, 'up.txt'), `${renamed}:/tmp/`]);
      await ok(['cp', `${renamed}:/tmp/up.txt`, join(dir, 'back')]);
      expect(readFileSync(join(dir, 'back', 'up.txt'), 'utf8')).toBe('uploaded\n');
      expect((await ok(['diff', renamed])).split('\n')).toEqual(expect.arrayContaining(['C /tmp', 'A /tmp/up.txt']));
      await ok(['export', '-o', join(dir, 'fs.tar'), renamed]);
      expect((await execa('tar', ['tf', join(dir, 'fs.tar')])).stdout.split('\n')).toContain('tmp/up.txt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const updated = await ok(['update', '--restart', 'on-failure:3', renamed]);
    expect(updated).toBe(renamed);
    expect(await ok(['inspect', '-f', '{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}', renamed])).toBe('on-failure:3');
    if (!rootless) {
      await ok(['pause', renamed]);
      expect(await ok(['ps', '--filter', `name=${renamed}`, '--format', '{{.Status}}'])).toMatch(/\(Paused\)$/);
      await ok(['unpause', renamed]);
      expect(await ok(['stats', '--no-stream', '--format', '{{.Name}} {{.PIDs}}', renamed])).toBe(`${renamed} 1`);
    }
    expect(await ok(['rm', '-f', renamed])).toBe(renamed);

    const label = uniqueName('cliprune');
    const stopped = named('cli-stopped');
    await ok(['create', '--name', stopped, '--label', label, 'busybox', 'true']);
    expect(await ok(['container', 'prune', '-f', '--filter', `label=${label}`])).toMatch(/^Deleted Containers:\n[0-9a-f]{64}\n\nTotal reclaimed space: /);
  });

  it('stays healthy when clients leave in the middle of stats and of a wait', async () => {
    const name = named('leave');
    await run(name);
    for (let i = 0; i < 3; i++) {
      const waiting = postStream(svc.socket, `/v1.41/containers/${name}/wait`);
      await waiting.head;
      waiting.close();
      const stats = streamLines(svc.socket, `/v1.41/containers/${name}/stats`);
      const res = await stats.response;
      if (res.statusCode === 200) await stats.waitFor(() => true, 10_000);
      stats.close();
      const exported = request({ socketPath: svc.socket, path: `/v1.41/containers/${name}/export` }, (r) => { r.once('data', () => r.destroy()); });
      exported.on('error', () => undefined);
      exported.end();
    }
    await sleep(1500);
    expect(await ping(svc.socket)).toBe(true);
    expect((await api('GET', `/v1.41/containers/${name}/json`)).json()).toMatchObject({ State: { Status: 'running' } });
    // The waits that were left are gone: a new one still answers when the container exits.
    const waiting = postStream(svc.socket, `/v1.41/containers/${name}/wait`);
    expect((await api('POST', `/v1.41/containers/${name}/kill`)).status).toBe(204);
    expect(await waiting.body).toBe('{"Error":null,"StatusCode":137}\n');
  });
});
