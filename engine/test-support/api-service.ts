// Starts `skiff system service` for integration tests: as root on a private storage root, or as the
// rootless test user, on a socket of its own; returns the socket and a way to stop it.
import { execa, type ResultPromise } from 'execa';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootTarget, SKIFF, TEST_USER, type Target } from './cli.js';

export interface ApiService {
  socket: string;
  /** The CLI target that shares this service's storage (to set up containers the API then sees). */
  cli: Target;
  /** Environment for the docker 28 CLI and other clients: DOCKER_HOST pointing at the socket. */
  clientEnv: Record<string, string>;
  stop(): Promise<void>;
}

async function waitForSocket(socket: string, proc: ResultPromise, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc.exitCode !== null && proc.exitCode !== undefined) throw new Error(`service exited: ${proc.exitCode}`);
    if (existsSync(socket) && await ping(socket)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`service did not answer on ${socket}`);
}

export function ping(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath: socket, path: '/_ping', method: 'GET' }, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** The service as root, on a fresh storage root. */
export async function startRootService(): Promise<ApiService> {
  const cli = rootTarget();
  const socket = join(mkdtempSync(join(tmpdir(), 'skiff-api-')), 'skiff.sock');
  const proc = execa(process.execPath, ['--', SKIFF, '--root', cli.root, '--runroot', cli.runroot, 'system', 'service', '--time', '0', `unix://${socket}`],
    { reject: false, stdio: ['ignore', 'inherit', 'inherit'] });
  await waitForSocket(socket, proc);
  return { socket, cli, clientEnv: { DOCKER_HOST: `unix://${socket}` }, stop: () => stopProc(proc) };
}

/** The service as the rootless test user, in that user's default storage. */
export async function startRootlessService(cli: Target): Promise<ApiService> {
  const uid = Number(execFileSync('id', ['-u', TEST_USER], { encoding: 'utf8' }).trim());
  const home = execFileSync('getent', ['passwd', TEST_USER], { encoding: 'utf8' }).split(':')[5]!;
  const dir = mkdtempSync(join(tmpdir(), 'skiff-api-'));
  chmodSync(dir, 0o777);
  const socket = join(dir, 'skiff.sock');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, USER: TEST_USER, XDG_RUNTIME_DIR: `/run/user/${uid}` };
  const proc = execa('/usr/sbin/runuser', ['-u', TEST_USER, '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
    process.execPath, '--', SKIFF, 'system', 'service', '--time', '0', `unix://${socket}`],
  { reject: false, stdio: ['ignore', 'inherit', 'inherit'], env: {}, extendEnv: false, cwd: '/' });
  await waitForSocket(socket, proc);
  return { socket, cli, clientEnv: { DOCKER_HOST: `unix://${socket}` }, stop: () => stopProc(proc) };
}

async function stopProc(proc: ResultPromise): Promise<void> {
  proc.kill('SIGTERM');
  const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
  await proc;
  clearTimeout(t);
}
