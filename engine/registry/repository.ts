// Repository operations of the distribution API v2: manifests by tag or digest, blobs (with
// redirects), blob existence, cross-repository mounts, uploads and tag lists.
import type { Readable } from 'node:stream';
import { EngineError } from '../errors.js';
import { sha256Digest } from '../storage/digest.js';
import type { Action, RegistryClient } from './client.js';
import { MANIFEST_ACCEPT } from './media-types.js';
import { header, readBody } from './transport.js';

export interface FetchedManifest { bytes: Buffer; contentType: string; digest: string }
export interface BlobReply { body: AsyncIterable<Buffer> & { destroy(e?: Error): void }; size?: number }

const isDigest = (ref: string) => ref.includes(':');

export class Repository {
  constructor(private readonly client: RegistryClient, readonly path: string, private readonly actions: Action[]) {}

  /** Docker orders push before pull in a scope ("repository:a/b:push,pull"). */
  private get scopes(): string[] {
    const acts = this.actions.includes('push') ? 'push,pull' : 'pull';
    return [`repository:${this.path}:${acts}`];
  }

  private p(rest: string) { return `/v2/${this.path}/${rest}`; }

  /**
   * A manifest by tag or digest. A tag is resolved as Docker 20.10 does it: HEAD for the digest, then
   * GET by digest (a registry that answers the HEAD without a digest, or with an error, gets a GET by
   * tag, whose body carries the error details). By digest the bytes must hash to it.
   */
  async manifest(ref: string): Promise<FetchedManifest> {
    let target = ref;
    if (!isDigest(ref)) {
      const head = await this.client.send(this.p(`manifests/${ref}`), this.scopes, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT } });
      await head.body.dump().catch(() => undefined);
      const digest = header(head.headers, 'docker-content-digest');
      if (head.status >= 200 && head.status < 400 && digest && /^sha256:[a-f0-9]{64}$/.test(digest)) target = digest;
    }
    const res = await this.client.expect(await this.client.send(this.p(`manifests/${target}`), this.scopes, { headers: { accept: MANIFEST_ACCEPT } }), 200);
    const bytes = await readBody(res, 8 << 20);
    const digest = sha256Digest(bytes);
    if (isDigest(target) && digest !== target) {
      throw new EngineError('invalid-argument', 'manifest-digest-mismatch', `manifest verification failed for digest ${target}`);
    }
    return { bytes, contentType: header(res.headers, 'content-type') ?? '', digest };
  }

  /** The digest a tag points to, or undefined when the registry does not know it. */
  async manifestDigest(ref: string): Promise<string | undefined> {
    const res = await this.client.send(this.p(`manifests/${ref}`), this.scopes, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT } });
    await res.body.dump().catch(() => undefined);
    if (res.status === 404) return undefined;
    await this.client.expect(res, 200);
    return header(res.headers, 'docker-content-digest');
  }

  async blob(digest: string): Promise<BlobReply> {
    const res = await this.client.expect(await this.client.send(this.p(`blobs/${digest}`), this.scopes, { redirects: true }), 200);
    const len = header(res.headers, 'content-length');
    return { body: res.body as unknown as BlobReply['body'], size: len === undefined ? undefined : Number(len) };
  }

  async blobBytes(digest: string, limit = 64 << 20): Promise<Buffer> {
    const res = await this.client.expect(await this.client.send(this.p(`blobs/${digest}`), this.scopes, { redirects: true }), 200);
    const bytes = await readBody(res, limit);
    if (sha256Digest(bytes) !== digest) throw new EngineError('invalid-argument', 'digest-mismatch', `digest mismatch: expected ${digest}, got ${sha256Digest(bytes)}`);
    return bytes;
  }

  /** HEAD a blob: its size when this repository has it. */
  async hasBlob(digest: string): Promise<number | undefined> {
    const res = await this.client.send(this.p(`blobs/${digest}`), this.scopes, { method: 'HEAD', redirects: true });
    await res.body.dump().catch(() => undefined);
    if (res.status === 404) return undefined;
    await this.client.expect(res, 200);
    return Number(header(res.headers, 'content-length') ?? 0);
  }

  /** Ask for a cross-repository mount; true when mounted, else the upload session the registry opened instead. */
  async mount(digest: string, from: string): Promise<true | string> {
    const q = new URLSearchParams({ mount: digest, from });
    const scopes = [...this.scopes, `repository:${from}:pull`];
    const res = await this.client.send(`${this.p('blobs/uploads/')}?${q}`, scopes, { method: 'POST', headers: { 'content-length': '0' }, body: '' });
    await res.body.dump().catch(() => undefined);
    if (res.status === 201) return true;
    await this.client.expect(res, 202);
    return this.location(res.headers.location);
  }

  async startUpload(): Promise<string> {
    const res = await this.client.send(this.p('blobs/uploads/'), this.scopes, { method: 'POST', headers: { 'content-length': '0' }, body: '' });
    await this.client.expect(res, 202);
    await res.body.dump().catch(() => undefined);
    return this.location(res.headers.location);
  }

  /**
   * Stream a blob into an upload session (PATCH, chunked), then close it with its digest (PUT). The
   * digest may be a function: a blob compressed on the fly is known only once it has been sent.
   */
  async upload(session: string, body: Readable | AsyncIterable<Buffer>, digest: string | (() => string), size?: number): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    if (size !== undefined) headers['content-length'] = String(size);
    const patched = await this.client.expect(await this.client.send(session, this.scopes, { method: 'PATCH', headers, body }), 202, 204);
    await patched.body.dump().catch(() => undefined);
    const put = new URL(patched.headers.location ? this.location(patched.headers.location) : session);
    put.searchParams.set('digest', typeof digest === 'function' ? digest() : digest);
    const done = await this.client.expect(await this.client.send(put.toString(), this.scopes, { method: 'PUT', headers: { 'content-length': '0' }, body: '' }), 201, 204);
    await done.body.dump().catch(() => undefined);
  }

  /** Abandon an upload session (a mount the registry answered with a session instead). */
  async cancelUpload(session: string): Promise<void> {
    const res = await this.client.send(session, this.scopes, { method: 'DELETE' });
    await res.body.dump().catch(() => undefined);
  }

  /** Upload a small blob in one request (POST then PUT with the body). */
  async uploadBytes(bytes: Buffer, digest: string): Promise<void> {
    const put = new URL(await this.startUpload());
    put.searchParams.set('digest', digest);
    const res = await this.client.send(put.toString(), this.scopes, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    await (await this.client.expect(res, 201, 204)).body.dump().catch(() => undefined);
  }

  async putManifest(ref: string, bytes: Buffer, mediaType: string): Promise<string> {
    const res = await this.client.expect(await this.client.send(this.p(`manifests/${ref}`), this.scopes, { method: 'PUT', headers: { 'content-type': mediaType }, body: bytes }), 201, 200);
    await res.body.dump().catch(() => undefined);
    return header(res.headers, 'docker-content-digest') ?? sha256Digest(bytes);
  }

  /** All tags, following `Link: <…>; rel="next"` pages. */
  async tags(): Promise<string[]> {
    const out: string[] = [];
    let next: string | undefined = this.p('tags/list');
    while (next) {
      const res = await this.client.expect(await this.client.send(next, this.scopes), 200);
      const doc = JSON.parse((await readBody(res, 16 << 20)).toString('utf8')) as { tags?: string[] | null };
      out.push(...(doc.tags ?? []));
      const link = header(res.headers, 'link');
      next = link ? /<([^>]+)>;\s*rel="?next"?/.exec(link)?.[1] : undefined;
    }
    return out;
  }

  private location(value: string | string[] | undefined): string {
    const v = Array.isArray(value) ? value[0] : value;
    if (!v) throw new EngineError('unavailable', 'no-location', 'registry did not return an upload location');
    return new URL(v, this.client.base).toString();
  }
}
