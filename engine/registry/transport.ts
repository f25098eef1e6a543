// HTTP for one registry endpoint on undici: a pooled agent with the endpoint's TLS material, retries
// with backoff for reset connections and 5xx/429 replies (only when the body can be sent again), and
// redirects followed by hand so Authorization never goes to another origin (blob CDNs).
import type { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import type { Agent, Dispatcher } from 'undici';

// undici is half of the CLI bundle; loading it only when a registry is contacted keeps every other
// command's start-up short (it is left out of the bundle and required here on first use).
type Undici = typeof import('undici');
let loaded: Undici | undefined;
const undici = (): Undici => (loaded ??= createRequire(import.meta.url)('undici') as Undici);
import { transportError } from './errors.js';
import type { Endpoint } from './hosts.js';

export type HeaderMap = Record<string, string | string[] | undefined>;
export interface HttpResponse { status: number; headers: HeaderMap; body: Dispatcher.ResponseData['body']; url: string }
export type RequestBody = string | Buffer | Readable | AsyncIterable<Buffer>;

export interface RequestOptions {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string | string[]>;
  body?: RequestBody;
  /** Follow redirects (blob GETs). */
  redirects?: boolean;
  /** Attempts after the first for retryable failures (default 3 when the body is replayable). */
  retries?: number;
}

const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'EAI_AGAIN']);
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export const header = (h: HeaderMap, name: string): string | undefined => {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};
export const headerAll = (h: HeaderMap, name: string): string[] => {
  const v = h[name.toLowerCase()];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Transport {
  private readonly own: Agent;
  private foreign?: Agent;
  /** Base backoff in ms; tests shorten it. */
  backoffMs = 250;

  constructor(readonly endpoint: Endpoint, private readonly userAgent: string) {
    const tls = endpoint.tls;
    this.own = new (undici().Agent)({
      keepAliveTimeout: 30_000, connectTimeout: 15_000, headersTimeout: 120_000, bodyTimeout: 120_000,
      connect: tls ? { ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: tls.rejectUnauthorized } : undefined,
    });
  }

  get origin(): string { return new URL(this.endpoint.base).origin; }
  url(path: string): string { return new URL(path, this.endpoint.base).toString(); }

  async request(target: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    const replayable = opts.body === undefined || typeof opts.body === 'string' || Buffer.isBuffer(opts.body);
    const retries = replayable ? (opts.retries ?? 3) : 0;
    for (let attempt = 0; ; attempt++) {
      let res: HttpResponse;
      try {
        res = await this.follow(target, opts);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? (e as { cause?: NodeJS.ErrnoException }).cause?.code ?? '';
        if (attempt < retries && RETRYABLE_CODES.has(code)) { await sleep(this.backoffMs * 2 ** attempt); continue; }
        throw transportError(opts.method ?? 'GET', target, e);
      }
      if (attempt < retries && RETRYABLE_STATUS.has(res.status)) {
        const after = Number(header(res.headers, 'retry-after'));
        await res.body.dump().catch(() => undefined);
        await sleep(Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 10_000) : this.backoffMs * 2 ** attempt);
        continue;
      }
      return res;
    }
  }

  private async follow(target: string, opts: RequestOptions): Promise<HttpResponse> {
    let url = target;
    const headers: Record<string, string | string[]> = { 'user-agent': this.userAgent, ...opts.headers };
    let method = opts.method ?? 'GET';
    for (let hop = 0; hop < 10; hop++) {
      const r = await undici().request(url, { method, headers, body: opts.body as Dispatcher.DispatchOptions['body'], dispatcher: this.dispatcherFor(url) });
      if (!opts.redirects || !REDIRECTS.has(r.statusCode) || !r.headers.location) {
        return { status: r.statusCode, headers: r.headers as HeaderMap, body: r.body, url };
      }
      await r.body.dump().catch(() => undefined);
      const next = new URL(String(r.headers.location), url);
      // The spec forbids forwarding credentials to another host (blob storage behind a redirect).
      if (next.origin !== new URL(url).origin) delete headers.authorization;
      if (r.statusCode === 303) method = 'GET';
      url = next.toString();
    }
    throw Object.assign(new Error('stopped after 10 redirects'), { code: 'ETOOMANYREDIRECTS' });
  }

  private dispatcherFor(url: string): Dispatcher {
    if (new URL(url).origin === this.origin) return this.own;
    return (this.foreign ??= new (undici().Agent)({ keepAliveTimeout: 30_000, connectTimeout: 15_000 }));
  }

  async close(): Promise<void> {
    await Promise.all([this.own.close(), this.foreign?.close()]).catch(() => undefined);
  }
}

/** Read a whole (small) body as text, bounded so a hostile registry cannot exhaust memory. */
export async function readBody(res: HttpResponse, limit = 8 << 20): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of res.body) {
    const b = c as Buffer;
    n += b.length;
    if (n > limit) { res.body.destroy(); throw new Error(`response body over ${limit} bytes`); }
    parts.push(b);
  }
  return Buffer.concat(parts);
}
