// Networks, volumes, /system/df, /events and the groups skiff does not have (swarm, plugins, BuildKit)
// over the API socket, root and rootless: raw HTTP replies compared with Docker's for the same requests,
// then the docker 28 CLI through DOCKER_HOST for the commands that use these endpoints.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRootService, startRootlessService, type ApiService } from '../../test-support/api-service.js';
import { apiRequest, DOCKER_SOCKET, statusAndMessage, streamLines, type ApiRequestOptions } from '../../test-support/api-http.js';
import { busyboxArchive, rootlessAvailable, rootlessTarget, uniqueName } from '../../test-support/cli.js';

const HEX64 = /^[0-9a-f]{64}$/;
const q = (filters: object) => encodeURIComponent(JSON.stringify(filters));
const dockerUp = await apiRequest(DOCKER_SOCKET, 'GET', '/_ping').then((r) => r.status === 200, () => false);

type Case = [method: string, path: string, opts?: ApiRequestOptions];

const services: Array<{ label: string; start: () => Promise<ApiService> }> = [{ label: 'root', start: startRootService }];
if (rootlessAvailable()) services.push({ label: 'rootless', start: () => startRootlessService(rootlessTarget()) });

describe.each(services)('objects over the API ($label)', ({ start }) => {
  let svc: ApiService;
  const cleanup: Array<() => Promise<unknown>> = [];
  const api = (method: string, path: string, opts?: ApiRequestOptions) => apiRequest(svc.socket, method, path, opts);
  const docker = (args: string[], env: Record<string, string> = svc.clientEnv) => execa('docker', args, { reject: false, env, timeout: 60_000 });
  const skiff = async (args: string[]) => { const r = await svc.cli.run(args); expect(r.stderr).toBe(''); expect(r.code).toBe(0); return r.stdout.trim(); };

  /** Each request gets the same status and error message from skiff as from Docker (trailing blanks aside). */
  async function sameAsDocker(cases: Case[]): Promise<void> {
    const norm = (r: { status: number; message: string }) => ({ ...r, message: r.message.trimEnd() });
    for (const [method, path, opts] of cases) {
      const ours = norm(statusAndMessage(await api(method, path, opts)));
      const theirs = norm(statusAndMessage(await apiRequest(DOCKER_SOCKET, method, path, opts)));
      expect({ request: `${method} ${path}`, ...ours }).toEqual({ request: `${method} ${path}`, ...theirs });
    }
  }

  beforeAll(async () => {
    svc = await start();
    expect((await svc.cli.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f().catch(() => undefined);
    await svc?.stop();
  });

  const container = async () => {
    const name = uniqueName('obj');
    await skiff(['create', '--name', name, 'busybox', 'true']);
    cleanup.push(() => svc.cli.run(['rm', '-f', '-v', name]));
    return name;
  };

  describe('networks', () => {
    it.runIf(dockerUp)('answers bad requests as Docker does', async () => {
      const missing = uniqueName('nonet');
      const json = { 'Content-Type': 'application/json' };
      await sameAsDocker([
        ['GET', `/v1.41/networks?filters=${q({ bogus: ['x'] })}`],
        ['GET', `/v1.41/networks/?filters=${q({ type: ['nope'] })}`],
        ['GET', '/v1.41/networks/bridge?verbose=maybe'],
        ['GET', `/v1.41/networks/${missing}`],
        ['GET', '/v1.41/networks/bridge?scope=swarm'],
        ['DELETE', '/v1.41/networks/bridge'], ['DELETE', '/v1.41/networks/host'], ['DELETE', '/v1.41/networks/none'],
        ['DELETE', `/v1.41/networks/${missing}`],
        ['POST', '/v1.41/networks/create'],
        ['POST', '/v1.41/networks/create', { body: {} }],
        ['POST', '/v1.41/networks/create', { body: { Name: 'bridge' } }],
        ['POST', '/v1.41/networks/create', { body: { Name: 'host', Driver: 'host' } }],
        ['POST', '/v1.41/networks/create', { body: JSON.stringify({ Name: missing }), headers: { 'Content-Type': 'text/plain' } }],
        ['POST', '/v1.41/networks/create', { body: '{"Name":', headers: json }],
        ['POST', '/v1.41/networks/create', { body: { Name: 1 } }],
        ['POST', '/v1.41/networks/create', { body: [] }],
        ['POST', '/v1.41/networks/bridge/connect', { body: { Container: missing } }],
        ['POST', `/v1.41/networks/${missing}/connect`, { body: { Container: missing } }],
        ['POST', '/v1.41/networks/bridge/connect'],
        ['POST', '/v1.41/networks/bridge/connect', { body: {} }],
        ['POST', '/v1.41/networks/bridge/connect', { body: { Container: 1 } }],
        ['POST', '/v1.41/networks/bridge/disconnect', { body: { Container: missing } }],
        ['POST', `/v1.41/networks/prune?filters=${q({ bogus: ['x'] })}`],
      ]);
    });

    it('creates, lists, inspects, connects, disconnects, removes and prunes', async () => {
      const net = uniqueName('net');
      const label = uniqueName('lbl');
      const created = await api('POST', '/v1.41/networks/create', { body: { Name: net, CheckDuplicate: true, Labels: { [label]: 'x' } } });
      expect(created.status).toBe(201);
      const { Id: id, Warning } = created.json<{ Id: string; Warning: string }>();
      expect(id).toMatch(HEX64);
      expect(Warning).toBe('');
      cleanup.push(() => api('DELETE', `/networks/${id}`));
      expect(statusAndMessage(await api('POST', '/networks/create', { body: { Name: net } }))).toEqual({ status: 409, message: `network with name ${net} already exists` });

      const listed = await api('GET', `/networks?filters=${q({ label: { [label]: true } })}`);
      expect(listed.status).toBe(200);
      expect(listed.json<Array<{ Name: string }>>().map((n) => n.Name)).toEqual([net]);
      for (const ref of [net, id, id.slice(0, 12)]) {
        const r = await api('GET', `/v1.41/networks/${ref}?verbose=true&scope=local`);
        expect(r.status).toBe(200);
        expect(r.json()).toMatchObject({ Name: net, Id: id, Driver: 'bridge', Scope: 'local', Internal: false, Labels: { [label]: 'x' }, Containers: {} });
      }

      const ctr = await container();
      const connect = await api('POST', `/v1.41/networks/${net}/connect`, { body: { Container: ctr, EndpointConfig: { Aliases: ['web'] } } });
      expect([connect.status, connect.text]).toEqual([200, '']);
      const inspected = (await api('GET', `/v1.41/containers/${ctr}/json`)).json<{ Id: string; NetworkSettings: { Networks: Record<string, { Aliases: string[] }> } }>();
      expect(Object.keys(inspected.NetworkSettings.Networks)).toContain(net);
      const disconnect = await api('POST', `/v1.41/networks/${net}/disconnect`, { body: { Container: ctr, Force: false } });
      expect([disconnect.status, disconnect.text]).toEqual([200, '']);
      expect(statusAndMessage(await api('POST', `/v1.41/networks/${net}/disconnect`, { body: { Container: ctr } })))
        .toEqual({ status: 500, message: `container ${inspected.Id} is not connected to the network ${net}` });

      const removed = await api('DELETE', `/v1.41/networks/${id.slice(0, 12)}`);
      expect([removed.status, removed.text]).toEqual([204, '']);
      expect((await api('DELETE', `/v1.41/networks/${net}`)).status).toBe(404);

      const [p1, p2] = [uniqueName('pnet'), uniqueName('pnet')];
      for (const n of [p1, p2]) expect((await api('POST', '/networks/create', { body: { Name: n, Labels: { [label]: 'p' } } })).status).toBe(201);
      const pruned = await api('POST', `/v1.41/networks/prune?filters=${q({ label: [`${label}=p`] })}`);
      expect(pruned.status).toBe(200);
      expect(pruned.json<{ NetworksDeleted: string[] }>().NetworksDeleted.sort()).toEqual([p1, p2].sort());
      expect((await api('POST', `/v1.41/networks/prune?filters=${q({ label: [label] })}`)).json()).toEqual({ NetworksDeleted: null });
    });
  });

  describe('volumes', () => {
    it.runIf(dockerUp)('answers bad requests as Docker does', async () => {
      const missing = uniqueName('novol');
      await sameAsDocker([
        ['GET', `/v1.41/volumes?filters=${q({ bogus: ['x'] })}`],
        ['GET', `/v1.41/volumes?filters=${q({ dangling: ['x'] })}`],
        ['POST', '/v1.41/volumes/create'],
        ['POST', '/v1.41/volumes/create', { body: { Name: 'has space' } }],
        ['POST', '/v1.41/volumes/create', { body: JSON.stringify({ Name: missing }), headers: { 'Content-Type': 'text/plain' } }],
        ['POST', '/v1.41/volumes/create', { body: '{"Name":', headers: { 'Content-Type': 'application/json' } }],
        ['POST', '/v1.41/volumes/create', { body: { Name: 1 } }],
        ['POST', '/v1.41/volumes/create', { body: { Labels: { a: 1 } } }],
        ['GET', `/v1.41/volumes/${missing}`],
        ['DELETE', `/v1.41/volumes/${missing}`],
        ['DELETE', `/v1.41/volumes/${missing}?force=1`],
        ['POST', `/v1.41/volumes/prune?filters=${q({ all: ['true'] })}`],
        ['POST', `/v1.41/volumes/prune?filters=${q({ bogus: ['x'] })}`],
      ]);
      // Docker spends 15 s looking for a volume plugin before it gives this answer.
      expect(statusAndMessage(await api('POST', '/v1.41/volumes/create', { body: { Name: missing, Driver: 'nope' } })))
        .toEqual({ status: 404, message: `create ${missing}: error looking up volume plugin nope: plugin "nope" not found` });
    });

    it('creates, lists, inspects, refuses removing one in use, and removes', async () => {
      const vol = uniqueName('vol');
      const label = uniqueName('lbl');
      const created = await api('POST', '/v1.41/volumes/create', { body: { Name: vol, Labels: { [label]: 'x' } } });
      expect(created.status).toBe(201);
      cleanup.push(() => api('DELETE', `/volumes/${vol}?force=1`));
      const body = created.json<Record<string, unknown>>();
      expect(Object.keys(body)).toEqual(['CreatedAt', 'Driver', 'Labels', 'Mountpoint', 'Name', 'Options', 'Scope']);
      expect(body).toMatchObject({ Driver: 'local', Labels: { [label]: 'x' }, Name: vol, Options: null, Scope: 'local' });
      expect(body.CreatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(body.Mountpoint).toMatch(new RegExp(`/${vol}/_data$`));
      // Creating it again returns the same volume.
      expect((await api('POST', '/v1.41/volumes/create', { body: { Name: vol } })).json()).toEqual(body);

      const listed = await api('GET', `/v1.41/volumes?filters=${q({ label: { [label]: true } })}`);
      expect(listed.json()).toEqual({ Volumes: [body], Warnings: null });
      expect((await api('GET', `/v1.41/volumes/${vol}`)).json()).toEqual(body);

      const ctr = uniqueName('obj');
      const id = await skiff(['create', '--name', ctr, '-v', `${vol}:/data`, 'busybox', 'true']);
      cleanup.push(() => svc.cli.run(['rm', '-f', ctr]));
      const inUse = { status: 409, message: `remove ${vol}: volume is in use - [${id}]` };
      expect(statusAndMessage(await api('DELETE', `/v1.41/volumes/${vol}`))).toEqual(inUse);
      expect(statusAndMessage(await api('DELETE', `/v1.41/volumes/${vol}?force=1`))).toEqual(inUse);
      await skiff(['rm', ctr]);
      const removed = await api('DELETE', `/v1.41/volumes/${vol}`);
      expect([removed.status, removed.text]).toEqual([204, '']);
    });

    it('prunes every unused volume up to API 1.41, only anonymous ones from 1.42 unless all=true', async () => {
      const label = uniqueName('lbl');
      const make = async (name?: string) => {
        const r = await api('POST', '/volumes/create', { body: { ...(name ? { Name: name } : {}), Labels: { [label]: '' } } });
        expect(r.status).toBe(201);
        const n = r.json<{ Name: string }>().Name;
        cleanup.push(() => api('DELETE', `/volumes/${n}?force=1`));
        return n;
      };
      const prune = async (version: string, filters: object) => {
        const r = await api('POST', `/v${version}/volumes/prune?filters=${q(filters)}`);
        expect(r.status).toBe(200);
        return r.json<{ VolumesDeleted: string[]; SpaceReclaimed: number }>().VolumesDeleted.sort();
      };
      const named = await make(uniqueName('vol'));
      const anon = await make();
      expect(anon).toMatch(HEX64);
      expect(await prune('1.44', { label: [label] })).toEqual([anon]);
      expect(await prune('1.44', { label: [label] })).toEqual([]);
      expect(await prune('1.44', { label: [label], all: ['true'] })).toEqual([named]);

      const [n2, a2] = [await make(uniqueName('vol')), await make()];
      expect(await prune('1.41', { label: [label] })).toEqual([n2, a2].sort());

      expect(statusAndMessage(await api('POST', `/v1.44/volumes/prune?filters=${q({ all: ['x'] })}`)))
        .toEqual({ status: 400, message: 'invalid filter \'all\': strconv.ParseBool: parsing "x": invalid syntax' });
      expect(statusAndMessage(await api('POST', `/v1.44/volumes/prune?filters=${q({ all: ['1', '0'] })}`)))
        .toEqual({ status: 400, message: 'invalid filter \'all=[1 0]\': only one value is expected' });
    });
  });

  describe('system df', () => {
    it('has Docker\'s shape and counts the objects', async () => {
      const vol = uniqueName('vol');
      const ctr = uniqueName('obj');
      await skiff(['create', '--name', ctr, '-v', `${vol}:/data`, 'busybox', 'true']);
      cleanup.push(() => svc.cli.run(['volume', 'rm', '-f', vol]), () => svc.cli.run(['rm', '-f', ctr]));
      const r = await api('GET', '/v1.41/system/df');
      expect(r.status).toBe(200);
      type Df = { LayersSize: number; Images: Array<Record<string, unknown>>; Containers: Array<Record<string, unknown>>; Volumes: Array<Record<string, unknown>>; BuildCache: null };
      const df = r.json<Df>();
      expect(Object.keys(df)).toEqual(['LayersSize', 'Images', 'Containers', 'Volumes', 'BuildCache', 'BuilderSize']);
      expect(df.BuildCache).toBeNull();
      expect(df.LayersSize).toBeGreaterThan(0);
      const image = df.Images.find((i) => (i.RepoTags as string[] | null)?.includes('busybox:latest'))!;
      expect(image).toMatchObject({ Containers: expect.any(Number), SharedSize: expect.any(Number), VirtualSize: image.Size });
      expect(image.Containers as number).toBeGreaterThanOrEqual(1);
      const c = df.Containers.find((x) => (x.Names as string[])[0] === `/${ctr}`)!;
      expect(c).toMatchObject({ Image: 'busybox', State: 'created', SizeRootFs: expect.any(Number) });
      const v = df.Volumes.find((x) => x.Name === vol)!;
      expect(v).toMatchObject({ Driver: 'local', Scope: 'local', UsageData: { RefCount: 1, Size: expect.any(Number) } });
      if (dockerUp) {
        const theirs = (await apiRequest(DOCKER_SOCKET, 'GET', '/v1.41/system/df')).json<Df>();
        expect(Object.keys(df)).toEqual(Object.keys(theirs));
        if (theirs.Images.length) expect(Object.keys(image).sort()).toEqual(Object.keys(theirs.Images[0]!).sort());
      }

      const typed = (await api('GET', '/v1.44/system/df?type=volume')).json<Record<string, unknown>>();
      expect(typed).toMatchObject({ Images: null, Containers: null, BuildCache: null });
      expect(typed.Volumes).toEqual(expect.arrayContaining([expect.objectContaining({ Name: vol })]));
      expect(typed).not.toHaveProperty('BuilderSize');
      expect((await api('GET', '/v1.44/system/df?type=image')).json<{ Images: Array<Record<string, unknown>> }>().Images[0]).not.toHaveProperty('VirtualSize');
      expect(statusAndMessage(await api('GET', '/v1.44/system/df?type=bogus'))).toEqual({ status: 400, message: 'unknown object type: bogus' });
    });
  });

  describe('events', () => {
    it.runIf(dockerUp)('answers bad bounds as Docker does', async () => {
      await sameAsDocker([
        ['GET', '/v1.41/events?since=abc'],
        ['GET', '/v1.41/events?since=2020-01-01T00:00:00Z&until=1'],
        ['GET', '/v1.41/events?since=10&until=5'],
      ]);
      expect((await api('GET', '/v1.41/events?until=1&filters=nope')).status).toBe(500);
    });

    it('streams at once, sends new events as they happen, and stops when the client leaves', async () => {
      const name = uniqueName('ev');
      const stream = streamLines(svc.socket, `/v1.41/events?filters=${q({ type: ['container'], container: [name] })}`);
      const res = await stream.response;
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(stream.lines).toEqual([]);
      await skiff(['create', '--name', name, 'busybox', 'true']);
      cleanup.push(() => svc.cli.run(['rm', '-f', name]));
      const line = JSON.parse(await stream.waitFor((l) => l.includes('"Action":"create"')));
      expect(line).toMatchObject({ status: 'create', id: expect.stringMatching(HEX64), from: 'busybox', Type: 'container', Action: 'create', scope: 'local' });
      expect(line.Actor.Attributes).toMatchObject({ image: 'busybox', name });
      stream.close();
      expect((await api('GET', '/_ping')).text).toBe('OK');
    });

    it('replays a past window and ends the reply at `until`', async () => {
      const t0 = Math.floor(Date.now() / 1000) - 1;
      const vol = uniqueName('vol');
      expect((await api('POST', '/volumes/create', { body: { Name: vol } })).status).toBe(201);
      expect((await api('DELETE', `/volumes/${vol}`)).status).toBe(204);
      const t1 = Math.floor(Date.now() / 1000) + 1;
      const stream = streamLines(svc.socket, `/v1.41/events?since=${t0}&until=${t1}&filters=${q({ volume: [vol] })}`);
      await stream.ended;
      const events = stream.lines.map((l) => JSON.parse(l) as { Type: string; Action: string; Actor: { ID: string } });
      expect(events.map((e) => `${e.Type} ${e.Action} ${e.Actor.ID}`)).toEqual([`volume create ${vol}`, `volume destroy ${vol}`]);
    });
  });

  describe('groups skiff does not have', () => {
    it.runIf(dockerUp)('swarm and plugin routes answer as on a Docker node outside any swarm, without plugins', async () => {
      const empty = { body: {} };
      await sameAsDocker([
        ['POST', '/v1.41/swarm/leave'], ['GET', '/v1.41/swarm'], ['GET', '/swarm'], ['GET', '/v1.41/swarm/unlockkey'],
        ['POST', '/v1.41/swarm/update'], ['POST', '/v1.41/swarm/update', empty], ['POST', '/v1.41/swarm/unlock', empty],
        ['PUT', '/v1.41/swarm'],
        ['GET', '/v1.41/services'], ['GET', '/services/x'], ['POST', '/v1.41/services/create', empty],
        ['POST', '/v1.41/services/x/update?version=abc', empty], ['DELETE', '/v1.41/services/x'],
        ['GET', '/v1.41/services/x/logs'], ['GET', '/v1.41/services/x/logs?stdout=1'],
        ['GET', '/v1.41/nodes'], ['GET', '/v1.41/nodes/x'], ['DELETE', '/nodes/x'], ['POST', '/v1.41/nodes/x/update?version=1', empty],
        ['GET', '/v1.41/tasks'], ['GET', '/v1.41/tasks/x'], ['GET', '/v1.41/tasks/x/logs?stderr=1'],
        ['GET', '/v1.41/secrets'], ['POST', '/v1.41/secrets/create', empty], ['GET', '/v1.41/secrets/x'], ['POST', '/v1.41/secrets/x/update', empty],
        ['GET', '/v1.41/configs'], ['POST', '/configs/create', empty], ['DELETE', '/v1.41/configs/x'], ['POST', '/v1.41/configs/x/update?version=', empty],
        ['GET', '/v1.41/plugins/x/json'], ['GET', '/v1.41/plugins/a/b:c/json'], ['DELETE', '/v1.41/plugins/x'],
      ]);
      const plugins = await api('GET', '/v1.41/plugins');
      expect([plugins.status, plugins.json()]).toEqual([200, []]);
    });

    it('refuses swarm init and BuildKit sessions clearly', async () => {
      expect(statusAndMessage(await api('POST', '/v1.41/swarm/init', { body: {} }))).toEqual({ status: 503, message: 'skiff does not support swarm mode' });
      for (const path of ['/session', '/v1.41/grpc']) {
        const r = statusAndMessage(await api('POST', path));
        expect(r.status).toBe(501);
        expect(r.message).toMatch(/^skiff does not support BuildKit.*DOCKER_BUILDKIT=0/);
      }
    });
  });

  describe('the docker 28 CLI through DOCKER_HOST', () => {
    const ok = async (args: string[]) => { const r = await docker(args); expect(r.stderr).toBe(''); expect(r.exitCode).toBe(0); return r.stdout; };

    it('network create, ls, inspect, connect, disconnect, rm, prune', async () => {
      const [net, pnet, label] = [uniqueName('net'), uniqueName('pnet'), uniqueName('lbl')];
      cleanup.push(() => docker(['network', 'rm', net, pnet]));
      expect(await ok(['network', 'create', '--label', label, net])).toMatch(/^[0-9a-f]{64}$/);
      expect(await ok(['network', 'ls', '--filter', `label=${label}`, '--format', '{{.Name}} {{.Driver}} {{.Scope}}'])).toBe(`${net} bridge local`);
      expect(await ok(['network', 'inspect', net, '--format', '{{.Name}} {{.Driver}} {{.Internal}} {{len .Containers}}'])).toBe(`${net} bridge false 0`);
      const ctr = await container();
      await ok(['network', 'connect', '--alias', 'web', net, ctr]);
      // Docker adds the short id to the aliases on a user-defined network.
      const short = (await ok(['inspect', ctr, '--format', '{{.Id}}'])).slice(0, 12);
      expect(await ok(['inspect', ctr, '--format', `{{(index .NetworkSettings.Networks "${net}").Aliases}}`])).toBe(`[web ${short}]`);
      await ok(['network', 'disconnect', net, ctr]);
      expect(await ok(['network', 'rm', net])).toBe(net);
      await ok(['network', 'create', '--label', label, pnet]);
      expect(await ok(['network', 'prune', '-f', '--filter', `label=${label}`])).toBe(`Deleted Networks:\n${pnet}\n`);
    });

    it('volume create, ls, inspect, rm, prune (anonymous only unless --all, as API 1.44 has it)', async () => {
      const [vol, label] = [uniqueName('vol'), uniqueName('lbl')];
      expect(await ok(['volume', 'create', '--label', label, vol])).toBe(vol);
      cleanup.push(() => docker(['volume', 'rm', '-f', vol]));
      expect(await ok(['volume', 'ls', '--filter', `label=${label}`, '--format', '{{.Driver}} {{.Name}}'])).toBe(`local ${vol}`);
      expect(await ok(['volume', 'inspect', vol, '--format', '{{.Name}} {{.Driver}} {{.Scope}}'])).toBe(`${vol} local local`);
      expect(await ok(['volume', 'rm', vol])).toBe(vol);
      const anon = await ok(['volume', 'create', '--label', label]);
      await ok(['volume', 'create', '--label', label, vol]);
      expect(await ok(['volume', 'prune', '-f', '--filter', `label=${label}`])).toMatch(new RegExp(`^Deleted Volumes:\n${anon}\n\nTotal reclaimed space: \\d`));
      expect(await ok(['volume', 'prune', '-a', '-f', '--filter', `label=${label}`])).toMatch(new RegExp(`^Deleted Volumes:\n${vol}\n\nTotal reclaimed space: `));
    });

    it('system df, events with --since/--until/--filter, info, version', async () => {
      const df = await ok(['system', 'df', '--format', '{{.Type}}']);
      expect(df.split('\n')).toEqual(['Images', 'Containers', 'Local Volumes', 'Build Cache']);
      expect(await ok(['system', 'df'])).toMatch(/^TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE\nImages\s+\d+/);

      const since = new Date(Date.now() - 1000).toISOString();
      const ctr = await container();
      const until = new Date(Date.now() + 1000).toISOString();
      const events = await ok(['events', '--since', since, '--until', until, '--filter', `container=${ctr}`, '--filter', 'event=create',
        '--format', '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}']);
      expect(events).toBe(`container create ${ctr}`);

      expect(await ok(['info', '--format', '{{.OSType}} {{.Swarm.LocalNodeState}}'])).toBe('linux inactive');
      // Rootless, the CLI warns about the cgroup limits it cannot set (as with a rootless Docker).
      const info = await docker(['info']);
      expect(info.exitCode).toBe(0);
      expect(info.stdout).toContain('Server Version:');
      expect(info.stderr.split('\n').filter((l) => l && !l.startsWith('WARNING: No '))).toEqual([]);
      expect(await ok(['version', '--format', '{{.Server.APIVersion}} {{.Server.MinAPIVersion}}'])).toBe('1.44 1.24');
    });

    it.runIf(dockerUp)('errors read as they do against Docker', async () => {
      const missing = uniqueName('missing');
      for (const args of [['inspect', missing], ['network', 'inspect', missing], ['network', 'rm', 'bridge'], ['volume', 'inspect', missing], ['volume', 'rm', missing]]) {
        const ours = await docker(args);
        const theirs = await docker(args, { DOCKER_HOST: `unix://${DOCKER_SOCKET}` });
        expect({ args, code: ours.exitCode, stdout: ours.stdout, stderr: ours.stderr }).toEqual({ args, code: theirs.exitCode, stdout: theirs.stdout, stderr: theirs.stderr });
      }
      const r = await docker(['inspect', missing]);
      expect([r.exitCode, r.stdout, r.stderr]).toEqual([1, '[]', `Error: No such object: ${missing}`]);
    });
  });
});
