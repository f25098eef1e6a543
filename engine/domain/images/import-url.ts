// `docker import URL` / POST /images/create?fromSrc=URL: the tar comes from an HTTP GET (redirects
// followed, as Go's http.Get does; fetch() is no use here, it refuses ports like 1 or 6000); a reply of
// 400 or more fails with its body, as moby's GetWithStatusError words it.
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { EngineError, type ErrorKind } from '../../errors.js';
import { transportError } from '../../registry/errors.js';

export interface ImportSource { url: string; body: AsyncIterable<Buffer>; size: number; close(): void }

/** A bare host/path gets http:// as Docker adds it. docker parity: moby daemon/images/image_import.go */
export const importUrlOf = (src: string) => (src.includes('://') ? src : `http://${src}`);

const MAX_REDIRECTS = 10;

export async function openImportUrl(src: string): Promise<ImportSource> {
  const url = importUrlOf(src);
  const res = await getFollowing(url);
  const status = res.statusCode ?? 0;
  if (status >= 400) {
    const chunks: Buffer[] = [];
    for await (const c of res) if (chunks.reduce((n, b) => n + b.length, 0) < 1 << 20) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8').trim();
    // docker parity: builder/remotecontext/remote.go GetWithStatusError
    const kinds: Record<number, ErrorKind> = { 400: 'invalid-argument', 403: 'permission-denied', 404: 'not-found' };
    throw new EngineError(kinds[status] ?? 'internal', 'import-url-status', `failed to GET ${url} with status ${status} ${res.statusMessage ?? ''}: ${body}`);
  }
  const length = Number(res.headers['content-length'] ?? -1);
  return { url, body: res, size: Number.isFinite(length) ? length : -1, close: () => res.destroy() };
}

async function getFollowing(url: string): Promise<IncomingMessage> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const res = await getOnce(current);
    const location = res.headers.location;
    if (!location || ![301, 302, 303, 307, 308].includes(res.statusCode ?? 0) || hop >= MAX_REDIRECTS) return res;
    res.resume();
    current = new URL(location, current).toString();
  }
}

function getOnce(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
      if (!parsed.hostname) throw new Error('no host');
    } catch {
      reject(new EngineError('invalid-argument', 'import-url-invalid', `Get ${JSON.stringify(url)}: http: no Host in request URL`));
      return;
    }
    const get = parsed.protocol === 'https:' ? httpsGet : parsed.protocol === 'http:' ? httpGet : undefined;
    if (!get) {
      reject(new EngineError('internal', 'import-url-scheme', `Get ${JSON.stringify(url)}: unsupported protocol scheme ${JSON.stringify(parsed.protocol.replace(/:$/, ''))}`));
      return;
    }
    const req = get(parsed, resolve);
    req.on('error', (e: NodeJS.ErrnoException) => {
      // docker parity: a failed DNS lookup is not-found, any other failure to connect a system error
      const kind: ErrorKind = e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' ? 'not-found' : 'internal';
      reject(new EngineError(kind, 'import-url', transportError('GET', url, e).message, { cause: e }));
    });
  });
}
