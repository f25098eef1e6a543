// Runs one Engine API step over the target's unix socket with undici; streamed bodies are read for a
// bounded time, multiplexed ones de-framed into stdout/stderr. Hijacked requests go to hijack.ts.
import { Client } from 'undici';
import type { StepOutcome } from './outcome.js';
import { demux, looksFramed } from './stdcopy.js';
import { runHijacked } from './hijack.js';

export interface ApiRequest {
  socket: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  streamMs?: number;
  hijack: boolean;
  stdin?: string;
  demux: 'auto' | 'yes' | 'no';
  timeoutMs: number;
}

/** Percent-encodes what may not appear raw in a request target (JSON filters in queries). */
export function encodePath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/g, (c) => encodeURIComponent(c));
}

export function displayRequest(req: ApiRequest): string {
  const head = `curl -sS --unix-socket ${req.socket} -X ${req.method}`;
  const headers = Object.entries(req.headers).map(([k, v]) => ` -H '${k}: ${v}'`).join('');
  const body = req.body !== undefined ? ` -H 'Content-Type: application/json' -d '${req.body.replace(/'/g, `'\\''`)}'` : '';
  return `${head}${headers}${body} 'http://localhost${encodePath(req.path)}'`;
}

export async function runApiStep(req: ApiRequest): Promise<StepOutcome> {
  const display = displayRequest(req);
  const started = Date.now();
  try {
    const raw = req.hijack ? await runHijacked(req) : await request(req);
    return { kind: 'api', display, ...splitBody(raw.status, raw.headers, raw.body, req.demux), timedOut: raw.timedOut || undefined, durationMs: Date.now() - started };
  } catch (e) {
    return { kind: 'api', display, stdout: '', stderr: '', error: `API request failed: ${(e as Error).message}`, durationMs: Date.now() - started };
  }
}

export interface RawResponse { status: number; headers: Record<string, string>; body: Buffer; timedOut: boolean }

async function request(req: ApiRequest): Promise<RawResponse> {
  const client = new Client('http://localhost', { socketPath: req.socket, headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs });
  const abort = new AbortController();
  try {
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    const res = await client.request({ method: req.method as 'GET', path: encodePath(req.path), headers, body: req.body, signal: abort.signal });
    const chunks: Buffer[] = [];
    let timedOut = false;
    const limit = req.streamMs ?? req.timeoutMs;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { timedOut = req.streamMs === undefined; res.body.destroy(); resolve(); }, limit);
      res.body.on('data', (c: Buffer) => chunks.push(c));
      res.body.on('end', () => { clearTimeout(timer); resolve(); });
      res.body.on('error', () => { clearTimeout(timer); resolve(); });
    });
    return { status: res.statusCode, headers: flattenHeaders(res.headers), body: Buffer.concat(chunks), timedOut };
  } finally {
    abort.abort();
    await client.destroy().catch(() => undefined);
  }
}

export function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Multiplexed streams become stdout/stderr; anything else stays the body text. */
function splitBody(status: number, headers: Record<string, string>, body: Buffer, mode: 'auto' | 'yes' | 'no') {
  const type = headers['content-type'] ?? '';
  const streamy = /vnd\.docker\.(multiplexed|raw)-stream/.test(type);
  // Docker 20.10 sends logs without a Content-Type, so frames are sniffed on anything not JSON.
  if (mode === 'yes' || (mode === 'auto' && !type.includes('json') && looksFramed(body))) {
    const { stdout, stderr } = demux(body);
    return { status, headers, body: '', stdout, stderr };
  }
  if (streamy) return { status, headers, body: '', stdout: body.toString('utf8'), stderr: '' };
  return { status, headers, body: body.toString('utf8'), stdout: '', stderr: '' };
}
