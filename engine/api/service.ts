// `skiff system service`: serve the API on a unix socket (or an explicit tcp:// address, or the socket
// systemd hands over), and exit once idle for the given time, as `podman system service` does.
import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { dirname } from 'node:path';
import type { Engine } from '../context.js';
import { invalidArgument } from '../errors.js';
import { forgetListenEnv, LISTEN_FDS_START, listenFds } from '../sys/socket-activation.js';
import { notifyReady } from '../sys/sd-notify.js';
import { apiRouter } from './routes/index.js';
import { createApiServer } from './server.js';

export interface ServiceOptions {
  /** unix:///path or tcp://host:port; the engine's socket when absent. */
  uri?: string;
  /** Seconds without requests before exiting; 0 = never. */
  idleSeconds: number;
  serverName: string;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

type Listen = { fd: number } | { path: string } | { host: string; port: number };

/** How long open streams (events, logs -f, attach) may hold a shutdown before they are cut. */
const SHUTDOWN_GRACE_MS = 2000;

export function parseServiceUri(uri: string): Listen {
  if (uri.startsWith('unix://')) return { path: uri.slice('unix://'.length) };
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:/]*):(\d+)\/?$/.exec(uri);
  if (tcp) return { host: tcp[1]!.replace(/^\[|\]$/g, '') || '0.0.0.0', port: Number(tcp[2]) };
  throw invalidArgument('bad-uri', `API Service endpoint scheme ${JSON.stringify(uri.split('://')[0])} is not supported. Try tcp://… or unix://…`);
}

function chooseListener(engine: Engine, opts: ServiceOptions): Listen {
  const env = opts.env ?? process.env;
  const fds = listenFds(env);
  if (fds > 0) {
    // podman parity: pkg/api/server/listener_api.go (the same message and rule: exactly one socket)
    if (fds !== 1) throw invalidArgument('activation', `wrong number of file descriptors for socket activation protocol (${fds} != 1)`);
    forgetListenEnv(env);
    return { fd: LISTEN_FDS_START };
  }
  return parseServiceUri(opts.uri ?? `unix://${engine.config.paths.apiSocket}`);
}

const inUse = (path: string) => invalidArgument('socket-in-use', `listen unix ${path}: bind: address already in use`);

/**
 * A socket file nobody answers on is left over from a killed service: remove it. A live socket, or a
 * path that is not a socket at all, is refused (Go's bind error, as dockerd and podman report it).
 */
async function clearStaleSocket(path: string): Promise<void> {
  let isSocket: boolean;
  try { isSocket = lstatSync(path).isSocket(); } catch { return; }
  if (!isSocket) throw inUse(path);
  const live = await new Promise<boolean>((resolve) => {
    const s = connect(path, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
  if (live) throw inUse(path);
  unlinkSync(path);
}

/** Binds a unix socket with mode 0660 from the start (no window where the umask's mode applies). */
async function listen(server: Server, where: Listen): Promise<void> {
  const restore = 'path' in where ? process.umask(0o117) : undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(where, () => { server.off('error', reject); resolve(); });
    });
  } finally {
    if (restore !== undefined) process.umask(restore);
  }
  if ('path' in where) chmodSync(where.path, 0o660);
}

export async function runService(engine: Engine, opts: ServiceOptions): Promise<number> {
  const env = opts.env ?? process.env;
  const where = chooseListener(engine, opts);
  let idleTimer: NodeJS.Timeout | undefined;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((r) => { resolveDone = r; });
  let stopping = false;

  const { server } = createApiServer({
    engine, router: apiRouter(), serverName: opts.serverName, log: opts.log,
    onActivity: (busy) => {
      if (idleTimer) { clearTimeout(idleTimer); idleTimer = undefined; }
      if (busy === 0 && opts.idleSeconds > 0 && !stopping) idleTimer = setTimeout(() => shutdown(0), opts.idleSeconds * 1000);
    },
  });
  // Every accepted connection, including the hijacked ones the http server no longer tracks.
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => { sockets.add(s); s.once('close', () => sockets.delete(s)); });

  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    if (idleTimer) clearTimeout(idleTimer);
    server.close(() => resolveDone(code));
    server.closeIdleConnections();
    // Streams (events, logs -f, attach) would hold the close forever.
    setTimeout(() => { for (const s of sockets) s.destroy(); resolveDone(code); }, SHUTDOWN_GRACE_MS).unref();
  };

  if ('path' in where) {
    mkdirSync(dirname(where.path), { recursive: true, mode: 0o700 });
    await clearStaleSocket(where.path);
  }
  await listen(server, where);
  if (opts.idleSeconds > 0) idleTimer = setTimeout(() => shutdown(0), opts.idleSeconds * 1000);
  const onSignal = () => shutdown(0);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  // Not awaited: a notify socket that never answers must not hold up the service or its exit.
  void notifyReady(env);
  const code = await done;
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  // Only the socket this process created: an activated one belongs to systemd.
  if ('path' in where) { try { unlinkSync(where.path); } catch { /* already gone */ } }
  return code;
}
