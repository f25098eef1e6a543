// A raw client for hijacked API requests (attach, exec start): sends the request bytes, optionally
// some stdin and a half-close, and collects everything the server writes until it closes, so tests
// can check the exact handshake bytes and the stdcopy frames.
import { connect, type Socket } from 'node:net';

export interface HijackReply {
  /** Everything up to and including the blank line after the status line and headers. */
  head: string;
  /** The raw bytes after the head. */
  body: Buffer;
  /** True when the server closed the connection (not our timeout). */
  closedByServer: boolean;
}

export interface HijackSession { socket: Socket; reply: Promise<HijackReply> }

export interface HijackRequest {
  method?: string;
  path: string;
  /** Ask for `Upgrade: tcp` (default true). */
  upgrade?: boolean;
  body?: string;
  headers?: Record<string, string>;
  /** Sent right after the request (stdin). */
  stdin?: string | Buffer;
  /** Half-close after sending (default true): the client's stdin is at EOF. */
  halfClose?: boolean;
  timeoutMs?: number;
}

export function hijackRequest(socketPath: string, r: HijackRequest): HijackSession {
  const body = r.body ?? '';
  const headers: Record<string, string> = {
    Host: 'api', ...(r.upgrade === false ? {} : { Connection: 'Upgrade', Upgrade: 'tcp' }),
    'Content-Type': body ? 'application/json' : 'text/plain', 'Content-Length': String(Buffer.byteLength(body)), ...r.headers,
  };
  const socket = connect(socketPath);
  socket.setNoDelay?.(true);
  const raw = `${r.method ?? 'POST'} ${r.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`;
  socket.write(raw);
  if (r.stdin !== undefined) socket.write(r.stdin);
  if (r.halfClose !== false) socket.end();
  const reply = new Promise<HijackReply>((resolve) => {
    const chunks: Buffer[] = [];
    let closedByServer = true;
    const timer = setTimeout(() => { closedByServer = false; socket.destroy(); }, r.timeoutMs ?? 30_000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const at = all.indexOf('\r\n\r\n');
      resolve(at < 0 ? { head: all.toString('latin1'), body: Buffer.alloc(0), closedByServer }
        : { head: all.subarray(0, at + 4).toString('latin1'), body: all.subarray(at + 4), closedByServer });
    });
  });
  return { socket, reply };
}

export interface Frame { stream: number; text: string }

/** Splits stdcopy frames; throws on a truncated frame. */
export function parseFrames(body: Buffer): Frame[] {
  const out: Frame[] = [];
  let at = 0;
  while (at < body.length) {
    if (body.length - at < 8) throw new Error(`truncated frame header at ${at}`);
    const size = body.readUInt32BE(at + 4);
    if (body[at + 1] !== 0 || body[at + 2] !== 0 || body[at + 3] !== 0) throw new Error(`bad frame header at ${at}`);
    if (body.length - at - 8 < size) throw new Error(`truncated frame at ${at}`);
    out.push({ stream: body[at]!, text: body.subarray(at + 8, at + 8 + size).toString('utf8') });
    at += 8 + size;
  }
  return out;
}

/** The text of one stream (1 stdout, 2 stderr) across frames. */
export const streamText = (frames: Frame[], stream: number) => frames.filter((f) => f.stream === stream).map((f) => f.text).join('');
