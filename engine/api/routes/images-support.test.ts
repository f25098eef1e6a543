import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.js';
import { parseNormalizedNamed } from '../../images/reference.js';
import { RegistryError, TransportError } from '../../registry/errors.js';
import { ApiError, statusOf } from '../status.js';
import { authFromHeader, registryFailure, wireMessage, withTag, wrapped } from './images-support.js';

const b64url = (s: string) => Buffer.from(s).toString('base64url');

describe('X-Registry-Auth', () => {
  it('decodes base64url JSON, field names in any case, ignoring what is undecodable (as dockerd)', () => {
    expect(authFromHeader(undefined)).toBeUndefined();
    expect(authFromHeader('e30=')).toEqual({});
    expect(authFromHeader(b64url('{"username":"u","password":"p?>","serveraddress":"h"}'))).toEqual({ username: 'u', password: 'p?>' });
    expect(authFromHeader(b64url('{"Username":"u","IdentityToken":"t","registrytoken":"r","email":""}'))).toEqual({ username: 'u', identityToken: 't', registryToken: 'r' });
    expect(authFromHeader('!!!')).toEqual({});
    expect(authFromHeader(b64url('[1]'))).toEqual({});
    expect(authFromHeader(b64url('{"username":5}'))).toEqual({});
  });
});

describe('wireMessage', () => {
  it('orders fields as jsonmessage does and adds the 200-column progress bar', () => {
    const m = wireMessage({ id: 'abc', progressDetail: { current: 32768, total: 300288 }, status: 'Downloading' });
    expect(Object.keys(m)).toEqual(['status', 'progressDetail', 'progress', 'id']);
    expect(m.progress).toBe(`[=====>${' '.repeat(45)}]  32.77kB/300.3kB`);
    expect(wireMessage({ status: 'Pulling fs layer', progressDetail: {}, id: 'x' })).toEqual({ status: 'Pulling fs layer', progressDetail: {}, id: 'x' });
    expect(wireMessage({ status: 'Importing', progressDetail: { current: 5, total: 0 }, id: '' })).toEqual({ status: 'Importing', progressDetail: { current: 5 }, progress: '      5B' });
    expect(Object.keys(wireMessage({ aux: { Tag: 't' }, progressDetail: {} }))).toEqual(['progressDetail', 'aux']);
  });
});

describe('withTag', () => {
  const ref = parseNormalizedNamed('127.0.0.1:5000/a/b:old');
  it('replaces the tag, pins a digest only where pull allows it, and refuses a bad tag with the route\'s status', () => {
    expect(withTag(ref, '', 400)).toBe(ref);
    expect(withTag(ref, 'v1', 400)).toEqual({ domain: '127.0.0.1:5000', path: 'a/b', tag: 'v1' });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(withTag(ref, digest, 400, { digests: true })).toEqual({ domain: '127.0.0.1:5000', path: 'a/b', digest });
    expect(() => withTag(ref, digest, 500)).toThrow(expect.objectContaining({ status: 500, message: 'invalid tag format' }));
    expect(() => withTag(ref, 'b@d', 400)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('registryFailure', () => {
  it('gives dockerd\'s statuses for registry failures', () => {
    const refused = new TransportError('GET', 'http://h/v2/', 'dial tcp h:80: connect: connection refused', false);
    expect(statusOf(registryFailure(refused))).toBe(500);
    const unauthorized = new RegistryError(401, [{ code: 'UNAUTHORIZED', message: 'authentication required' }], 'unauthorized: authentication required');
    expect(statusOf(registryFailure(unauthorized))).toBe(500);
    expect(statusOf(registryFailure(unauthorized, { registryStatus: true }))).toBe(401);
    expect(statusOf(registryFailure(new RegistryError(502, [], 'received unexpected HTTP status: 502 Bad Gateway'), { registryStatus: true }))).toBe(500);
    const notFound = new EngineError('not-found', 'manifest-unknown', 'manifest for x not found');
    expect(registryFailure(notFound)).toBe(notFound);
  });

  it('wraps messages keeping the class', () => {
    expect(statusOf(wrapped(new EngineError('not-found', 'x', 'No such image: a:latest'), 'no such image: a'))).toBe(404);
    expect((wrapped(new ApiError(500, 'm'), 'p') as Error).message).toBe('p: m');
  });
});
