// An in-process distribution registry for unit tests: manifests, blobs, uploads, mounts, tag lists,
// Basic or Bearer auth with its own token endpoint, blob redirects to a second origin, and faults
// (corrupt blobs, 503s, reset connections). Every request is logged for assertions.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeAuth = { kind: 'none' } | { kind: 'basic'; user: string; pass: string } | { kind: 'bearer'; user: string; pass: string; refreshToken?: string };
export interface LoggedRequest { method: string; path: string; authorization?: string; origin: 'registry' | 'cdn' }

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export class FakeRegistry {
  readonly blobs = new Map<string, Buffer>();
  /** repo → ref (tag or digest) → manifest */
  readonly manifests = new Map<string, Map<string, { bytes: Buffer; type: string }>>();
  /** repo → digests linked into it (HEAD/GET only see these) */
  readonly links = new Map<string, Set<string>>();
  readonly log: LoggedRequest[] = [];
  auth: FakeAuth = { kind: 'none' };
  redirectBlobs = false;
  corrupt = new Set<string>();
  failNext = 0;
  resetNext = 0;
  private uploads = new Map<string, { repo: string; parts: Buffer[] }>();
  private server?: Server;
  private cdn?: Server;
  base = '';
  cdnBase = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res, 'registry'));
    this.cdn = createServer((req, res) => void this.handle(req, res, 'cdn'));
    for (const s of [this.server, this.cdn]) await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.cdnBase = `http://127.0.0.1:${(this.cdn.address() as AddressInfo).port}`;
    return this;
  }

  get host(): string { return this.base.replace('http://', ''); }

  async stop(): Promise<void> {
    for (const s of [this.server, this.cdn]) { s?.closeAllConnections(); await new Promise<void>((r) => (s ? s.close(() => r()) : r())); }
  }

  putBlob(repo: string, data: Buffer): string {
    const d = sha(data);
    this.blobs.set(d, data);
    this.link(repo, d);
    return d;
  }

  putManifest(repo: string, ref: string, bytes: Buffer, type: string): string {
    const m = this.manifests.get(repo) ?? new Map();
    m.set(ref, { bytes, type });
    m.set(sha(bytes), { bytes, type });
    this.manifests.set(repo, m);
    return sha(bytes);
  }

  private link(repo: string, digest: string) {
    const s = this.links.get(repo) ?? new Set();
    s.add(digest);
    this.links.set(repo, s);
  }

  private async handle(req: IncomingMessage, res: ServerResponse, origin: 'registry' | 'cdn'): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    this.log.push({ method: req.method ?? 'GET', path: url.pathname + url.search, authorization: req.headers.authorization, origin });
    const body = await new Promise<Buffer>((r) => { const parts: Buffer[] = []; req.on('data', (c: Buffer) => parts.push(c)); req.on('end', () => r(Buffer.concat(parts))); });
    if (this.resetNext > 0 && url.pathname.includes('/blobs/')) { this.resetNext--; req.socket.destroy(); return; }
    if (this.failNext > 0 && url.pathname.includes('/blobs/')) { this.failNext--; return void res.writeHead(503).end(); }
    if (origin === 'cdn') return this.serveBlob(res, url.pathname.slice(1), req.method === 'HEAD');
    if (url.pathname === '/token') return this.token(req, res, url, body);
    if (!this.authorized(req)) return this.challenge(res, url);
    if (url.pathname === '/v2/') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    const m = /^\/v2\/(.+)\/(manifests|blobs|tags)\/(.*)$/.exec(url.pathname);
    if (!m) return this.error(res, 404, 'NAME_UNKNOWN', 'repository name not known to registry');
    const [, repo, kind, rest] = m as unknown as [string, string, string, string];
    if (kind === 'tags') return this.tags(res, repo);
    if (kind === 'manifests') return this.manifest(req, res, repo, rest, body);
    if (rest.startsWith('uploads')) return this.upload(req, res, repo, rest, url, body);
    if (!this.links.get(repo)?.has(rest)) return this.error(res, 404, 'BLOB_UNKNOWN', 'blob unknown to registry');
    if (this.redirectBlobs && req.method === 'GET') return void res.writeHead(307, { location: `${this.cdnBase}/${rest}` }).end();
    return this.serveBlob(res, rest, req.method === 'HEAD');
  }

  private serveBlob(res: ServerResponse, digest: string, head: boolean): void {
    let data = this.blobs.get(digest);
    if (!data) return this.error(res, 404, 'BLOB_UNKNOWN', 'blob unknown to registry');
    if (this.corrupt.has(digest)) { data = Buffer.from(data); data[data.length - 12] = (data[data.length - 12]! + 1) & 0xff; }
    res.writeHead(200, { 'content-length': data.length, 'docker-content-digest': digest, 'content-type': 'application/octet-stream' });
    res.end(head ? undefined : data);
  }

  private manifest(req: IncomingMessage, res: ServerResponse, repo: string, ref: string, body: Buffer): void {
    if (req.method === 'PUT') {
      const d = this.putManifest(repo, ref, body, String(req.headers['content-type']));
      return void res.writeHead(201, { 'docker-content-digest': d, location: `/v2/${repo}/manifests/${d}` }).end();
    }
    const found = this.manifests.get(repo)?.get(ref);
    if (!found) return this.error(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown', req.method === 'HEAD');
    res.writeHead(200, { 'content-type': found.type, 'docker-content-digest': sha(found.bytes), 'content-length': found.bytes.length });
    res.end(req.method === 'HEAD' ? undefined : found.bytes);
  }

  private upload(req: IncomingMessage, res: ServerResponse, repo: string, rest: string, url: URL, body: Buffer): void {
    const id = rest.split('/')[1];
    if (req.method === 'POST') {
      const mount = url.searchParams.get('mount');
      const from = url.searchParams.get('from');
      if (mount && from && this.links.get(from)?.has(mount)) { this.link(repo, mount); return void res.writeHead(201, { location: `/v2/${repo}/blobs/${mount}` }).end(); }
      const uuid = randomUUID();
      this.uploads.set(uuid, { repo, parts: [] });
      return void res.writeHead(202, { location: `/v2/${repo}/blobs/uploads/${uuid}`, range: '0-0' }).end();
    }
    const up = id ? this.uploads.get(id) : undefined;
    if (!up) return this.error(res, 404, 'BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry');
    if (req.method === 'DELETE') { this.uploads.delete(id!); return void res.writeHead(204).end(); }
    up.parts.push(body);
    if (req.method === 'PATCH') return void res.writeHead(202, { location: `/v2/${repo}/blobs/uploads/${id}?state=x`, range: `0-${Buffer.concat(up.parts).length - 1}` }).end();
    const data = Buffer.concat(up.parts);
    const digest = url.searchParams.get('digest');
    if (digest !== sha(data)) return this.error(res, 400, 'DIGEST_INVALID', 'provided digest did not match uploaded content');
    this.uploads.delete(id!);
    this.putBlob(repo, data);
    res.writeHead(201, { location: `/v2/${repo}/blobs/${digest}`, 'docker-content-digest': digest }).end();
  }

  private tags(res: ServerResponse, repo: string): void {
    const refs = this.manifests.get(repo);
    if (!refs) return this.error(res, 404, 'NAME_UNKNOWN', 'repository name not known to registry');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: repo, tags: [...refs.keys()].filter((k) => !k.includes(':')).sort() }));
  }

  private authorized(req: IncomingMessage): boolean {
    const a = this.auth;
    const h = req.headers.authorization ?? '';
    if (a.kind === 'none') return true;
    if (a.kind === 'basic') return h === `Basic ${Buffer.from(`${a.user}:${a.pass}`).toString('base64')}`;
    return h.startsWith('Bearer tok-');
  }

  private challenge(res: ServerResponse, url: URL): void {
    const a = this.auth;
    const www = a.kind === 'basic' ? 'Basic realm="fake"' : `Bearer realm="${this.base}/token",service="fake-registry"${url.pathname === '/v2/' ? '' : ',scope="repository:x:pull"'}`;
    res.writeHead(401, { 'www-authenticate': www, 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: null }] }));
  }

  private token(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
    const a = this.auth;
    if (a.kind !== 'bearer') return void res.writeHead(404).end();
    if (req.method === 'POST') {
      const form = new URLSearchParams(body.toString('utf8'));
      if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === a.refreshToken) return void res.writeHead(200).end(JSON.stringify({ access_token: `tok-refreshed-${randomUUID()}`, expires_in: 300 }));
      return void res.writeHead(401).end(JSON.stringify({ details: 'invalid refresh token' }));
    }
    const h = req.headers.authorization;
    if (h && h !== `Basic ${Buffer.from(`${a.user}:${a.pass}`).toString('base64')}`) return void res.writeHead(401).end(JSON.stringify({ details: 'incorrect username or password' }));
    const offline = url.searchParams.get('offline_token') === 'true' && h && a.refreshToken;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `tok-${h ? 'user' : 'anon'}-${randomUUID()}`, expires_in: 300, ...(offline ? { refresh_token: a.refreshToken } : {}) }));
  }

  private error(res: ServerResponse, status: number, code: string, message: string, head = false): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(head ? undefined : JSON.stringify({ errors: [{ code, message, detail: null }] }));
  }
}
