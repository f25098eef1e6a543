// The pure pieces of the distribution client: challenges, platforms, manifests, error texts.
import { describe, expect, it } from 'vitest';
import { parseChallenges } from './challenge.js';
import { describeEntry, registryErrorFrom, transportError } from './errors.js';
import { parseManifest, selectPlatform, type ImageIndex } from './manifest.js';
import { MediaType } from './media-types.js';
import { hostPlatform, matchRank, parsePlatform } from './platform.js';

describe('WWW-Authenticate', () => {
  it('parses Bearer parameters, quoted commas included, and several challenges', () => {
    const [c] = parseChallenges(['Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"']);
    expect(c).toEqual({ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push' } });
    const all = parseChallenges(['Basic realm="r", Bearer realm="x",error="insufficient_scope"']);
    expect(all.map((x) => x.scheme)).toEqual(['basic', 'bearer']);
    expect(all[1]!.params.error).toBe('insufficient_scope');
  });
});

describe('platforms', () => {
  it('parses like containerd, with Docker\'s error', () => {
    expect(parsePlatform('linux/amd64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(parsePlatform('linux/aarch64')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(parsePlatform('linux/arm')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(parsePlatform('arm64', { os: 'linux', architecture: 'amd64' })).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(parsePlatform('windows', { os: 'linux', architecture: 'amd64' })).toEqual({ os: 'windows', architecture: 'amd64' });
    expect(() => parsePlatform('bogus')).toThrow('"bogus": unknown operating system or architecture: invalid argument');
    expect(hostPlatform('x64')).toEqual({ os: 'linux', architecture: 'amd64' });
  });

  it('ranks exact variants first and lets arm v7 run v6', () => {
    const v7 = { os: 'linux', architecture: 'arm', variant: 'v7' };
    expect(matchRank(v7, { os: 'linux', architecture: 'arm', variant: 'v7' })).toBe(0);
    expect(matchRank(v7, { os: 'linux', architecture: 'arm', variant: 'v6' })).toBe(1);
    expect(matchRank(v7, { os: 'linux', architecture: 'arm', variant: 'v8' })).toBe(-1);
    expect(matchRank({ os: 'linux', architecture: 'arm64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe(0);
    expect(matchRank({ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' })).toBe(-1);
  });
});

describe('manifests', () => {
  const digest = (c: string) => `sha256:${c.repeat(64)}`;
  const manifest = { schemaVersion: 2, mediaType: MediaType.dockerManifest, config: { mediaType: MediaType.dockerConfig, size: 1, digest: digest('a') }, layers: [{ mediaType: MediaType.dockerLayer, size: 2, digest: digest('b') }] };

  it('tells manifests from indexes by mediaType, Content-Type or shape', () => {
    expect(parseManifest(Buffer.from(JSON.stringify(manifest)), MediaType.dockerManifest).kind).toBe('manifest');
    const { mediaType: _m, ...bare } = manifest;
    expect(parseManifest(Buffer.from(JSON.stringify(bare)), `${MediaType.ociManifest}; charset=utf-8`).mediaType).toBe(MediaType.ociManifest);
    expect(parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [] })), 'application/json').kind).toBe('index');
  });

  it('refuses a mediaType that contradicts the header, schema 1 and bad digests', () => {
    expect(() => parseManifest(Buffer.from(JSON.stringify(manifest)), MediaType.ociManifest)).toThrow(`mediaType in manifest should be '${MediaType.ociManifest}' not '${MediaType.dockerManifest}'`);
    expect(() => parseManifest(Buffer.from('{"schemaVersion":1}'), MediaType.dockerSchema1)).toThrow('Schema 1');
    expect(() => parseManifest(Buffer.from(JSON.stringify({ ...manifest, layers: [{ digest: '../x' }] })), MediaType.dockerManifest)).toThrow('invalid layer digest');
  });

  it('selects the host entry of an index, skipping attestations, with Docker\'s error when none fits', () => {
    const index: ImageIndex = { schemaVersion: 2, manifests: [
      { mediaType: MediaType.ociManifest, digest: digest('1'), size: 1, platform: { os: 'unknown', architecture: 'unknown' } },
      { mediaType: MediaType.ociManifest, digest: digest('2'), size: 1, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      { mediaType: MediaType.ociManifest, digest: digest('3'), size: 1, platform: { os: 'linux', architecture: 'amd64' } },
    ] };
    expect(selectPlatform(index, { os: 'linux', architecture: 'amd64' }).digest).toBe(digest('3'));
    expect(selectPlatform(index, { os: 'linux', architecture: 'arm64' }).digest).toBe(digest('2'));
    expect(() => selectPlatform(index, { os: 'linux', architecture: 's390x' })).toThrow('no matching manifest for linux/s390x in the manifest list entries');
  });
});

describe('error texts', () => {
  it('reads registry errors as errcode does, and RFC 6750 codes from the challenge first', () => {
    expect(registryErrorFrom(404, '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}').message).toBe('manifest unknown: manifest unknown');
    expect(registryErrorFrom(500, 'oops').message).toBe('received unexpected HTTP status: 500 Internal Server Error');
    const denied = registryErrorFrom(401, '', [{ scheme: 'bearer', params: { error: 'insufficient_scope' } }]);
    expect(denied.first!.code).toBe('DENIED');
    expect(describeEntry(denied.first!)).toBe('denied: requested access to the resource is denied');
    expect(registryErrorFrom(401, '').message).toBe('unauthorized: authentication required');
  });

  it('words transport failures like Go', () => {
    const refused = transportError('GET', 'http://127.0.0.1:5999/v2/', Object.assign(new Error('x'), { code: 'ECONNREFUSED' }));
    expect(refused.message).toBe('Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused');
    const x509 = transportError('HEAD', 'https://r.example/v2/', Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }));
    expect(x509.message).toBe('Head "https://r.example/v2/": x509: certificate signed by unknown authority');
    expect(x509.tlsFailure).toBe(true);
  });
});
