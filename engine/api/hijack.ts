// Taking over a connection for attach and exec start, as dockerd does: "101 UPGRADED" when the client
// asked for `Upgrade: tcp`, else a bare "200 OK" head, then raw bytes both ways until the stream ends.
// The client half-closes when its stdin ends; output keeps flowing until we end the connection.
// docker parity: moby@20.10 api/server/router/container/container_routes.go postContainersAttach,
// exec.go postContainerExecStart, api/server/httputils (CloseStreams)
import type { Duplex } from 'node:stream';
import type { ApiContext } from './request.js';
import { statusOf } from './status.js';
import { versionAtLeast } from './version.js';

export const RAW_STREAM = 'application/vnd.docker.raw-stream';
export const MULTIPLEXED_STREAM = 'application/vnd.docker.multiplexed-stream';

/** From API 1.42 a stream without a TTY says it is multiplexed; 1.41 and older always said raw-stream. */
export const streamContentType = (version: string, tty: boolean) => (!tty && versionAtLeast(version, '1.42') ? MULTIPLEXED_STREAM : RAW_STREAM);

export interface Hijacked {
  /** Output to the client; dropped once the connection is gone. */
  write(chunk: Buffer): void;
  /** Client input as it arrives, then its EOF (half-close) — at most once. */
  onInput(data: (chunk: Buffer) => void, end: () => void): void;
  /** Flush what was written and close the connection. */
  end(): void;
  /** The connection is gone (closed by the client, by an error, or by end()). */
  readonly closed: Promise<void>;
  isClosed(): boolean;
}

/** Reads an upgraded request's body (exec start's JSON travels with the upgrade); what follows it is stdin. */
export async function readUpgradeBody(ctx: ApiContext): Promise<{ body: Buffer; rest: Buffer }> {
  const up = ctx.upgrade!;
  const length = Number(ctx.req.headers['content-length'] ?? 0) || 0;
  let buf = up.head;
  if (buf.length < length) {
    const socket = up.socket;
    buf = await new Promise<Buffer>((resolve) => {
      const parts = [buf];
      let have = buf.length;
      const done = () => { socket.off('data', onData); socket.off('end', done); socket.off('close', done); socket.pause(); resolve(Buffer.concat(parts)); };
      const onData = (b: Buffer) => { parts.push(b); have += b.length; if (have >= length) done(); };
      socket.on('data', onData);
      socket.once('end', done);
      socket.once('close', done);
      socket.resume();
    });
  }
  return { body: buf.subarray(0, length), rest: buf.subarray(length) };
}

/**
 * Sends the hijack head and returns the connection. `apiHeaders` are copied into the head (exec start
 * does; attach does not). `pending` is input that arrived with the request head.
 */
export function hijack(ctx: ApiContext, opts: { contentType: string; apiHeaders?: Record<string, string>; pending?: Buffer }): Hijacked {
  const upgraded = ctx.upgrade !== undefined;
  const socket: Duplex = ctx.upgrade?.socket ?? ctx.req.socket;
  const extra = Object.entries(opts.apiHeaders ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const head = upgraded
    ? `HTTP/1.1 101 UPGRADED\r\nContent-Type: ${opts.contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n${extra}\r\n`
    : `HTTP/1.1 200 OK\r\nContent-Type: ${opts.contentType}\r\n${extra}\r\n`;
  let closed = false;
  let markClosed: () => void = () => undefined;
  const closedP = new Promise<void>((r) => { markClosed = () => { closed = true; r(); }; });
  socket.once('close', markClosed);
  socket.on('error', () => { socket.destroy(); markClosed(); });
  if (socket.destroyed) markClosed();
  else socket.write(head);
  // A request without Upgrade still has Node's HTTP parser on the socket: its input is the request body.
  const input: NodeJS.ReadableStream = upgraded ? socket : ctx.req;
  let inputEnded = false;
  return {
    write: (chunk) => { if (!closed && chunk.length > 0 && socket.writable) socket.write(chunk); },
    onInput: (data, end) => {
      const finish = () => { if (!inputEnded) { inputEnded = true; end(); } };
      if (opts.pending && opts.pending.length > 0) data(opts.pending);
      input.on('data', (b: Buffer) => data(b));
      input.once('end', finish);
      input.once('error', finish);
      socket.once('close', finish);
      // The client may have half-closed before the handler got here (Node saw the FIN with the head).
      if ((input as { readableEnded?: boolean }).readableEnded) finish();
      else input.resume();
    },
    end: () => { if (!closed) socket.end(); },
    closed: closedP,
    isClosed: () => closed,
  };
}

/** An error where dockerd hijacks first and then reports: the status line is written raw. */
export function writeHijackError(ctx: ApiContext, err: unknown): void {
  const socket: Duplex = ctx.upgrade?.socket ?? ctx.req.socket;
  if (socket.destroyed) return;
  const code = statusOf(err);
  const message = err instanceof Error ? err.message : String(err);
  socket.end(`HTTP/1.1 ${code} ${STATUS_TEXT[code] ?? 'Error'}\r\nContent-Type: ${RAW_STREAM}\r\n\r\n${message}\r\n`);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error', 501: 'Not Implemented', 503: 'Service Unavailable',
};
