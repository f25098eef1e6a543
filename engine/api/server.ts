// The HTTP side of `skiff system service`: version prefixes, the standard headers, routing, errors, and
// the hijacked connections of attach and exec. Domain work happens in the route handlers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Engine } from '../context.js';
import { Query, type ApiContext } from './request.js';
import { sendError, sendText } from './response.js';
import type { Router } from './router.js';
import { ApiError, statusOf } from './status.js';
import { API_MAX_VERSION, jsonErrors, splitVersion, versionError } from './version.js';

export interface ApiServerOptions {
  engine: Engine;
  router: Router;
  /** The Server header, e.g. "skiff/0.1.0 (linux)". */
  serverName: string;
  /** Called whenever the number of requests and hijacked connections in flight changes. */
  onActivity?: (busy: number) => void;
  log?: (line: string) => void;
}

export interface ApiServer { server: Server; busy(): number }

export function standardHeaders(serverName: string): Record<string, string> {
  return { 'Api-Version': API_MAX_VERSION, Ostype: 'linux', Server: serverName, 'Docker-Experimental': 'false' };
}

export function createApiServer(opts: ApiServerOptions): ApiServer {
  let busy = 0;
  const track = (delta: number) => { busy += delta; opts.onActivity?.(busy); };
  const server = createServer({ requestTimeout: 0, keepAliveTimeout: 5000 });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    track(1);
    let done = false;
    const finish = () => { if (!done) { done = true; track(-1); } };
    res.on('close', finish);
    void serve(opts, req, { res }).catch((e) => { opts.log?.(`api: ${e?.stack ?? e}`); res.destroy(); }).finally(() => { if (res.writableEnded) finish(); });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    track(1);
    let done = false;
    const finish = () => { if (!done) { done = true; track(-1); } };
    socket.on('close', finish);
    socket.on('error', () => socket.destroy());
    void serve(opts, req, { upgrade: { socket, head } }).catch((e) => { opts.log?.(`api: ${e?.stack ?? e}`); socket.destroy(); });
  });

  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  return { server, busy: () => busy };
}

async function serve(opts: ApiServerOptions, req: IncomingMessage, io: { res?: ServerResponse; upgrade?: { socket: Duplex; head: Buffer } }): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://skiff');
  const { version: asked, path } = splitVersion(url.pathname);
  const res = io.res;

  if (req.method === 'OPTIONS' && res) { res.writeHead(200, { 'Content-Length': 0 }); res.end(); return; }

  if (asked !== undefined) {
    const bad = versionError(asked);
    if (bad) {
      const headers = { 'Api-Version': API_MAX_VERSION, Ostype: 'linux', Server: opts.serverName };
      if (res) {
        if (jsonErrors(asked)) { res.writeHead(400, { ...headers, 'Content-Type': 'application/json' }); res.end(`${JSON.stringify({ message: bad })}\n`); }
        else { for (const [k, v] of Object.entries(headers)) res.setHeader(k, v); sendText(res, 400, `${bad}\n`); }
      } else writeRawError(io.upgrade!.socket, 400, bad);
      return;
    }
  }
  const version = asked ?? API_MAX_VERSION;
  const method = req.method ?? 'GET';
  const found = opts.router.match(method, path);
  if (!found || (io.upgrade && !found.route.hijack)) {
    if (res) { res.writeHead(404, { 'Content-Type': 'application/json' }); res.end('{"message":"page not found"}\n'); }
    else writeRawError(io.upgrade!.socket, 404, 'page not found');
    return;
  }

  const abort = new AbortController();
  const onGone = () => abort.abort();
  if (res) res.on('close', () => { if (!res.writableFinished) onGone(); });
  else io.upgrade!.socket.on('close', onGone);
  req.on('aborted', onGone);

  const ctx: ApiContext = {
    engine: opts.engine, req, res, upgrade: io.upgrade, version, params: found.params,
    query: new Query(url.searchParams), signal: abort.signal,
  };
  if (res) for (const [k, v] of Object.entries(standardHeaders(opts.serverName))) res.setHeader(k, v);
  try {
    await found.route.handler(ctx);
  } catch (e) {
    if (!(e instanceof ApiError) && !isDomainError(e)) opts.log?.(`api: ${req.method} ${req.url}: ${(e as Error)?.stack ?? e}`);
    if (res) sendError(res, e, asked);
    else writeRawError(io.upgrade!.socket, undefined, e);
  }
}

const isDomainError = (e: unknown) => (e as Error)?.name === 'EngineError';

/** An error on a connection that asked for an upgrade, before or after it was hijacked. */
export function writeRawError(socket: Duplex, status: number | undefined, err: unknown): void {
  if (socket.destroyed) return;
  const code = status ?? statusOf(err);
  const message = err instanceof Error ? err.message : String(err);
  const body = `${JSON.stringify({ message })}\n`;
  socket.end(`HTTP/1.1 ${code} ${STATUS_TEXT[code] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

const STATUS_TEXT: Record<number, string> = {
  304: 'Not Modified', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error', 501: 'Not Implemented', 503: 'Service Unavailable',
};
