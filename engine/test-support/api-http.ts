// Raw HTTP over a unix socket for API integration tests: one request with its status, headers and body,
// and a streamed reply read line by line (events), so replies can be compared with Docker's.
import { request, type IncomingMessage } from 'node:http';

export const DOCKER_SOCKET = '/var/run/docker.sock';

export interface ApiReply { status: number; headers: IncomingMessage['headers']; text: string; json<T = unknown>(): T }

export interface ApiRequestOptions {
  /** An object is sent as JSON (with Content-Type: application/json); a string or bytes (a tar upload) as is. */
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export function apiRequest(socket: string, method: string, path: string, opts: ApiRequestOptions = {}): Promise<ApiReply> {
  const raw = typeof opts.body === 'string' || opts.body instanceof Uint8Array;
  const body = opts.body === undefined || raw ? opts.body as string | Uint8Array | undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...(opts.body !== undefined && !raw ? { 'Content-Type': 'application/json' } : {}), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: socket, method, path, headers, timeout: opts.timeoutMs ?? 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The status and error message of a reply, the part of an error reply that can be compared with Docker's. */
export const statusAndMessage = (r: ApiReply) => ({ status: r.status, message: r.text ? (r.json<{ message?: string }>().message ?? r.text) : '' });

export interface LineStream {
  /** Resolves once the status line and headers arrived. */
  response: Promise<IncomingMessage>;
  lines: string[];
  /** Resolves with the first line (already received or not) for which `pred` holds. */
  waitFor(pred: (line: string) => boolean, ms?: number): Promise<string>;
  /** Resolves when the server ends the reply. */
  ended: Promise<void>;
  close(): void;
}

/** A GET whose reply is read as newline-delimited text while it streams. */
export function streamLines(socket: string, path: string): LineStream {
  const lines: string[] = [];
  const waiters: Array<{ pred: (l: string) => boolean; resolve: (l: string) => void }> = [];
  let resolveEnded!: () => void;
  const ended = new Promise<void>((r) => { resolveEnded = r; });
  let rest = '';
  const req = request({ socketPath: socket, method: 'GET', path });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', (res) => {
      resolve(res);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        rest += chunk;
        const parts = rest.split('\n');
        rest = parts.pop()!;
        for (const line of parts) {
          lines.push(line);
          for (const w of waiters.filter((x) => x.pred(line))) { waiters.splice(waiters.indexOf(w), 1); w.resolve(line); }
        }
      });
      res.on('end', resolveEnded);
      res.on('close', resolveEnded);
    });
    req.on('error', (e) => { reject(e); resolveEnded(); });
  });
  req.end();
  return {
    response, lines, ended,
    waitFor(pred, ms = 30_000) {
      const hit = lines.find(pred);
      if (hit !== undefined) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching line within ${ms} ms; got:\n${lines.join('\n')}`)), ms);
        waiters.push({ pred, resolve: (l) => { clearTimeout(t); resolve(l); } });
      });
    },
    close: () => req.destroy(),
  };
}
