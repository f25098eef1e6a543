import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { RegistryClient } from './client.js';
import type { RegistryConfig } from './hosts.js';
import { FakeRegistry } from './testing/fake-registry.js';

const config: RegistryConfig = { insecureRegistries: [], certsDirs: [], userAgent: 'skiff-test', maxDownloads: 3, maxUploads: 5 };
const MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
let reg: FakeRegistry;

beforeAll(async () => { reg = await new FakeRegistry().start(); });
afterAll(async () => { await reg.stop(); });
beforeEach(() => { reg.log.length = 0; reg.auth = { kind: 'none' }; reg.redirectBlobs = false; });

async function drain(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c);
  return Buffer.concat(parts);
}

describe('RegistryClient', () => {
  it('falls back from HTTPS to plain HTTP for a loopback registry and resolves a tag like Docker (HEAD, then GET by digest)', async () => {
    const digest = reg.putManifest('a/b', 'v1', Buffer.from('{"schemaVersion":2}'), MANIFEST);
    const client = await RegistryClient.connect(reg.host, config);
    expect(client.base).toBe(reg.base);
    const m = await client.repository('a/b').manifest('v1');
    expect(m.digest).toBe(digest);
    expect(reg.log.filter((r) => r.path.includes('manifests')).map((r) => `${r.method} ${r.path}`)).toEqual([`HEAD /v2/a/b/manifests/v1`, `GET /v2/a/b/manifests/${digest}`]);
    await client.close();
  });

  it('reports an unknown manifest with the registry\'s error code and message', async () => {
    const client = await RegistryClient.connect(reg.host, config);
    await expect(client.repository('a/b').manifest('nope')).rejects.toThrow('manifest unknown: manifest unknown');
    await client.close();
  });

  it('gets an anonymous bearer token for the repository scope, and one with credentials that names the account', async () => {
    reg.auth = { kind: 'bearer', user: 'alice', pass: 'pw' };
    reg.putManifest('a/b', 'v1', Buffer.from('{}'), MANIFEST);
    const anon = await RegistryClient.connect(reg.host, config);
    await anon.repository('a/b').manifest('v1');
    const tokenReq = reg.log.find((r) => r.path.startsWith('/token'))!;
    expect(tokenReq.path).toBe('/token?service=fake-registry&scope=repository%3Aa%2Fb%3Apull');
    expect(tokenReq.authorization).toBeUndefined();
    reg.log.length = 0;
    const user = await RegistryClient.connect(reg.host, config, { username: 'alice', password: 'pw' });
    await user.repository('a/b', ['push']).hasBlob(`sha256:${'0'.repeat(64)}`);
    const t2 = reg.log.find((r) => r.path.startsWith('/token'))!;
    expect(t2.path).toBe('/token?service=fake-registry&scope=repository%3Aa%2Fb%3Apush%2Cpull&account=alice');
    expect(t2.authorization).toBe(`Basic ${Buffer.from('alice:pw').toString('base64')}`);
    await Promise.all([anon.close(), user.close()]);
  });

  it('sends Basic credentials on every request, and fails like Docker without them', async () => {
    reg.auth = { kind: 'basic', user: 'alice', pass: 'pw' };
    reg.putManifest('a/b', 'v1', Buffer.from('{}'), MANIFEST);
    const ok = await RegistryClient.connect(reg.host, config, { username: 'alice', password: 'pw' });
    await ok.repository('a/b').manifest('v1');
    expect(reg.log.filter((r) => r.path !== '/v2/').every((r) => r.authorization?.startsWith('Basic '))).toBe(true);
    const anon = await RegistryClient.connect(reg.host, config);
    await expect(anon.repository('a/b').manifest('v1')).rejects.toThrow(`Head "${reg.base}/v2/a/b/manifests/v1": no basic auth credentials`);
    await Promise.all([ok.close(), anon.close()]);
  });

  it('follows blob redirects without handing the Authorization header to the other origin', async () => {
    reg.auth = { kind: 'bearer', user: 'alice', pass: 'pw' };
    reg.redirectBlobs = true;
    const d = reg.putBlob('a/b', Buffer.from('hello blob'));
    const client = await RegistryClient.connect(reg.host, config);
    const blob = await client.repository('a/b').blob(d);
    expect((await drain(blob.body)).toString()).toBe('hello blob');
    const cdn = reg.log.filter((r) => r.origin === 'cdn');
    expect(cdn).toHaveLength(1);
    expect(cdn[0]!.authorization).toBeUndefined();
    await client.close();
  });

  it('retries blob requests after 503 replies and reset connections', async () => {
    const d = reg.putBlob('a/b', Buffer.from('retry me'));
    const client = await RegistryClient.connect(reg.host, config);
    client.transport.backoffMs = 5;
    reg.failNext = 2;
    expect((await drain((await client.repository('a/b').blob(d)).body)).toString()).toBe('retry me');
    reg.resetNext = 1;
    expect((await drain((await client.repository('a/b').blob(d)).body)).toString()).toBe('retry me');
    await client.close();
  });

  it('verifies login: a refresh token from the realm, or Docker\'s message for refused Basic credentials', async () => {
    reg.auth = { kind: 'bearer', user: 'alice', pass: 'pw', refreshToken: 'refresh-1' };
    const c1 = await RegistryClient.connect(reg.host, config, { username: 'alice', password: 'pw' });
    expect(await c1.login()).toEqual({ identityToken: 'refresh-1' });
    expect(reg.log.find((r) => r.path.startsWith('/token'))!.path).toContain('client_id=docker&offline_token=true');
    reg.auth = { kind: 'basic', user: 'alice', pass: 'pw' };
    const c2 = await RegistryClient.connect(reg.host, config, { username: 'alice', password: 'bad' });
    await expect(c2.login()).rejects.toThrow(`login attempt to ${reg.base}/v2/ failed with status: 401 Unauthorized`);
    await Promise.all([c1.close(), c2.close()]);
  });

  it('uses an identity token through the OAuth2 refresh grant', async () => {
    reg.auth = { kind: 'bearer', user: 'alice', pass: 'pw', refreshToken: 'refresh-2' };
    const d = reg.putBlob('a/b', Buffer.from('x'));
    const client = await RegistryClient.connect(reg.host, config, { identityToken: 'refresh-2' });
    expect(await client.repository('a/b').hasBlob(d)).toBe(1);
    expect(reg.log.some((r) => r.method === 'POST' && r.path === '/token')).toBe(true);
    await client.close();
  });

  it('mounts across repositories and uploads in PATCH + PUT', async () => {
    const d = reg.putBlob('a/src', Buffer.from('shared'));
    const client = await RegistryClient.connect(reg.host, config);
    const repo = client.repository('a/dst', ['push']);
    expect(await repo.mount(d, 'a/src')).toBe(true);
    const session = await repo.startUpload();
    const data = Buffer.from('new layer');
    const digest = `sha256:${(await import('node:crypto')).createHash('sha256').update(data).digest('hex')}`;
    await repo.upload(session, [data] as unknown as AsyncIterable<Buffer>, digest);
    expect(await repo.hasBlob(digest)).toBe(data.length);
    await client.close();
  });

  it('names a refused connection as Go does', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    await expect(RegistryClient.connect(`127.0.0.1:${port}`, config)).rejects.toThrow(`Get "http://127.0.0.1:${port}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused`);
  });
});
