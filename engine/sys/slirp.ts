// slirp4netns for a rootless container (engine-facts §5.3): user-mode networking in the container's
// netns, ready when it writes "1" on fd 4, alive until every writer of its exit FIFO is gone (the
// caller hands the one writer to conmon), port forwards through its API socket.
import { spawn } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { run } from './process.js';

export const SLIRP4NETNS = ['/usr/bin/slirp4netns', '/usr/local/bin/slirp4netns'].find((p) => existsSync(p)) ?? 'slirp4netns';

export interface SlirpOptions {
  netns: string; apiSocket: string; logFile: string; mac?: string; env: NodeJS.ProcessEnv;
  /** Exit when this FIFO loses its last writer (handed to conmon); without it slirp4netns runs until killed. */
  exitFifo?: string;
  /** The interface inside the namespace (eth0 for a container). */
  iface?: string;
}
export interface SlirpProcess { pid: number; /** The exit FIFO's writer: pass it to conmon, then close it here. */ holdFd?: number }

export async function startSlirp(o: SlirpOptions): Promise<SlirpProcess> {
  let holdFd: number | undefined;
  if (o.exitFifo) {
    rmSync(o.exitFifo, { force: true });
    const mk = await run('mkfifo', ['-m', '0600', o.exitFifo]);
    if (mk.exitCode !== 0) throw new Error(`mkfifo ${o.exitFifo}: ${mk.stderr.trim()}`);
    // O_RDWR never blocks on a FIFO; slirp4netns sees EOF once this fd and its copies are closed.
    holdFd = openSync(o.exitFifo, constants.O_RDWR);
  }
  const log = openSync(o.logFile, 'a', 0o600);
  const args = ['--disable-host-loopback', '--mtu=65520', '--enable-sandbox', '--enable-seccomp', '-c', ...(o.exitFifo ? ['-e', '3'] : []), '-r', '4',
    '--netns-type=path', ...(o.mac ? [`--macaddress=${o.mac}`] : []), '-a', o.apiSocket, o.netns, o.iface ?? 'eth0'];
  const script = o.exitFifo ? 'exec "$0" "$@" 3<"$SLIRP_EXIT_FIFO"' : 'exec "$0" "$@"';
  const child = spawn('/bin/sh', ['-c', script, SLIRP4NETNS, ...args], {
    detached: true, env: { ...o.env, SLIRP_EXIT_FIFO: o.exitFifo ?? '' }, stdio: ['ignore', log, log, 'ignore', 'pipe'],
  });
  closeSync(log);
  try {
    await waitReady(child);
  } catch (e) {
    if (o.exitFifo) rmSync(o.exitFifo, { force: true });
    if (holdFd !== undefined) closeSync(holdFd);
    if (child.pid) try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ }
    throw new Error(`slirp4netns failed: ${(e as Error).message}${logTail(o.logFile)}`);
  }
  // slirp4netns holds the FIFO open by now: the name is no longer needed.
  if (o.exitFifo) rmSync(o.exitFifo, { force: true });
  child.unref();
  return { pid: child.pid!, holdFd };
}

function waitReady(child: ReturnType<typeof spawn>): Promise<void> {
  const ready = child.stdio[4] as NodeJS.ReadableStream & { destroy(): void };
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('timed out waiting for it to be ready')), 10_000);
    const done = (err?: Error) => { clearTimeout(timer); ready.destroy(); child.removeAllListeners('exit'); if (err) reject(err); else resolve(); };
    ready.on('data', (c: Buffer) => { if (c.toString().includes('1')) done(); });
    ready.on('error', () => undefined);
    child.once('error', (e) => done(e));
    child.once('exit', (code) => done(new Error(`exited with status ${code}`)));
  });
}

const logTail = (file: string) => { try { const t = readFileSync(file, 'utf8').trim().split('\n').slice(-3).join('; '); return t ? `: ${t}` : ''; } catch { return ''; } };

/** One API request: send the JSON, shut down writing, read the reply (slirp4netns's protocol). */
export function slirpApi(socket: string, request: object): Promise<{ return?: Record<string, unknown>; error?: { desc?: string } }> {
  return new Promise((resolve, reject) => {
    const conn = createConnection(socket);
    let buf = '';
    conn.on('connect', () => conn.end(JSON.stringify(request)));
    conn.on('data', (c) => { buf += c.toString(); });
    conn.on('end', () => { try { resolve(JSON.parse(buf)); } catch { reject(new Error(`bad reply from slirp4netns: ${buf}`)); } });
    conn.on('error', reject);
  });
}

/** Stops it if the pid is still a slirp4netns (pids are reused). */
export function stopSlirp(pid: number): void {
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('slirp4netns')) return;
    process.kill(pid, 'SIGTERM');
  } catch { /* already gone */ }
}
