// Exec over the API, root and rootless: create/start/inspect/resize with raw HTTP (exact hijack bytes,
// stdcopy frames, half-close, exit codes through /exec/{id}/json, errors inside the stream as dockerd
// writes them), then the docker 28 CLI's `exec` through DOCKER_HOST, and clients that go away mid-stream.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, DOCKER_SOCKET } from '../../test-support/api-http.js';
import { startRootService, startRootlessService, type ApiService } from '../../test-support/api-service.js';
import { busyboxArchive, rootlessAvailable, rootlessTarget, uniqueName } from '../../test-support/cli.js';
import { hijackRequest, parseFrames, streamText } from '../../test-support/hijack-client.js';

const services: Array<{ label: string; start: () => Promise<ApiService> }> = [{ label: 'root', start: startRootService }];
if (rootlessAvailable()) services.push({ label: 'rootless', start: () => startRootlessService(rootlessTarget()) });
const dockerUp = await apiRequest(DOCKER_SOCKET, 'GET', '/_ping').then((r) => r.status === 200, () => false);

const START_BODY = '{"Detach":false,"Tty":false}';

describe.each(services)('exec over the API ($label)', ({ start }) => {
  let svc: ApiService;
  let box: string;
  let boxId: string;
  const api = (method: string, path: string, body?: unknown) => apiRequest(svc.socket, method, path, { body });
  const createExec = async (body: object, container = box) => {
    const r = await api('POST', `/v1.41/containers/${container}/exec`, body);
    expect(r.status).toBe(201);
    return r.json<{ Id: string }>().Id;
  };
  const inspect = async (id: string) => (await api('GET', `/v1.41/exec/${id}/json`)).json<Record<string, unknown>>();
  const startExec = (id: string, opts: { stdin?: string; halfClose?: boolean; version?: string; body?: string } = {}) =>
    hijackRequest(svc.socket, { path: `/${opts.version ?? 'v1.41'}/exec/${id}/start`, body: opts.body ?? START_BODY, stdin: opts.stdin, halfClose: opts.halfClose });
  const docker = (args: string[], input?: string) => execa('docker', args, { env: svc.clientEnv, reject: false, input, timeout: 60_000 });

  beforeAll(async () => {
    svc = await start();
    expect((await svc.cli.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
    box = uniqueName('exec');
    const r = await svc.cli.run(['run', '-d', '--name', box, 'busybox', 'sleep', '600']);
    expect(r.code).toBe(0);
    boxId = r.stdout.trim();
  });
  afterAll(async () => {
    await svc?.cli.run(['rm', '-f', box]);
    await svc?.stop();
  });

  it('creates, starts over a hijacked connection with the exact 101 head, frames the streams and records the exit code', async () => {
    const id = await createExec({ AttachStdout: true, AttachStderr: true, Cmd: ['sh', '-c', 'echo out; echo err >&2; exit 3'] });
    expect(await inspect(id)).toEqual({
      ID: id, Running: false, ExitCode: null, ProcessConfig: { tty: false, entrypoint: 'sh', arguments: ['-c', 'echo out; echo err >&2; exit 3'], privileged: false },
      OpenStdin: false, OpenStderr: true, OpenStdout: true, CanRemove: false, ContainerID: boxId, DetachKeys: '', Pid: 0,
    });
    expect((await api('GET', `/v1.41/containers/${box}/json`)).json<{ ExecIDs: string[] }>().ExecIDs).toContain(id);
    const reply = await startExec(id).reply;
    expect(reply.head).toMatch(/^HTTP\/1\.1 101 UPGRADED\r\nContent-Type: application\/vnd\.docker\.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nApi-Version: [\d.]+\r\nDocker-Experimental: false\r\nOstype: linux\r\nServer: [^\r]+\r\n\r\n$/);
    expect(reply.closedByServer).toBe(true);
    const frames = parseFrames(reply.body);
    expect([streamText(frames, 1), streamText(frames, 2)]).toEqual(['out\n', 'err\n']);
    const after = await inspect(id);
    expect(after).toMatchObject({ Running: false, ExitCode: 3 });
    expect(after.Pid).toBeGreaterThan(0);
    expect((await api('GET', `/v1.41/containers/${box}/json`)).json<{ ExecIDs: string[] | null }>().ExecIDs ?? []).not.toContain(id);
    // A second start is refused inside the stream, as dockerd writes it.
    const again = await startExec(id).reply;
    expect(parseFrames(again.body)).toEqual([{ stream: 1, text: `Error: Exec command ${id} has already run\r\n` }]);
  });

  it('names the multiplexed stream from API 1.42 and keeps a TTY stream raw', async () => {
    const muxed = await createExec({ AttachStdout: true, Cmd: ['echo', 'hi'] });
    expect((await startExec(muxed, { version: 'v1.44' }).reply).head).toContain('Content-Type: application/vnd.docker.multiplexed-stream\r\n');
    const tty = await createExec({ AttachStdout: true, AttachStderr: true, Tty: true, Cmd: ['sh', '-c', 'echo hi; echo err >&2; exit 5'] });
    const reply = await startExec(tty, { version: 'v1.44', body: '{"Detach":false,"Tty":true}' }).reply;
    expect(reply.head).toContain('Content-Type: application/vnd.docker.raw-stream\r\n');
    expect(reply.body.toString()).toBe('hi\r\nerr\r\n');
    expect(await inspect(tty)).toMatchObject({ ExitCode: 5, Running: false, ProcessConfig: { tty: true } });
  });

  it('forwards stdin and closes it at the client\'s half-close; the output still arrives', async () => {
    const id = await createExec({ AttachStdin: true, AttachStdout: true, Cmd: ['sh', '-c', 'cat; echo end'] });
    const reply = await startExec(id, { stdin: 'piped\n' }).reply;
    expect(streamText(parseFrames(reply.body), 1)).toBe('piped\nend\n');
    expect(await inspect(id)).toMatchObject({ ExitCode: 0, OpenStdin: true });
  });

  it('writes a failed start into stdout and records 126', async () => {
    const missing = await createExec({ AttachStdout: true, Cmd: ['nosuch'] });
    const text = streamText(parseFrames((await startExec(missing).reply).body), 1);
    expect(text).toMatch(/^OCI runtime exec failed: exec failed: .*exec: "nosuch": executable file not found in \$PATH: unknown\r\n$/);
    expect(await inspect(missing)).toMatchObject({ ExitCode: 126, Running: false, Pid: 0 });
    const bogus = await createExec({ AttachStdout: true, User: 'bogus', Cmd: ['true'] });
    expect(parseFrames((await startExec(bogus).reply).body)).toEqual([{ stream: 1, text: 'unable to find user bogus: no matching entries in passwd file\r\n' }]);
    expect(await inspect(bogus)).toMatchObject({ ExitCode: 126, ProcessConfig: { user: 'bogus' } });
  });

  it('starts detached, resizes, and answers bad requests as Docker does', async () => {
    const id = await createExec({ Cmd: ['sh', '-c', 'echo bg > /tmp/bg'] });
    const r = await api('POST', `/v1.41/exec/${id}/start`, { Detach: true });
    expect([r.status, r.text]).toEqual([200, '']);
    await expect.poll(async () => (await inspect(id)).ExitCode, { timeout: 15_000 }).toBe(0);
    const tty = await createExec({ Tty: true, AttachStdout: true, DetachKeys: 'ctrl-a', Cmd: ['sh', '-c', 'sleep 0.5; stty size'] });
    expect((await inspect(tty)).DetachKeys).toBe('AQ==');
    const session = startExec(tty, { body: '{"Detach":false,"Tty":true}' });
    expect((await api('POST', `/v1.41/exec/${tty}/resize?h=21&w=77`)).status).toBe(200);
    expect((await session.reply).body.toString()).toBe('21 77\r\n');
    const missing = uniqueName('nope');
    const cases: Array<[string, string, unknown, number]> = [
      ['POST', `/v1.41/containers/${missing}/exec`, { AttachStdout: true }, 400],
      ['POST', `/v1.41/containers/${missing}/exec`, { Cmd: ['true'] }, 404],
      ['GET', '/v1.41/exec/nope/json', undefined, 404],
      ['POST', '/v1.41/exec/nope/resize?h=1&w=1', undefined, 404],
      ['POST', '/v1.41/exec/nope/resize?h=x&w=1', undefined, 400],
    ];
    for (const [method, path, body, status] of cases) {
      const ours = await api(method, path, body);
      expect({ path, status: ours.status }).toEqual({ path, status });
      if (dockerUp) expect({ path, text: ours.text }).toEqual({ path, text: (await apiRequest(DOCKER_SOCKET, method, path, { body })).text });
    }
    const unknown = await hijackRequest(svc.socket, { path: '/v1.41/exec/nope/start', body: START_BODY }).reply;
    expect(unknown.head).toMatch(/^HTTP\/1\.1 404 /);
    expect(unknown.body.toString()).toContain('No such exec instance: nope');
  });

  it('runs the docker CLI\'s exec: exit codes, streams, -i piping, -t under a pty', async () => {
    const plain = await docker(['exec', box, 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect([plain.exitCode, plain.stdout, plain.stderr]).toEqual([3, 'out', 'err']);
    expect(await docker(['exec', '-i', box, 'cat'], 'piped')).toMatchObject({ exitCode: 0, stdout: 'piped' });
    expect(await docker(['exec', box, 'nosuch'])).toMatchObject({ exitCode: 126 });
    const pty = await execa('script', ['-qec', `stty rows 30 cols 90; docker exec -t ${box} sh -c 'stty size; exit 4'`, '/dev/null'], { env: svc.clientEnv, reject: false, timeout: 60_000 });
    expect([pty.exitCode, pty.stdout.replace(/\r/g, '')]).toEqual([4, '30 90']);
    const it = await execa('script', ['-qec', `docker exec -it ${box} sh`, '/dev/null'], { env: svc.clientEnv, reject: false, input: 'echo hi-$((40+2))\nexit 7\n', timeout: 60_000 });
    expect(it.exitCode).toBe(7);
    expect(it.stdout).toContain('hi-42');
  });

  it('stays healthy when a client goes away mid-stream; the container is unaffected', async () => {
    const follow = execa('docker', ['exec', box, 'sh', '-c', 'while true; do echo x; sleep 0.1; done'], { env: svc.clientEnv, reject: false });
    await new Promise<void>((resolve) => follow.stdout!.once('data', () => resolve()));
    follow.kill('SIGKILL');
    await follow;
    const id = await createExec({ AttachStdout: true, AttachStdin: true, Cmd: ['cat'] });
    const session = startExec(id, { halfClose: false });
    await new Promise((r) => setTimeout(r, 300));
    session.socket.destroy();
    await session.reply;
    expect((await api('GET', '/_ping')).text).toBe('OK');
    expect((await docker(['exec', box, 'echo', 'still'])).stdout).toBe('still');
    expect((await api('GET', `/v1.41/containers/${box}/json`)).json<{ State: { Status: string } }>().State.Status).toBe('running');
  });
});
