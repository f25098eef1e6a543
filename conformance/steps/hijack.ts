// Attach and exec start hijack the HTTP connection. undici's upgrade() cannot send a request body, so
// this speaks HTTP/1.1 on a raw unix socket: request, response head, then the raw stream until EOF.
import { connect } from 'node:net';
import type { ApiRequest, RawResponse } from './api-step.js';
import { encodePath } from './api-step.js';

export function runHijacked(req: ApiRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const sock = connect(req.socket);
    const chunks: Buffer[] = [];
    let head: { status: number; headers: Record<string, string>; bodyStart: number } | null = null;
    let settled = false;
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      const all = Buffer.concat(chunks);
      if (!head) return reject(new Error(timedOut ? 'no response before the timeout' : 'connection closed before a response'));
      resolve({ status: head.status, headers: head.headers, body: all.subarray(head.bodyStart), timedOut: timedOut && req.streamMs === undefined });
    };
    const timer = setTimeout(() => finish(true), req.streamMs ?? req.timeoutMs);
    sock.on('error', (e) => { if (!settled) { settled = true; clearTimeout(timer); reject(e); } });
    sock.on('end', () => finish(false));
    sock.on('data', (c: Buffer) => {
      chunks.push(c);
      if (!head) {
        head = parseHead(Buffer.concat(chunks));
        if (head && req.stdin !== undefined) { sock.write(req.stdin); sock.end(); }
      }
      // A non-hijacked answer (an error) ends after its Content-Length; the server keeps the connection.
      const len = head?.headers['content-length'];
      if (head && len !== undefined && Buffer.concat(chunks).length - head.bodyStart >= Number(len)) finish(false);
    });
    const body = req.body ?? '';
    const lines = [`${req.method} ${encodePath(req.path)} HTTP/1.1`, 'Host: localhost', 'Connection: Upgrade', 'Upgrade: tcp',
      'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`,
      ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`)];
    sock.write(lines.join('\r\n') + '\r\n\r\n' + body);
  });
}

function parseHead(buf: Buffer): { status: number; headers: Record<string, string>; bodyStart: number } | null {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = buf.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(statusLine!.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const l of lines) { const i = l.indexOf(':'); if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim(); }
  return { status, headers, bodyStart: end + 4 };
}
