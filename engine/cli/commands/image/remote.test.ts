import { describe, expect, it } from 'vitest';
import { StatusError } from '../../command.js';
import { parseRemote } from './remote.js';

describe('references as docker/cli 28 parses them', () => {
  it('reads names, tags and digests', () => {
    expect(parseRemote('busybox')).toMatchObject({ ref: { domain: 'docker.io', path: 'library/busybox' }, nameOnly: true });
    expect(parseRemote('127.0.0.1:5000/a/b:v1')).toMatchObject({ ref: { domain: '127.0.0.1:5000', path: 'a/b', tag: 'v1' }, nameOnly: false });
  });

  it('passes an upper-case first component on to the daemon, which refuses it', () => {
    const r = parseRemote('UPPER/case');
    expect(r.ref).toBeUndefined();
    expect(r.daemonError?.message).toBe('invalid reference format: repository name must be lowercase');
    expect(r.nameOnly).toBe(true);
  });

  it('refuses what the client refuses, with the client\'s words', () => {
    expect(() => parseRemote('a%b')).toThrow(new StatusError('invalid reference format', 1));
    expect(() => parseRemote('127.0.0.1:5000/UP/x')).toThrow('invalid reference format: repository name (UP/x) must be lowercase');
  });
});
