import { describe, expect, it } from 'vitest';
import {
  familiarize, familiarString, normalizeTag, parseAnyReference, parseNormalizedNamed, referenceString, ReferenceError, withDefaultTag,
} from './reference.js';

const norm = (s: string) => referenceString(withDefaultTag(parseNormalizedNamed(s)));
const D = 'sha256:' + 'a'.repeat(64);

describe('parseNormalizedNamed', () => {
  it.each([
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox:1.36', 'docker.io/library/busybox:1.36'],
    ['user/app', 'docker.io/user/app:latest'],
    ['index.docker.io/library/x', 'docker.io/library/x:latest'],
    ['localhost/app:v1', 'localhost/app:v1'],
    ['localhost:5000/a/b:c', 'localhost:5000/a/b:c'],
    ['quay.io/org/app', 'quay.io/org/app:latest'],
    [`busybox@${D}`, `docker.io/library/busybox@${D}`],
    [`busybox:1@${D}`, `docker.io/library/busybox:1@${D}`],
    ['a.b-c_d__e/f', 'a.b-c_d__e/f:latest'],
  ])('%s → %s', (input, expected) => expect(norm(input)).toBe(expected));

  it.each([
    ['Busybox', 'invalid reference format: repository name must be lowercase'],
    ['a:b:c', 'invalid reference format'],
    ['', 'invalid reference format'],
    ['-x', 'invalid reference format'],
    ['x:-y', 'invalid reference format'],
    ['a'.repeat(64), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    ['x@sha256:abc', 'invalid reference format'],
    [`x@sha256:${'a'.repeat(63)}z`, 'invalid reference format'],
  ])('rejects %s', (input, message) => {
    expect(() => parseNormalizedNamed(input)).toThrow(message);
  });

  it('client message names the repository', () => {
    try { parseNormalizedNamed('Bad'); } catch (e) {
      expect((e as ReferenceError).clientMessage).toBe('invalid reference format: repository name (library/Bad) must be lowercase');
    }
  });

  it('upper-case registry host is allowed', () => {
    expect(norm('MyHost.example/x')).toBe('MyHost.example/x:latest');
  });
});

describe('familiar forms', () => {
  it.each([
    ['docker.io/library/busybox:latest', 'busybox:latest'],
    ['docker.io/user/app:1', 'user/app:1'],
    ['localhost/app:v1', 'localhost/app:v1'],
    [`docker.io/library/busybox@${D}`, `busybox@${D}`],
  ])('%s → %s', (q, f) => expect(familiarize(q)).toBe(f));
  it('familiarString keeps the tag as given', () => expect(familiarString(parseNormalizedNamed('busybox'))).toBe('busybox'));
  it('normalizeTag', () => expect(normalizeTag('x')).toBe('docker.io/library/x:latest'));
});

describe('parseAnyReference', () => {
  it('64 hex is an id', () => expect(parseAnyReference('b'.repeat(64))).toEqual({ kind: 'digest', digest: `sha256:${'b'.repeat(64)}` }));
  it('sha256:… is an id', () => expect(parseAnyReference(D)).toEqual({ kind: 'digest', digest: D }));
  it('short hex is a name', () => expect(parseAnyReference('7cec26')).toMatchObject({ kind: 'named', ref: { path: 'library/7cec26' } }));
  it('name:hex-tag is a name', () => expect(parseAnyReference('busybox:1234abcd')).toMatchObject({ kind: 'named', ref: { tag: '1234abcd' } }));
});
