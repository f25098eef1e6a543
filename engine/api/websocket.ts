// The server side of RFC 6455 for GET /containers/{id}/attach/ws: the handshake, then the container's
// output as one binary message per write (text before API 1.28) and client messages as stdin.
// docker parity: moby@20.10 api/server/router/container/container_routes.go wsContainersAttach
// (golang.org/x/net/websocket, never multiplexed)
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { Hijacked } from './hijack.js';
import type { ApiContext } from './request.js';
import { badRequest } from './status.js';
import { versionAtLeast } from './version.js';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const CONTINUATION = 0x0;
const TEXT = 0x1;
const BINARY = 0x2;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

/** Answers the websocket handshake on the upgraded socket and returns the connection as a Hijacked stream. */
export function acceptWebSocket(ctx: ApiContext): Hijacked {
  const key = ctx.req.headers['sec-websocket-key'];
  if (!ctx.upgrade || typeof key !== 'string' || String(ctx.req.headers.upgrade).toLowerCase() !== 'websocket') throw badRequest('not websocket protocol');
  const socket = ctx.upgrade.socket;
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  const opcode = versionAtLeast(ctx.version, '1.28') ? BINARY : TEXT;
  let closed = false;
  let markClosed: () => void = () => undefined;
  const closedP = new Promise<void>((r) => { markClosed = () => { closed = true; r(); }; });
  socket.once('close', markClosed);
  socket.on('error', () => { socket.destroy(); markClosed(); });
  const send = (op: number, payload: Buffer) => { if (!closed && socket.writable) socket.write(Buffer.concat([frameHead(op, payload.length), payload])); };
  return {
    write: (chunk) => { if (chunk.length > 0) send(opcode, chunk); },
    onInput: (data, end) => readFrames(socket, ctx.upgrade!.head, data, end, (op, payload) => send(op, payload)),
    end: () => { if (!closed) { send(CLOSE, Buffer.from([0x03, 0xe8])); socket.end(); } },
    closed: closedP,
    isClosed: () => closed,
  };
}

function frameHead(op: number, length: number): Buffer {
  if (length < 126) return Buffer.from([0x80 | op, length]);
  if (length < 65536) { const h = Buffer.from([0x80 | op, 126, 0, 0]); h.writeUInt16BE(length, 2); return h; }
  const h = Buffer.alloc(10);
  h[0] = 0x80 | op;
  h[1] = 127;
  h.writeBigUInt64BE(BigInt(length), 2);
  return h;
}

/** Client frames (masked): data messages go to `data`, a close frame or the socket's end to `end`; pings are answered. */
function readFrames(socket: Duplex, head: Buffer, data: (b: Buffer) => void, end: () => void, reply: (op: number, payload: Buffer) => void): void {
  let buf = head;
  let ended = false;
  const finish = () => { if (!ended) { ended = true; end(); } };
  const consume = () => {
    for (;;) {
      if (buf.length < 2) return;
      const op = buf[0]! & 0x0f;
      const masked = (buf[1]! & 0x80) !== 0;
      let len = buf[1]! & 0x7f;
      let at = 2;
      if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); at = 4; }
      else if (len === 127) { if (buf.length < 10) return; len = Number(buf.readBigUInt64BE(2)); at = 10; }
      const maskAt = at;
      if (masked) at += 4;
      if (buf.length < at + len) return;
      const payload = Buffer.from(buf.subarray(at, at + len));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= buf[maskAt + (i % 4)]!;
      buf = buf.subarray(at + len);
      if (op === CLOSE) { finish(); socket.end(); return; }
      if (op === PING) reply(PONG, payload);
      else if ((op === TEXT || op === BINARY || op === CONTINUATION) && payload.length > 0) data(payload);
    }
  };
  socket.on('data', (chunk: Buffer) => { buf = buf.length ? Buffer.concat([buf, chunk]) : chunk; if (!ended) consume(); });
  socket.once('end', finish);
  socket.once('close', finish);
  consume();
  socket.resume();
}
