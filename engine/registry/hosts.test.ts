import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialKeyOf, endpointsFor, isInsecure, loadTlsMaterial, normalizeServer, registryConfigFrom, type RegistryConfig } from './hosts.js';

const cfg = (insecure: string[] = []): RegistryConfig => ({ insecureRegistries: insecure, certsDirs: [], userAgent: 't', maxDownloads: 3, maxUploads: 5 });

describe('registry hosts (Docker\'s rules)', () => {
  it('treats 127.0.0.0/8, listed names and CIDRs as insecure, never Docker Hub', async () => {
    const none = async () => ['192.0.2.9'];
    expect(await isInsecure('127.0.0.1:5000', cfg())).toBe(true);
    expect(await isInsecure('localhost:5000', cfg(), async () => ['127.0.0.1'])).toBe(true);
    expect(await isInsecure('reg.example:5000', cfg(), none)).toBe(false);
    expect(await isInsecure('reg.example:5000', cfg(['reg.example:5000']), none)).toBe(true);
    expect(await isInsecure('reg.example', cfg(['192.0.2.0/24']), none)).toBe(true);
    expect(await isInsecure('docker.io', cfg(['0.0.0.0/0']))).toBe(false);
  });

  it('tries HTTPS first and plain HTTP only for insecure registries; Docker Hub is registry-1.docker.io', async () => {
    expect((await endpointsFor('127.0.0.1:5000', cfg())).map((e) => [e.base, e.tls?.rejectUnauthorized])).toEqual([['https://127.0.0.1:5000', false], ['http://127.0.0.1:5000', undefined]]);
    expect((await endpointsFor('docker.io', cfg())).map((e) => e.base)).toEqual(['https://registry-1.docker.io']);
    expect(credentialKeyOf('docker.io')).toBe('https://index.docker.io/v1/');
    expect(normalizeServer('https://index.docker.io/v1/')).toBe('docker.io');
    expect(normalizeServer('http://127.0.0.1:5000/')).toBe('127.0.0.1:5000');
  });

  it('reads certs.d: *.crt are CAs, *.cert needs its *.key', () => {
    const root = mkdtempSync(join(tmpdir(), 'skiff-certs-'));
    try {
      mkdirSync(join(root, 'r.example:5000'));
      writeFileSync(join(root, 'r.example:5000', 'ca.crt'), 'CA');
      writeFileSync(join(root, 'r.example:5000', 'client.cert'), 'CERT');
      writeFileSync(join(root, 'r.example:5000', 'client.key'), 'KEY');
      const m = loadTlsMaterial('r.example:5000', [root], true);
      expect(m.ca!.at(-1)).toBe('CA');
      expect([m.cert, m.key, m.rejectUnauthorized]).toEqual(['CERT', 'KEY', true]);
      rmSync(join(root, 'r.example:5000', 'client.key'));
      expect(() => loadTlsMaterial('r.example:5000', [root], true)).toThrow('missing key client.key for client certificate client.cert. CA certificates must use the extension .crt');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('takes insecure registries from the environment and daemon.json, certs.d per identity', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-daemonjson-'));
    writeFileSync(join(dir, 'daemon.json'), JSON.stringify({ 'insecure-registries': ['a.example:5000'] }));
    const c = registryConfigFrom({ SKIFF_DAEMON_JSON: join(dir, 'daemon.json'), SKIFF_INSECURE_REGISTRIES: 'b.example, 10.0.0.0/8' }, { rootless: true, home: '/home/u' });
    expect(c.insecureRegistries).toEqual(['a.example:5000', 'b.example', '10.0.0.0/8']);
    expect(c.certsDirs).toEqual(['/home/u/.config/docker/certs.d', '/etc/docker/certs.d']);
    expect(c.maxDownloads).toBe(3);
    rmSync(dir, { recursive: true, force: true });
  });
});
