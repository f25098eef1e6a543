// The image and registry endpoints of `skiff system service`: raw HTTP (compared with Docker 20.10 where
// the request leaves Docker unchanged), the docker 28 CLI and docker-py through the socket, an htpasswd
// registry of the test's own for X-Registry-Auth and /auth, and the rootless service.
import { execa } from 'execa';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htpasswdLine, registryAvailable, startRegistry, type TestRegistry } from '../../../fixtures/images/test-registry.js';
import { apiRequest, DOCKER_SOCKET, statusAndMessage, type ApiReply } from '../../test-support/api-http.js';
import { startRootlessService, startRootService, type ApiService } from '../../test-support/api-service.js';
import { busyboxArchive, rootlessAvailable, rootlessTarget, uniqueName } from '../../test-support/cli.js';
import { dockerAvailable } from '../../test-support/paired.js';

const REGISTRY = process.env.SKIFF_CONFORMANCE_REGISTRY ?? '127.0.0.1:5000';
const BUSYBOX_ID = 'sha256:7cec26eab73baaa9aacade62fccba98389c4d31db1251504f4823e970ead576c';
const ready = registryAvailable() && dockerAvailable();
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const ANON = { 'X-Registry-Auth': 'e30=' };
/** A name no image has, on either side (requests that reach Docker never touch what others made). */
const NOPE = uniqueName('af-nope');

/** A tar upload. */
const upload = (socket: string, method: string, path: string, body: Buffer, headers: Record<string, string> = {}) =>
  apiRequest(socket, method, path, { body, headers: { 'Content-Type': 'application/x-tar', ...headers } });

/** The bytes of a GET (image save). */
function download(socket: string, path: string): Promise<{ status: number; type?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ socketPath: socket, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

const messages = (r: ApiReply) => r.text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

/** A small uncompressed tar with one file, made by tar(1). */
async function rootfsTar(): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-imgapi-'));
  writeFileSync(join(dir, 'hello.txt'), 'hello\n');
  return (await execa('tar', ['-C', dir, '-cf', '-', 'hello.txt'], { encoding: 'buffer' })).stdout as unknown as Buffer;
}

/** An HTTP server for the test: v1 search results and a tar to import by URL. */
async function startHelperServer(tar: Buffer): Promise<{ host: string; searches: string[]; close(): Promise<void> }> {
  const searches: string[] = [];
  const results = [
    { name: 'team/alpha', description: 'first', star_count: 42, is_official: false, is_automated: true },
    { name: 'library/beta', description: 'second', star_count: 7, is_official: true, is_automated: false },
  ];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/v1/_ping') return void res.writeHead(200).end('true');
    if (url.pathname === '/v1/search') {
      searches.push(url.search);
      const found = results.filter((r) => r.name.includes(url.searchParams.get('q') ?? '')).slice(0, Number(url.searchParams.get('n')));
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ num_results: found.length, query: url.searchParams.get('q'), results: found }));
    }
    if (url.pathname === '/rootfs.tar') return void res.writeHead(200, { 'content-length': tar.length }).end(tar);
    res.writeHead(404, 'Not Found').end('nothing here\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, searches, close: () => new Promise((r) => server.close(() => r())) };
}

describe.skipIf(!ready)('image API (root service)', () => {
  let svc: ApiService;
  let authReg: TestRegistry;
  let helper: Awaited<ReturnType<typeof startHelperServer>>;
  let tar: Buffer;
  const cfg = mkdtempSync(join(tmpdir(), 'skiff-imgapi-cfg-'));
  const api = (method: string, path: string, opts?: Parameters<typeof apiRequest>[3]) => apiRequest(svc.socket, method, path, opts);
  const dockerApi = (method: string, path: string, opts?: Parameters<typeof apiRequest>[3]) => apiRequest(DOCKER_SOCKET, method, path, opts);
  /** The docker 28 CLI against the service (or, with `real`, against Docker itself), with a private config dir. */
  const docker = async (args: string[], opts: { input?: string | Buffer; real?: boolean; env?: Record<string, string> } = {}) => {
    const host = opts.real ? `unix://${DOCKER_SOCKET}` : svc.clientEnv.DOCKER_HOST!;
    const r = await execa('docker', args, { reject: false, input: opts.input, env: { DOCKER_HOST: host, DOCKER_CONFIG: cfg, ...opts.env }, timeout: 120_000, stripFinalNewline: false });
    return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  const repo = (what: string) => `${REGISTRY}/skiff-it/${uniqueName(what)}`;

  beforeAll(async () => {
    [svc, authReg, tar] = await Promise.all([startRootService(), startRegistry({ htpasswd: await htpasswdLine('alice', 'secret') }), rootfsTar()]);
    helper = await startHelperServer(tar);
    expect((await svc.cli.run(['load', '-q', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => { await Promise.all([svc?.stop(), authReg?.stop(), helper?.close()]); });

  it('answers error requests with the status and message Docker 20.10 gives', async () => {
    const reqs: Array<[string, string, Record<string, string>?, string?]> = [
      ['GET', '/v1.41/images/json?filters={"bogus":["a"]}'], ['GET', '/v1.41/images/json?filters={"a":'],
      ['GET', '/v1.41/images/json?filters={"dangling":["maybe"]}'], ['GET', `/v1.41/images/json?filters={"before":["${NOPE}"]}`],
      ['GET', `/v1.41/images/${NOPE}/json`], ['GET', '/v1.41/images/Bad/json'], ['GET', `/v1.41/images/${NOPE}/history`],
      ['POST', '/v1.41/images/busybox/tag?repo=Bad&tag=x'], ['POST', `/v1.41/images/${NOPE}/tag?repo=good&tag=x`],
      ['POST', '/v1.41/images/busybox/tag?repo=af-x&tag=b@d'], ['POST', '/v1.41/images/busybox/tag'],
      ['POST', `/v1.41/images/busybox/tag?repo=af-x@sha256:${'a'.repeat(64)}`], ['POST', `/v1.41/images/busybox/tag?repo=sha256:${'a'.repeat(64)}`],
      ['DELETE', `/v1.41/images/${NOPE}`], ['DELETE', '/v1.41/images/Bad'],
      ['POST', '/v1.41/images/create'], ['POST', '/v1.41/images/create?fromImage=127.0.0.1:1/x&tag=v1'],
      ['POST', `/v1.41/images/create?fromImage=${REGISTRY}/skiff-it/af-missing&tag=none`], ['POST', '/v1.41/images/create?fromImage=Bad&tag=x'],
      ['POST', `/v1.41/images/create?fromImage=${REGISTRY}/x&tag=b@d`], ['POST', `/v1.41/images/create?fromImage=${REGISTRY}/skiff-it/af-missing&tag=v1`, { 'X-Registry-Auth': '!!!' }],
      ['POST', '/v1.41/images/create?fromSrc=-&repo=Bad'], ['POST', '/v1.41/images/create?fromSrc=-&changes=BOGUS%20x'],
      ['POST', `/v1.41/images/create?fromSrc=-&repo=x@sha256:${'a'.repeat(64)}`], ['POST', '/v1.41/images/create?fromSrc=-&repo=x&tag=b@d'],
      ['POST', '/v1.41/images/create?fromSrc=http://127.0.0.1:1/x.tar'],
      ['POST', `/v1.41/images/${NOPE}/push`], ['POST', `/v1.41/images/${NOPE}/push`, ANON], ['POST', '/v1.41/images/Bad/push?tag=v1', ANON],
      ['POST', '/v1.41/images/busybox/push?tag=b@d', ANON], ['POST', `/v1.41/images/${REGISTRY}/skiff-it/${NOPE}/push?tag=v1`, ANON],
      ['GET', `/v1.41/images/search?term=${REGISTRY}/busybox`], ['GET', '/v1.41/images/search?term=x&filters={"bogus":["a"]}'],
      ['GET', '/v1.41/images/search?term=x&limit=abc'], ['GET', `/v1.41/images/search?term=${REGISTRY}/x&limit=101`],
      ['GET', `/v1.41/images/search?term=${REGISTRY}/x&limit=0`], ['GET', '/v1.41/images/search?term=http://x/y'],
      ['GET', `/v1.41/images/get?names=${NOPE}`], ['GET', `/v1.41/images/${NOPE}/get`], ['GET', '/v1.41/images/Bad/get'],
      ['POST', '/v1.41/images/load?quiet=1', { 'Content-Type': 'application/x-tar' }, 'garbage'],
      ['POST', '/v1.41/images/prune?filters={"bogus":["a"]}'],
      ['POST', `/v1.41/commit?container=${NOPE}`], ['POST', '/v1.41/commit'],
      ['POST', `/v1.41/commit?container=${NOPE}`, { 'Content-Type': 'text/plain' }, 'x'],
      ['POST', '/v1.41/auth', { 'Content-Type': 'application/json' }], ['POST', '/v1.41/auth', { 'Content-Type': 'application/json' }, '{bad'],
      ['POST', '/v1.41/auth', { 'Content-Type': 'application/json' }, '{"username":"a","password":"b","serveraddress":"127.0.0.1:1"}'],
      ['GET', `/v1.41/distribution/${REGISTRY}/skiff-it/af-missing/json`], ['GET', '/v1.41/distribution/127.0.0.1:1/x/json'],
      ['GET', '/v1.41/distribution/Bad/json'], ['GET', `/v1.41/distribution/${BUSYBOX_ID.slice(7)}/json`],
    ];
    for (const [method, path, headers, body] of reqs) {
      const [s, d] = [await api(method, path, { headers, body }), await dockerApi(method, path, { headers, body })];
      const norm = (r: ApiReply) => ({ req: `${method} ${path}`, ...(r.headers['content-type'] === 'application/json' && r.text.startsWith('{"message"') ? statusAndMessage(r) : { status: r.status, body: r.text.replace(/\/[^ ]*docker-import-[^/]*\//, '<tmp>/') }) });
      expect(norm(s)).toEqual(norm(d));
    }
  });

  it('lists, inspects and shows history as Docker does; per-version fields and legacy filters', async () => {
    const list = await api('GET', '/v1.41/images/json');
    expect(list.status).toBe(200);
    const item = list.json<Array<Record<string, unknown>>>().find((i) => i.Id === BUSYBOX_ID)!;
    const real = (await dockerApi('GET', '/v1.41/images/json')).json<Array<Record<string, unknown>>>().find((i) => i.Id === BUSYBOX_ID)!;
    const { RepoTags: _a, RepoDigests: _b, ...same } = real;
    expect(item).toMatchObject({ ...same, Containers: -1, SharedSize: -1 });
    expect(Object.keys(item)).toEqual(Object.keys(real));
    expect(item.RepoTags).toContain('busybox:latest');
    expect(Object.keys((await api('GET', '/v1.44/images/json')).json<Array<object>>()[0]!)).not.toContain('VirtualSize');
    const ref = (await api('GET', '/v1.41/images/json?filters={"reference":{"busy*":true}}')).json<Array<{ RepoTags: string[] }>>();
    expect(ref.map((i) => i.RepoTags)).toEqual([['busybox:latest']]);
    expect((await api('GET', '/v1.40/images/json?filter=af-nope*')).json()).toEqual([]);
    expect((await api('GET', '/v1.41/images/json?filter=af-nope*')).json<unknown[]>().length).toBeGreaterThan(0);
    expect((await api('POST', '/v1.41/images/prune?filters={"label":["af-nomatch"]}')).text).toBe('{"ImagesDeleted":null,"SpaceReclaimed":0}\n');
    const inspect = async (sock: string, v: string) => (await apiRequest(sock, 'GET', `/${v}/images/busybox:latest/json`)).json<Record<string, unknown>>();
    const [si, di] = [await inspect(svc.socket, 'v1.41'), await inspect(DOCKER_SOCKET, 'v1.41')];
    for (const k of ['Id', 'Parent', 'Comment', 'Created', 'Container', 'ContainerConfig', 'DockerVersion', 'Author', 'Config', 'Architecture', 'Os', 'Size', 'VirtualSize', 'RootFS']) expect({ k, v: si[k] }).toEqual({ k, v: di[k] });
    expect(Object.keys(await inspect(svc.socket, 'v1.44'))).not.toContain('VirtualSize');
    const strip = (r: ApiReply) => r.json<Array<Record<string, unknown>>>().map(({ Tags: _t, ...h }) => h);
    expect(strip(await api('GET', '/v1.41/images/busybox:latest/history'))).toEqual(strip(await dockerApi('GET', '/v1.41/images/busybox:latest/history')));
  });

  it('tags and removes images: 201, Untagged/Deleted lists, 409 conflicts in Docker\'s words', async () => {
    const name = uniqueName('af-tag');
    expect((await api('POST', `/v1.41/images/busybox/tag?repo=${name}&tag=v1`)).status).toBe(201);
    expect((await api('POST', `/v1.41/images/busybox/tag?repo=${name}:ignored&tag=v2`)).status).toBe(201);
    expect((await api('GET', `/v1.41/images/${name}:v2/json`)).json<{ Id: string }>().Id).toBe(BUSYBOX_ID);
    expect(statusAndMessage(await api('DELETE', `/v1.41/images/${BUSYBOX_ID.slice(7, 19)}`))).toEqual({
      status: 409, message: `conflict: unable to delete ${BUSYBOX_ID.slice(7, 19)} (must be forced) - image is referenced in multiple repositories`,
    });
    const del = await api('DELETE', `/v1.41/images/${name}:v1`);
    expect({ status: del.status, body: del.json() }).toEqual({ status: 200, body: [{ Untagged: `${name}:v1` }] });
    // A container using the image: untagging its only name is refused unless forced.
    const solo = (await svc.cli.run(['import', '-', `${name}:solo`], { input: tar })).stdout.trim();
    const c = uniqueName('af-c');
    expect((await svc.cli.run(['create', '--name', c, `${name}:solo`, 'true'])).code).toBe(0);
    const refused = statusAndMessage(await api('DELETE', `/v1.41/images/${name}:solo`));
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(new RegExp(`^conflict: unable to remove repository reference "${name}:solo" \\(must force\\) - container [0-9a-f]{12} is using its referenced image ${solo.slice(7, 19)}$`));
    await svc.cli.run(['rm', '-f', c]);
    expect((await api('DELETE', `/v1.41/images/${name}:solo`)).json()).toEqual([{ Untagged: `${name}:solo` }, { Deleted: solo }, { Deleted: expect.stringMatching(/^sha256:/) }]);
    await api('DELETE', `/v1.41/images/${name}:v2`);
  });

  it('pulls with the JSON progress stream of §1.5; errors before streaming are plain HTTP errors', async () => {
    const r = repo('pull');
    expect((await svc.cli.run(['tag', 'busybox', `${r}:v1`])).code).toBe(0);
    expect((await svc.cli.run(['tag', 'busybox', `${r}:v2`])).code).toBe(0);
    expect((await svc.cli.run(['push', '-q', '--all-tags', r])).code).toBe(0);
    // Drop the image entirely so the layer is downloaded again (busybox:latest comes back below).
    await svc.cli.run(['rmi', '-f', BUSYBOX_ID]);
    const first = await api('POST', `/v1.41/images/create?fromImage=${encodeURIComponent(r)}&tag=v1`, { headers: ANON });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['transfer-encoding']).toBe('chunked');
    const ms = messages(first);
    expect(ms[0]).toEqual({ status: `Pulling from skiff-it/${r.split('/skiff-it/')[1]}`, id: 'v1' });
    const layer = ms.find((m) => m.status === 'Pulling fs layer')!;
    expect(layer).toEqual({ status: 'Pulling fs layer', progressDetail: {}, id: expect.stringMatching(/^[0-9a-f]{12}$/) });
    const dl = ms.find((m) => m.status === 'Downloading')!;
    expect(dl).toMatchObject({ progressDetail: { current: expect.any(Number), total: expect.any(Number) }, id: layer.id });
    expect(Object.keys(dl)).toEqual(['status', 'progressDetail', 'progress', 'id']);
    expect(dl.progress).toMatch(/^\[=*>\s*\] +[\d.]+[kM]?B\/[\d.]+[kM]?B$/);
    expect(first.text).toContain('\\u003e'); // Go's encoder escapes '>' in the bar
    expect(first.text.split('\r\n').slice(0, -1).every((l) => !l.includes('\n'))).toBe(true); // streamformatter ends lines in \r\n
    expect(ms).toContainEqual({ status: 'Pull complete', progressDetail: {}, id: layer.id });
    expect(ms.slice(-2)).toEqual([{ status: expect.stringMatching(/^Digest: sha256:[0-9a-f]{64}$/) }, { status: `Status: Downloaded newer image for ${r}:v1` }]);
    const again = messages(await api('POST', `/v1.41/images/create?fromImage=${encodeURIComponent(r)}&tag=v1`, { headers: ANON }));
    expect(again.map((m) => m.status)).toEqual([`Pulling from skiff-it/${r.split('/skiff-it/')[1]}`, expect.stringMatching(/^Digest:/), `Status: Image is up to date for ${r}:v1`]);
    // No tag: every tag of the repository (what `docker pull -a` asks).
    const all = messages(await api('POST', `/v1.41/images/create?fromImage=${encodeURIComponent(r)}`, { headers: ANON }));
    expect(all.filter((m) => String(m.status).startsWith('Pulling from')).map((m) => m.id)).toEqual(['v1', 'v2']);
    expect(all.at(-1)).toEqual({ status: `Status: Downloaded newer image for ${r}` });
    // By digest in `tag`.
    const digest = String(ms.at(-2)!.status).slice('Digest: '.length);
    const byDigest = await api('POST', `/v1.41/images/create?fromImage=${encodeURIComponent(r)}&tag=${digest}`, { headers: ANON });
    expect(messages(byDigest)[0]).toEqual({ status: `Pulling from skiff-it/${r.split('/skiff-it/')[1]}`, id: `${r}@${digest}` });
    expect((await api('GET', `/v1.41/images/${r}@${digest}/json`)).json<{ Id: string }>().Id).toBe(BUSYBOX_ID);
    await svc.cli.run(['tag', `${r}:v1`, 'busybox:latest']);
    await svc.cli.run(['rmi', `${r}:v1`, `${r}:v2`, `${r}@${digest}`]);
  });

  it('pushes with the final aux {Tag,Digest,Size}; without X-Registry-Auth the body is the auth config', async () => {
    const r = repo('push');
    await svc.cli.run(['tag', 'busybox', `${r}:p1`]);
    const push = await api('POST', `/v1.41/images/${r}/push?tag=p1`, { headers: ANON });
    expect(push.status).toBe(200);
    const ms = messages(push);
    expect(ms[0]).toEqual({ status: `The push refers to repository [${r}]` });
    expect(ms[1]).toEqual({ status: 'Preparing', progressDetail: {}, id: 'ad5cd5992b87' });
    const [line, aux] = ms.slice(-2);
    expect(line!.status).toMatch(new RegExp(`^p1: digest: sha256:[0-9a-f]{64} size: 527$`));
    expect(aux).toEqual({ progressDetail: {}, aux: { Tag: 'p1', Digest: String(line!.status).split(' ')[2], Size: 527 } });
    // The old form: an AuthConfig body instead of the header.
    const viaBody = await api('POST', `/v1.41/images/${r}:p1/push`, { body: {} });
    expect(messages(viaBody).at(-1)).toEqual({ progressDetail: {}, aux: { Tag: 'p1', Digest: aux!.aux && (aux!.aux as { Digest: string }).Digest, Size: 527 } });
    await svc.cli.run(['rmi', `${r}:p1`]);
  });

  it('uses X-Registry-Auth (base64url) as the credentials of a pull, push and distribution inspect; /auth validates like docker login', async () => {
    const r = `${authReg.host}/alice/${uniqueName('auth')}`;
    const good = { 'X-Registry-Auth': b64url({ username: 'alice', password: 'secret', serveraddress: authReg.host }) };
    const bad = { 'X-Registry-Auth': b64url({ username: 'alice', password: 'wrong', serveraddress: authReg.host }) };
    await svc.cli.run(['tag', 'busybox', `${r}:v1`]);
    const anonPush = messages(await api('POST', `/v1.41/images/${r}/push?tag=v1`, { headers: ANON }));
    expect(anonPush.at(-1)).toEqual({ errorDetail: { message: 'no basic auth credentials' }, error: 'no basic auth credentials' });
    expect(messages(await api('POST', `/v1.41/images/${r}/push?tag=v1`, { headers: good })).at(-1)).toMatchObject({ aux: { Tag: 'v1', Size: 527 } });
    await svc.cli.run(['rmi', `${r}:v1`]);
    const path = `/v1.41/images/create?fromImage=${encodeURIComponent(r)}&tag=v1`;
    expect(statusAndMessage(await api('POST', path, { headers: ANON }))).toEqual({ status: 500, message: `Head "${authReg.base}/v2/${r.slice(authReg.host.length + 1)}/manifests/v1": no basic auth credentials` });
    expect(statusAndMessage(await api('POST', path, { headers: bad }))).toEqual({ status: 500, message: 'unauthorized: authentication required' });
    expect(messages(await api('POST', path, { headers: good })).at(-1)).toEqual({ status: `Status: Downloaded newer image for ${r}:v1` });
    const dist = `/v1.41/distribution/${r}:v1/json`;
    expect(statusAndMessage(await api('GET', dist, { headers: bad }))).toEqual({ status: 401, message: 'unauthorized: authentication required' });
    expect((await api('GET', dist)).status).toBe(500);
    expect((await api('GET', dist, { headers: good })).json()).toEqual({
      Descriptor: { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', digest: expect.stringMatching(/^sha256:/), size: 527 },
      Platforms: [{ architecture: 'amd64', os: 'linux' }],
    });
    const login = (password: string) => api('POST', '/v1.41/auth', { body: { username: 'alice', password, serveraddress: authReg.host } });
    const ok = await login('secret');
    expect({ status: ok.status, text: ok.text }).toEqual({ status: 200, text: '{"IdentityToken":"","Status":"Login Succeeded"}\n' });
    // docker parity: 20.10 answers a Basic registry's refusal with 500, not 401 (observed)
    expect(statusAndMessage(await login('wrong'))).toEqual({ status: 500, message: `login attempt to ${authReg.base}/v2/ failed with status: 401 Unauthorized` });
    await svc.cli.run(['rmi', `${r}:v1`]);
  });

  it('distribution inspect of a pushed image equals Docker\'s', async () => {
    const r = repo('dist');
    await svc.cli.run(['tag', 'busybox', `${r}:d1`]);
    await svc.cli.run(['push', '-q', `${r}:d1`]);
    for (const ref of [`${r}:d1`, `${r}:nope`]) {
      const [s, d] = [await api('GET', `/v1.41/distribution/${ref}/json`), await dockerApi('GET', `/v1.41/distribution/${ref}/json`)];
      expect({ status: s.status, body: s.json() }).toEqual({ status: d.status, body: d.json() });
    }
    await svc.cli.run(['rmi', `${r}:d1`]);
  });

  it('searches a v1 search index: the results array, filters and limit', async () => {
    const res = await api('GET', `/v1.41/images/search?term=${helper.host}/a&limit=5`);
    expect(res.text).toBe('[{"star_count":42,"is_official":false,"name":"team/alpha","is_automated":true,"description":"first"},{"star_count":7,"is_official":true,"name":"library/beta","is_automated":false,"description":"second"}]\n');
    expect(helper.searches).toContain('?q=a&n=5');
    expect((await api('GET', `/v1.41/images/search?term=${helper.host}/a&filters={"is-official":["true"]}`)).json()).toEqual([expect.objectContaining({ name: 'library/beta' })]);
    expect((await api('GET', `/v1.41/images/search?term=${helper.host}/a&filters={"stars":["10"]}`)).json()).toEqual([expect.objectContaining({ name: 'team/alpha' })]);
    expect((await api('GET', `/v1.41/images/search?term=${helper.host}/zzz`)).json()).toEqual([]);
  });

  it('saves and loads: tar out, JSON stream in (quiet and not), errors in-band', async () => {
    const saved = await download(svc.socket, '/v1.41/images/get?names=busybox:latest');
    expect({ status: saved.status, type: saved.type }).toEqual({ status: 200, type: 'application/x-tar' });
    const one = await download(svc.socket, '/v1.41/images/busybox:latest/get');
    expect(one.body.equals(saved.body)).toBe(true);
    const name = uniqueName('af-load');
    await svc.cli.run(['tag', 'busybox', `${name}:1`]);
    const withTag = await download(svc.socket, `/v1.41/images/get?names=${name}:1`);
    await api('DELETE', `/v1.41/images/${name}:1`);
    const loaded = await upload(svc.socket, 'POST', '/v1.41/images/load?quiet=1', withTag.body);
    expect({ status: loaded.status, type: loaded.headers['content-type'], text: loaded.text }).toEqual({ status: 200, type: 'application/json', text: `{"stream":"Loaded image: ${name}:1\\n"}\r\n` });
    // quiet=0 shows a "Loading layer" line per new layer: remove the image first (the load restores busybox:latest).
    await svc.cli.run(['rmi', '-f', BUSYBOX_ID]);
    const verbose = messages(await upload(svc.socket, 'POST', '/v1.41/images/load?quiet=0', saved.body));
    expect(verbose).toEqual([
      { status: 'Loading layer', progressDetail: { current: expect.any(Number), total: expect.any(Number) }, progress: expect.stringContaining('[='), id: 'ad5cd5992b87' },
      { stream: 'Loaded image: busybox:latest\n' },
    ]);
    expect((await api('GET', '/v1.41/images/busybox:latest/json')).json<{ Id: string }>().Id).toBe(BUSYBOX_ID);
  });

  it('imports from the body and from a URL, with repo, tag, message and changes', async () => {
    const name = uniqueName('af-imp');
    const res = await upload(svc.socket, 'POST', `/v1.41/images/create?fromSrc=-&repo=${name}&tag=t1&message=hi%20there&changes=${encodeURIComponent('CMD ["/hello.txt"]')}&changes=${encodeURIComponent('ENV A=1')}`, tar);
    expect(res.status, res.text).toBe(200);
    const [done] = messages(res);
    expect(done).toEqual({ status: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    const doc = (await api('GET', `/v1.41/images/${name}:t1/json`)).json<{ Id: string; Comment: string; Config: { Cmd: string[]; Env: string[] } }>();
    expect(doc).toMatchObject({ Id: done!.status, Comment: 'hi there', Config: { Cmd: ['/hello.txt'], Env: ['A=1'] } });
    const fromUrl = messages(await api('POST', `/v1.41/images/create?fromSrc=${helper.host}/rootfs.tar&repo=${name}:t2`));
    expect(fromUrl[0]).toEqual({ status: `Downloading from http://${helper.host}/rootfs.tar` });
    expect(fromUrl.at(-2)).toEqual({ status: 'Importing', progressDetail: { current: tar.length, total: tar.length }, progress: expect.any(String) });
    expect(fromUrl.at(-1)).toEqual({ status: expect.stringMatching(/^sha256:/) });
    expect((await api('GET', `/v1.41/images/${name}:t2/json`)).json<{ Comment: string }>().Comment).toBe(`Imported from http://${helper.host}/rootfs.tar`);
    expect(statusAndMessage(await api('POST', `/v1.41/images/create?fromSrc=http://${helper.host}/missing.tar`))).toEqual({
      status: 404, message: `failed to GET http://${helper.host}/missing.tar with status 404 Not Found: nothing here`,
    });
    await api('DELETE', `/v1.41/images/${name}:t1`);
    await api('DELETE', `/v1.41/images/${name}:t2`);
  });

  it('commits a container: query options, a Config body, 201 {Id}', async () => {
    const c = uniqueName('af-commit');
    expect((await svc.cli.run(['run', '--name', c, 'busybox', 'sh', '-c', 'echo hello > /greeting'])).code).toBe(0);
    const res = await api('POST', `/v1.41/commit?container=${c}&repo=${c}&tag=v1&comment=msg&author=me&pause=0&changes=${encodeURIComponent('ENV B=2')}`, { body: { Cmd: ['cat', '/greeting'], Labels: { x: 'y' } } });
    expect(res.status).toBe(201);
    const id = res.json<{ Id: string }>().Id;
    expect(res.text).toBe(`{"Id":"${id}"}\n`);
    const doc = (await api('GET', `/v1.41/images/${c}:v1/json`)).json<{ Id: string; Comment: string; Author: string; Parent: string; Config: { Cmd: string[]; Labels: object; Env: string[] } }>();
    expect(doc).toMatchObject({ Id: id, Comment: 'msg', Author: 'me', Parent: BUSYBOX_ID, Config: { Cmd: ['cat', '/greeting'], Labels: { x: 'y' } } });
    expect(doc.Config.Env).toContain('B=2');
    expect((await svc.cli.run(['run', '--rm', `${c}:v1`])).stdout).toBe('hello\n');
    const plain = await api('POST', `/v1.41/commit?container=${c}`);
    expect(plain.status).toBe(201);
    expect((await api('GET', `/v1.41/images/${plain.json<{ Id: string }>().Id}/json`)).json<{ RepoTags: string[]; Config: { Cmd: string[] } }>()).toMatchObject({ RepoTags: [], Config: { Cmd: ['sh', '-c', 'echo hello > /greeting'] } });
    expect(statusAndMessage(await api('POST', `/v1.41/commit?container=${c}&repo=Bad`))).toEqual({ status: 500, message: 'invalid reference format: repository name must be lowercase' });
    await svc.cli.run(['rm', '-f', c]);
    await svc.cli.run(['rmi', `${c}:v1`, plain.json<{ Id: string }>().Id]);
  });

  it('POST /build is a clear 501, and docker build says so and fails', async () => {
    expect(statusAndMessage(await upload(svc.socket, 'POST', '/v1.41/build?t=x', tar))).toEqual({ status: 501, message: 'skiff: image build is not implemented yet' });
    const ctxDir = mkdtempSync(join(tmpdir(), 'skiff-imgapi-build-'));
    writeFileSync(join(ctxDir, 'Dockerfile'), 'FROM busybox\nRUN true\n');
    const r = await docker(['build', '-q', ctxDir]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Error response from daemon: skiff: image build is not implemented yet');
  });

  it('docker 28 CLI: images, history, inspect, tag, rmi and errors read as they do against Docker', async () => {
    const same = [
      ['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}} {{.CreatedSince}}', 'busybox'],
      ['images', '-q', 'busybox'], ['images', '--filter', 'reference=busybox', '--format', 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}'],
      ['images', '--filter', 'bogus=1'], ['images', '--filter', 'dangling=maybe'],
      ['history', 'busybox'], ['history', '--no-trunc', '--format', '{{.ID}} {{.CreatedBy}} {{.Size}}', 'busybox'],
      ['image', 'inspect', '--format', '{{.Id}} {{.Config.Cmd}} {{.Os}} {{.RootFS.Layers}}', 'busybox'],
      ['image', 'inspect', NOPE], ['rmi', NOPE], ['tag', NOPE, 'x'], ['tag', 'busybox', 'Bad'],
      ['pull', `${REGISTRY}/skiff-it/af-missing:v1`], ['pull', '127.0.0.1:1/x'], ['push', `${REGISTRY}/skiff-it/af-nothere:v1`],
      ['search', `${REGISTRY}/x`], ['search', `${helper.host}/a`], ['login', '-u', 'alice', '-p', 'wrong', authReg.host],
      ['commit', NOPE],
    ];
    for (const args of same) {
      const [s, d] = [await docker(args), await docker(args, { real: true })];
      expect({ args, ...s }).toEqual({ args, ...d });
    }
    const lines = (await docker(['images', '--digests'])).stdout.split('\n');
    expect(lines[0]).toMatch(/^REPOSITORY\s+TAG\s+DIGEST\s+IMAGE ID\s+CREATED\s+SIZE$/);
    expect(lines.find((l) => l.startsWith('busybox '))).toMatch(/^busybox\s+latest\s+<none>\s+7cec26eab73b\s+\S+ years ago\s+1\.98MB$/);
    const name = uniqueName('af-cli');
    expect(await docker(['tag', 'busybox', `${name}:1`])).toMatchObject({ code: 0, stdout: '' });
    expect((await docker(['images', '-q', name])).stdout).toBe('7cec26eab73b\n');
    expect(await docker(['rmi', `${name}:1`])).toEqual({ code: 0, stdout: `Untagged: ${name}:1\n`, stderr: '' });
  });

  it('docker 28 CLI: pull (quiet, plain, TTY), push, save | load, import, commit, login/logout', async () => {
    const r = repo('cli');
    await docker(['tag', 'busybox', `${r}:c1`]);
    const push = await docker(['push', `${r}:c1`]);
    expect(push.code).toBe(0);
    expect(push.stdout).toMatch(new RegExp(`^The push refers to repository \\[${r.replace(/[.]/g, '\\.')}\\]\nad5cd5992b87: Preparing\nad5cd5992b87: (Pushed|Mounted from \\S+|Layer already exists)\nc1: digest: sha256:[0-9a-f]{64} size: 527\n$`));
    expect(await docker(['push', '-q', `${r}:c1`])).toEqual({ code: 0, stdout: `${r}:c1\n`, stderr: '' });
    expect(await docker(['pull', '-q', `${r}:c1`])).toEqual({ code: 0, stdout: `${r}:c1\n`, stderr: '' });
    const plain = await docker(['pull', `${r}:c1`]);
    expect(plain.stdout).toBe(`c1: Pulling from skiff-it/${r.split('/skiff-it/')[1]}\nDigest: ${/Digest: (\S+)/.exec(plain.stdout)![1]}\nStatus: Image is up to date for ${r}:c1\n${r}:c1\n`);
    // On a terminal the per-layer line is redrawn in place (cursor up, erase line).
    await docker(['rmi', '-f', BUSYBOX_ID]);
    const tty = await execa('script', ['-qec', `docker pull ${r}:c1`, '/dev/null'], { env: { DOCKER_HOST: svc.clientEnv.DOCKER_HOST!, DOCKER_CONFIG: cfg }, reject: false });
    expect(tty.exitCode).toBe(0);
    expect(tty.stdout).toMatch(/\x1b\[1A\x1b\[2K\r[0-9a-f]{12}: Downloading +[\d.]+[kM]?B\/[\d.]+[kM]?B\r\x1b\[1B/);
    expect(tty.stdout).toMatch(/[0-9a-f]{12}: Pull complete/);
    expect(tty.stdout).toContain(`Status: Downloaded newer image for ${r}:c1`);
    await docker(['tag', `${r}:c1`, 'busybox:latest']);
    // save | load, and a file round trip.
    const saved = await execa('docker', ['save', `${r}:c1`], { env: { DOCKER_HOST: svc.clientEnv.DOCKER_HOST!, DOCKER_CONFIG: cfg }, encoding: 'buffer' });
    await docker(['rmi', `${r}:c1`]);
    expect(await docker(['load'], { input: saved.stdout as unknown as Buffer })).toEqual({ code: 0, stdout: `Loaded image: ${r}:c1\n`, stderr: '' });
    // import from stdin with a change and a message.
    const imp = await docker(['import', '-c', 'CMD ["/hello.txt"]', '-m', 'from cli', '-', `${r}:imp`], { input: tar });
    expect(imp).toEqual({ code: 0, stdout: expect.stringMatching(/^sha256:[0-9a-f]{64}\n$/), stderr: '' });
    expect((await docker(['image', 'inspect', '-f', '{{.Comment}} {{.Config.Cmd}}', `${r}:imp`])).stdout).toBe('from cli [/hello.txt]\n');
    expect((await docker(['history', '--format', '{{.Comment}}', `${r}:imp`])).stdout).toBe('from cli\n');
    // commit a container made by the CLI on the same storage.
    const c = uniqueName('af-cc');
    await svc.cli.run(['run', '--name', c, 'busybox', 'sh', '-c', 'echo x > /f']);
    const commit = await docker(['commit', '-c', 'ENV C=3', '-m', 'cm', '-a', 'au', c, `${r}:commit`]);
    expect(commit).toEqual({ code: 0, stdout: expect.stringMatching(/^sha256:[0-9a-f]{64}\n$/), stderr: '' });
    expect((await docker(['image', 'inspect', '-f', '{{.Comment}} {{.Author}} {{index .Config.Env 1}}', `${r}:commit`])).stdout).toBe('cm au C=3\n');
    await svc.cli.run(['rm', '-f', c]);
    // image prune removes what is dangling: the first import once its tag moved on.
    await docker(['import', '-', `${r}:imp`], { input: tar });
    const prune = await docker(['image', 'prune', '-f']);
    expect(prune.stdout).toMatch(/^Deleted Images:\n(deleted: sha256:[0-9a-f]{64}\n)+\nTotal reclaimed space: \S+\n$/);
    expect(prune.stdout).toContain(`deleted: ${imp.stdout.trim()}`);
    // login/logout against the auth registry; the credentials then travel as X-Registry-Auth.
    const ar = `${authReg.host}/alice/${uniqueName('cli')}:v1`;
    expect(await docker(['login', '-u', 'alice', '--password-stdin', authReg.host], { input: 'secret\n' })).toMatchObject({ code: 0, stdout: 'Login Succeeded\n' });
    await docker(['tag', 'busybox', ar]);
    expect((await docker(['push', '-q', ar])).stdout).toBe(`${ar}\n`);
    await docker(['rmi', ar]);
    expect((await docker(['pull', '-q', ar])).stdout).toBe(`${ar}\n`);
    expect(await docker(['logout', authReg.host])).toEqual({ code: 0, stdout: `Removing login credentials for ${authReg.host}\n`, stderr: '' });
    expect(await docker(['pull', ar])).toMatchObject({ code: 1, stderr: expect.stringContaining('no basic auth credentials') });
    await docker(['rmi', ar, `${r}:c1`, `${r}:imp`, `${r}:commit`]);
  });

  // python3 on PATH has pip's docker 7.1.0 (negotiates 1.44); Debian's python3-docker 5.0.3 is asked for 1.41.
  it.each([['python3', 'auto'], ['/usr/bin/python3', '1.41']])('docker-py (%s, API %s): pull, list, tag, push', async (python, api) => {
    const version = await execa(python, ['-c', 'import docker; print(docker.__version__)'], { reject: false });
    if (version.exitCode !== 0) return; // that interpreter has no docker module
    const r = repo('py');
    const script = `
import docker, json, sys
c = docker.DockerClient(base_url="unix://${svc.socket}", version="${api}")
img = c.images.pull("${REGISTRY}/skiff-it/af-py-src", tag="v1")
out = {"pulled": img.id, "api": c.api.api_version}
out["listed"] = any("${REGISTRY}/skiff-it/af-py-src:v1" in i.tags for i in c.images.list())
out["tagged"] = c.images.get("busybox").tag("${r}", "t1")
out["push"] = [m for m in c.images.push("${r}", tag="t1", stream=True, decode=True)][-1]
try:
    c.images.get("af-nope")
except docker.errors.ImageNotFound as e:
    out["notfound"] = e.explanation
c.images.remove("${r}:t1")
print(json.dumps(out))
`;
    await svc.cli.run(['tag', 'busybox', `${REGISTRY}/skiff-it/af-py-src:v1`]);
    await svc.cli.run(['push', '-q', `${REGISTRY}/skiff-it/af-py-src:v1`]);
    await svc.cli.run(['rmi', `${REGISTRY}/skiff-it/af-py-src:v1`]);
    const res = await execa(python, ['-W', 'ignore', '-c', script], { reject: false });
    expect({ code: res.exitCode, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    const out = JSON.parse(String(res.stdout)) as Record<string, unknown>;
    expect(out).toMatchObject({
      pulled: BUSYBOX_ID, listed: true, tagged: true,
      push: { progressDetail: {}, aux: { Tag: 't1', Digest: expect.stringMatching(/^sha256:/), Size: 527 } },
      notfound: 'no such image: af-nope: No such image: af-nope:latest',
    });
    expect(out.api).toBe(api === 'auto' ? '1.44' : api);
    console.log(`docker-py ${String(version.stdout).trim()} (${python}) spoke API ${String(out.api)}`);
    await svc.cli.run(['rmi', `${REGISTRY}/skiff-it/af-py-src:v1`]);
  });
});

describe.skipIf(!registryAvailable() || !rootlessAvailable())('image API (rootless service)', () => {
  let svc: ApiService;
  beforeAll(async () => {
    svc = await startRootlessService(rootlessTarget());
    expect((await svc.cli.run(['load', '-q', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => { await svc?.stop(); });

  it('pulls, pushes and lists through the docker CLI and raw HTTP', async () => {
    const env = { DOCKER_HOST: svc.clientEnv.DOCKER_HOST!, DOCKER_CONFIG: mkdtempSync(join(tmpdir(), 'skiff-imgapi-cfg-')) };
    const docker = async (args: string[]) => {
      const r = await execa('docker', args, { reject: false, env, timeout: 120_000 });
      return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
    };
    const r = `${REGISTRY}/skiff-it/${uniqueName('rl')}`;
    expect(await docker(['tag', 'busybox', `${r}:v1`])).toMatchObject({ code: 0 });
    const push = await docker(['push', `${r}:v1`]);
    expect(push).toMatchObject({ code: 0, stdout: expect.stringMatching(/v1: digest: sha256:[0-9a-f]{64} size: 527$/) });
    expect(await docker(['rmi', `${r}:v1`])).toMatchObject({ code: 0 });
    expect(await docker(['pull', '-q', `${r}:v1`])).toEqual({ code: 0, stdout: `${r}:v1`, stderr: '' });
    expect((await docker(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}', r])).stdout).toBe(`${r}:v1 7cec26eab73b`);
    const raw = await apiRequest(svc.socket, 'POST', `/v1.41/images/create?fromImage=${encodeURIComponent(r)}&tag=v1`, { headers: ANON });
    expect(messages(raw).at(-1)).toEqual({ status: `Status: Image is up to date for ${r}:v1` });
    const listed = (await apiRequest(svc.socket, 'GET', `/v1.41/images/json?filters={"reference":["${r}"]}`)).json<Array<{ Id: string; RepoTags: string[] }>>();
    expect(listed).toEqual([expect.objectContaining({ Id: BUSYBOX_ID, RepoTags: [`${r}:v1`] })]);
    expect(await docker(['rmi', `${r}:v1`])).toMatchObject({ code: 0 });
  });
});
