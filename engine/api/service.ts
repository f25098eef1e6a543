// `skiff system service`: serve the API on a unix socket (or an explicit tcp:// address, or the socket
// systemd hands over), and exit once idle for the given time, as `podman system service` does.
import { chmodSync, existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect } from 'node:net';
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
    if (fds !== 1) throw invalidArgument('activation', `wrong number of file descriptors for socket activation protocol (${fds} != 1)`);
    forgetListenEnv(env);
    return { fd: LISTEN_FDS_START };
  }
  return parseServiceUri(opts.uri ?? `unix://${engine.config.paths.apiSocket}`);
}

/** A socket file nobody answers on is left over from a killed service: remove it; refuse a live one. */
async function clearStaleSocket(path: string): Promise<void> {
  if (!existsSync(path)) return;
  const live = await new Promise<boolean>((resolve) => {
    const s = connect(path, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
  if (live) throw invalidArgument('socket-in-use', `listen unix ${path}: bind: address already in use`);
  unlinkSync(path);
}

export async function runService(engine: Engine, opts: ServiceOptions): Promise<number> {
  const where = chooseListener(engine, opts);
  let idleTimer: NodeJS.Timeout | undefined;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((r) => { resolveDone = r; });

  const { server } = createApiServer({
    engine, router: apiRouter(), serverName: opts.serverName, log: opts.log,
    onActivity: (busy) => {
      if (idleTimer) { clearTimeout(idleTimer); idleTimer = undefined; }
      if (busy === 0 && opts.idleSeconds > 0) idleTimer = setTimeout(() => shutdown(0), opts.idleSeconds * 1000);
    },
  });
  const shutdown = (code: number) => {
    server.close(() => resolveDone(code));
    server.closeIdleConnections();
    // Streams (events, logs -f) would hold the close forever.
    setTimeout(() => { server.closeAllConnections(); resolveDone(code); }, 2000).unref();
  };

  if ('path' in where) {
    mkdirSync(dirname(where.path), { recursive: true, mode: 0o700 });
    await clearStaleSocket(where.path);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where, () => { server.off('error', reject); resolve(); });
  });
  if ('path' in where) chmodSync(where.path, 0o660);
  if (opts.idleSeconds > 0) idleTimer = setTimeout(() => shutdown(0), opts.idleSeconds * 1000);
  const onSignal = () => shutdown(0);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  await notifyReady(opts.env ?? process.env);
  const code = await done;
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  if ('path' in where) { try { unlinkSync(where.path); } catch { /* already gone */ } }
  return code;
}
