// Attach, logs and resize over the API, root and rootless: raw HTTP (exact hijack bytes with and
// without Upgrade, stdcopy frames, half-close, attach before start as `docker run` does it, errors in
// dockerd's raw form), then the docker 28 CLI's run/attach/logs through DOCKER_HOST, and clients that
// go away mid-stream.
import { execa } from 'execa';
import { Agent, WebSocket } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, DOCKER_SOCKET } from '../../test-support/api-http.js';
import { startRootService, startRootlessService, type ApiService } from '../../test-support/api-service.js';
import { busyboxArchive, rootlessAvailable, rootlessTarget, uniqueName } from '../../test-support/cli.js';
import { hijackRequest, parseFrames, streamText } from '../../test-support/hijack-client.js';

const services: Array<{ label: string; start: () => Promise<ApiService> }> = [{ label: 'root', start: startRootService }];
if (rootlessAvailable()) services.push({ label: 'rootless', start: () => startRootlessService(rootlessTarget()) });
const dockerUp = await apiRequest(DOCKER_SOCKET, 'GET', '/_ping').then((r) => r.status === 200, () => false);

const ATTACH_101 = 'HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n';

describe.each(services)('attach, logs and resize over the API ($label)', ({ start }) => {
  let svc: ApiService;
  const names: string[] = [];
  const api = (method: string, path: string, body?: unknown) => apiRequest(svc.socket, method, path, { body });
  const skiff = async (args: string[]) => { const r = await svc.cli.run(args); expect(r.stderr).toBe(''); expect(r.code).toBe(0); return r.stdout.trim(); };
  const docker = (args: string[], input?: string) => execa('docker', args, { env: svc.clientEnv, reject: false, input, timeout: 60_000 });
  const name = () => { const n = uniqueName('strm'); names.push(n); return n; };
  const attach = (ref: string, query: string, opts: { version?: string; upgrade?: boolean; stdin?: string; halfClose?: boolean } = {}) =>
    hijackRequest(svc.socket, { path: `/${opts.version ?? 'v1.41'}/containers/${ref}/attach?${query}`, upgrade: opts.upgrade, stdin: opts.stdin, halfClose: opts.halfClose });
  const exitCode = async (ref: string) => (await api('GET', `/v1.41/containers/${ref}/json`)).json<{ State: { ExitCode: number } }>().State.ExitCode;

  beforeAll(async () => {
    svc = await start();
    expect((await svc.cli.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => {
    if (names.length) await svc?.cli.run(['rm', '-f', ...names]);
    await svc?.stop();
  });

  it('attaches before the start, as docker run does: exact 101 head, separated frames, closed at exit', async () => {
    const n = name();
    await skiff(['create', '--name', n, 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    const session = attach(n, 'stream=1&stdout=1&stderr=1');
    await new Promise((r) => setTimeout(r, 200));
    await skiff(['start', n]);
    const reply = await session.reply;
    expect(reply.head).toBe(ATTACH_101);
    expect(reply.closedByServer).toBe(true);
    const frames = parseFrames(reply.body);
    expect([streamText(frames, 1), streamText(frames, 2)]).toEqual(['out\n', 'err\n']);
    expect(await exitCode(n)).toBe(3);
    // logs=1 replays; one stream only; the bare 200 head without Upgrade; 1.42+ names the multiplexing.
    expect(parseFrames((await attach(n, 'logs=1&stdout=1').reply).body)).toEqual([{ stream: 1, text: 'out\n' }]);
    const bare = await attach(n, 'logs=1&stdout=1&stderr=1', { upgrade: false }).reply;
    expect(bare.head).toBe('HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n');
    expect(streamText(parseFrames(bare.body), 2)).toBe('err\n');
    expect((await attach(n, 'logs=1&stdout=1', { version: 'v1.44' }).reply).head).toContain('Content-Type: application/vnd.docker.multiplexed-stream\r\n');
  });

  it('forwards stdin and closes it at the client\'s EOF for a StdinOnce container; a TTY stream is raw', async () => {
    const n = name();
    const id = (await api('POST', `/v1.41/containers/create?name=${n}`, { Image: 'busybox', Cmd: ['sh', '-c', 'cat; echo done'], OpenStdin: true, StdinOnce: true, AttachStdin: true })).json<{ Id: string }>().Id;
    const session = attach(id, 'stream=1&stdin=1&stdout=1&stderr=1', { stdin: 'piped\n' });
    await skiff(['start', n]);
    expect(streamText(parseFrames((await session.reply).body), 1)).toBe('piped\ndone\n');
    const t = name();
    await skiff(['run', '-d', '-t', '--name', t, 'busybox', 'sh', '-c', 'sleep 0.5; echo tty-out']);
    const tty = await attach(t, 'stream=1&stdout=1&stderr=1').reply;
    expect([tty.head, tty.body.toString()]).toEqual([ATTACH_101, 'tty-out\r\n']);
  });

  it('answers attach, logs and resize errors as Docker does', async () => {
    const missing = uniqueName('nope');
    const raw = await attach(missing, 'stream=1&stdout=1').reply;
    expect(raw.head + raw.body.toString()).toBe(`HTTP/1.1 404 Not Found\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nNo such container: ${missing}\r\n`);
    const n = name();
    await skiff(['create', '--name', n, 'busybox', 'true']);
    const keys = await attach(n, 'stream=1&stdout=1&detachKeys=bogus').reply;
    expect(keys.head + keys.body.toString()).toBe('HTTP/1.1 400 Bad Request\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nInvalid detach keys (bogus) provided\r\n');
    const cases: Array<[string, string, number, string]> = [
      ['GET', `/v1.41/containers/${n}/logs`, 400, 'Bad parameters: you must choose at least one stream'],
      ['GET', `/v1.41/containers/${missing}/logs?stdout=1`, 404, `No such container: ${missing}`],
      ['POST', `/v1.41/containers/${n}/resize?h=10`, 400, 'strconv.Atoi: parsing "": invalid syntax'],
      ['POST', `/v1.41/containers/${missing}/resize?h=1&w=1`, 404, `No such container: ${missing}`],
    ];
    for (const [method, path, status, message] of cases) {
      const r = await api(method, path);
      expect({ path, status: r.status, message: r.json<{ message: string }>().message }).toEqual({ path, status, message });
    }
    const stopped = await api('POST', `/v1.41/containers/${n}/resize?h=10&w=10`);
    expect([stopped.status, stopped.json<{ message: string }>().message]).toEqual([409, expect.stringMatching(/^Container [0-9a-f]{64} is not running$/)]);
    if (dockerUp) {
      const theirs = await hijackRequest(DOCKER_SOCKET, { path: `/v1.41/containers/${missing}/attach?stream=1&stdout=1` }).reply;
      expect(theirs.head + theirs.body.toString()).toBe(raw.head + raw.body.toString());
    }
  });

  it('streams logs framed (no Content-Type at 1.41), with tail, timestamps, since and follow', async () => {
    const n = name();
    expect(await svc.cli.run(['run', '--name', n, 'busybox', 'sh', '-c', 'echo o1; echo e1 >&2; sleep 0.2; echo o2'])).toMatchObject({ code: 0, stderr: 'e1\n' });
    const all = await api('GET', `/v1.41/containers/${n}/logs?stdout=1&stderr=1`);
    expect(all.headers['content-type']).toBeUndefined();
    const frames = parseFrames(Buffer.from(all.text, 'latin1'));
    expect([streamText(frames, 1), streamText(frames, 2)]).toEqual(['o1\no2\n', 'e1\n']);
    expect((await api('GET', `/v1.44/containers/${n}/logs?stdout=1`)).headers['content-type']).toBe('application/vnd.docker.multiplexed-stream');
    expect(streamText(parseFrames(Buffer.from((await api('GET', `/v1.41/containers/${n}/logs?stdout=1&tail=1`)).text, 'latin1')), 1)).toBe('o2\n');
    expect(streamText(parseFrames(Buffer.from((await api('GET', `/v1.41/containers/${n}/logs?stderr=1&timestamps=1`)).text, 'latin1')), 2))
      .toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z e1\n$/);
    const future = Math.floor(Date.now() / 1000) + 3600;
    expect((await api('GET', `/v1.41/containers/${n}/logs?stdout=1&since=${future}`)).text).toBe('');
    // The docker CLI: --tail, -t, --since, and -f ending when the container exits.
    expect(await docker(['logs', '--tail', '1', n])).toMatchObject({ stdout: 'o2', stderr: '' });
    expect((await docker(['logs', '-t', n])).stdout).toMatch(/^\S+Z o1\n\S+Z o2$/);
    expect((await docker(['logs', '--since', '1h', n])).stdout).toBe('o1\no2');
    const f = name();
    await skiff(['run', '-d', '--name', f, 'busybox', 'sh', '-c', 'for i in 1 2 3; do echo line$i; sleep 0.3; done; exit 2']);
    expect(await docker(['logs', '-f', f])).toMatchObject({ exitCode: 0, stdout: 'line1\nline2\nline3' });
  });

  it('runs the docker CLI: run --rm with exit code and separated streams, run -i piping, run -t under a pty, attach', async () => {
    const plain = await docker(['run', '--rm', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect([plain.exitCode, plain.stdout, plain.stderr]).toEqual([3, 'out', 'err']);
    expect(await docker(['run', '--rm', '-i', 'busybox', 'sh', '-c', 'cat; exit 4'], 'from-stdin\n')).toMatchObject({ exitCode: 4, stdout: 'from-stdin' });
    const pty = await execa('script', ['-qec', "stty rows 25 cols 70; docker run --rm -t busybox sh -c 'stty size; exit 5'", '/dev/null'], { env: svc.clientEnv, reject: false, timeout: 60_000 });
    expect([pty.exitCode, pty.stdout.replace(/\r/g, '')]).toEqual([5, '25 70']);
    const it = await execa('script', ['-qec', 'docker run --rm -it busybox sh', '/dev/null'], { env: svc.clientEnv, reject: false, input: 'echo hi-$((40+2))\nexit 6\n', timeout: 60_000 });
    expect([it.exitCode, it.stdout.includes('hi-42')]).toEqual([6, true]);
    const a = name();
    await skiff(['run', '-d', '--name', a, 'busybox', 'sh', '-c', 'sleep 1; echo late; echo late-err >&2; exit 4']);
    expect(await docker(['attach', a])).toMatchObject({ exitCode: 4, stdout: 'late', stderr: 'late-err' });
    const i = name();
    await skiff(['run', '-d', '-i', '--name', i, 'busybox', 'sh', '-c', 'while read l; do echo got:$l; [ "$l" = quit ] && exit 8; done']);
    expect(await docker(['attach', i], 'a\nquit\n')).toMatchObject({ exitCode: 8, stdout: 'got:a\ngot:quit' });
  });

  it('attaches over a websocket: stdin in, one binary message per write out, closed at exit', async () => {
    const n = name();
    await skiff(['run', '-d', '-i', '--name', n, 'busybox', 'sh', '-c', 'read l; echo got:$l; exit 3']);
    const ws = new WebSocket(`ws://localhost/v1.41/containers/${n}/attach/ws?stream=1&stdin=1&stdout=1&stderr=1`, { dispatcher: new Agent({ connect: { socketPath: svc.socket } }) });
    ws.binaryType = 'arraybuffer';
    const got: string[] = [];
    ws.onmessage = (e) => { got.push(typeof e.data === 'string' ? `text:${e.data}` : Buffer.from(e.data as ArrayBuffer).toString()); };
    ws.onopen = () => ws.send('hello\n');
    const code = await new Promise<number>((resolve) => { ws.onclose = (e) => resolve(e.code); });
    expect([got.join(''), code]).toEqual(['got:hello\n', 1000]);
    expect(await exitCode(n)).toBe(3);
    expect((await api('GET', `/v1.41/containers/${uniqueName('nope')}/attach/ws?stream=1`)).status).toBe(404);
    expect((await api('GET', `/v1.41/containers/${n}/attach/ws?stream=1`)).json()).toEqual({ message: 'not websocket protocol' });
  });

  it('stays healthy when attach and logs -f clients go away; the container is unaffected', async () => {
    const n = name();
    await skiff(['run', '-d', '--name', n, 'busybox', 'sh', '-c', 'while true; do echo tick; sleep 0.1; done']);
    for (const args of [['logs', '-f', n], ['attach', n]]) {
      const p = execa('docker', args, { env: svc.clientEnv, reject: false });
      await new Promise<void>((resolve) => p.stdout!.once('data', () => resolve()));
      p.kill('SIGKILL');
      await p;
    }
    const raw = attach(n, 'stream=1&stdout=1', { halfClose: false });
    await new Promise((r) => setTimeout(r, 300));
    raw.socket.destroy();
    await raw.reply;
    expect((await api('GET', '/_ping')).text).toBe('OK');
    expect((await api('GET', `/v1.41/containers/${n}/json`)).json<{ State: { Status: string } }>().State.Status).toBe('running');
    const again = await docker(['logs', '--tail', '1', n]);
    expect(again).toMatchObject({ exitCode: 0, stdout: 'tick' });
  });
});
