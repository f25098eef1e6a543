import { describe, expect, it } from 'vitest';
import type { MountPoint } from '../../model/volume.js';
import { collectUserMounts, isValidMountMode } from './user-mounts.js';
import { mergeTmpfsOptions, tmpfsDataFromMount, tmpfsMountOptions } from './tmpfs-options.js';

const binds = (...Binds: string[]) => collectUserMounts({ Binds, Mounts: [], Tmpfs: {} });

describe('-v binds', () => {
  it('parses host:ctr[:mode] with Docker\'s defaults (rbind, rprivate, create a missing source)', () => {
    expect(binds('/h:/c')).toEqual([{ type: 'bind', source: '/h', destination: '/c', readOnly: false, propagation: 'rprivate', nonRecursive: false, data: '', missingSource: 'create' }]);
    expect(binds('/h:/c:ro,rslave')[0]).toMatchObject({ readOnly: true, propagation: 'rslave' });
    expect(binds('/h:/c/../d/:z')[0]).toMatchObject({ destination: '/d', readOnly: false });
  });

  it('accepts one word of each kind', () => {
    for (const m of ['rw', 'ro', 'z', 'Z', 'shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate', 'nocopy', 'z,ro', 'cached']) {
      expect(isValidMountMode(m)).toBe(true);
    }
    expect(isValidMountMode('ro,rw')).toBe(false);
    expect(isValidMountMode('shared,slave')).toBe(false);
  });

  it('reports bad specs with the texts Docker 20.10 printed', () => {
    expect(() => binds('/h:/x:bogus')).toThrow('invalid mode: bogus');
    expect(() => binds('/h:/x:ro,rw')).toThrow('invalid mode: ro,rw');
    expect(() => binds('a:b:c:d')).toThrow("invalid volume specification: 'a:b:c:d'");
    expect(() => binds('/h:rel')).toThrow(`invalid volume specification: '/h:rel': invalid mount config for type "bind": invalid mount path: 'rel' mount path must be absolute`);
    expect(() => binds('/h:/x:nocopy')).toThrow(`invalid volume specification: '/h:/x:nocopy': invalid mount config for type "bind": field VolumeOptions must not be specified`);
    expect(() => binds('/foo:rw')).toThrow("invalid volume specification: '/foo:rw'");
    expect(() => binds('/h:/')).toThrow("destination can't be '/'");
  });

  it('named and anonymous volumes take their source from the mount points made at create', () => {
    const mp = (Destination: string, Name: string, RW = true): MountPoint =>
      ({ Type: 'volume', Name, Source: `/v/${Name}/_data`, Destination, Driver: 'local', Mode: 'z', RW, Propagation: '' });
    const hc = { Binds: ['data:/x', '/h:/y:ro'], Mounts: [{ Type: 'volume' as const, Target: '/m', ReadOnly: true }], Tmpfs: {} };
    const all = collectUserMounts(hc, [mp('/x', 'data'), mp('/m', 'anon', false), mp('/img', 'image-vol'), { ...mp('/from', 'other'), Type: 'bind', Source: '/srv', Propagation: 'rslave' }]);
    expect(all.map((m) => [m.destination, m.source, m.readOnly, m.propagation])).toEqual([
      ['/x', '/v/data/_data', false, ''], ['/y', '/h', true, 'rprivate'], ['/m', '/v/anon/_data', true, ''],
      ['/img', '/v/image-vol/_data', false, ''], ['/from', '/srv', false, 'rslave'],
    ]);
    expect(all.every((m) => m.type === 'bind')).toBe(true);
    expect(() => binds('data:/x')).toThrow(expect.objectContaining({ kind: 'internal', code: 'volume-unresolved' }));
  });

  it('rejects a duplicate mount point across -v, --mount and --tmpfs', () => {
    expect(() => binds('/a:/x', '/b:/x')).toThrow('Duplicate mount point: /x');
    expect(() => collectUserMounts({ Binds: ['/a:/x'], Mounts: [], Tmpfs: { '/x': '' } })).toThrow('Duplicate mount point: /x');
  });
});

describe('--mount', () => {
  it('bind: readonly, propagation, and the source must exist (checked by the caller)', () => {
    const [m] = collectUserMounts({ Binds: null, Tmpfs: {}, Mounts: [{ Type: 'bind', Source: '/h', Target: '/m', ReadOnly: true, BindOptions: { Propagation: 'private' } }] });
    expect(m).toMatchObject({ type: 'bind', source: '/h', destination: '/m', readOnly: true, propagation: 'private', missingSource: 'error' });
  });

  it('validates like Docker', () => {
    const one = (spec: object) => () => collectUserMounts({ Binds: null, Tmpfs: {}, Mounts: [spec as never] });
    expect(one({ Type: 'bind', Source: '/h', Target: 'rel' })).toThrow(`invalid mount config for type "bind": invalid mount path: 'rel' mount path must be absolute`);
    expect(one({ Type: 'bind', Target: '/x' })).toThrow('field Source must not be empty');
    expect(one({ Type: 'bind', Source: '/h', Target: '/x', BindOptions: { Propagation: 'weird' } })).toThrow('invalid propagation mode: weird');
    expect(one({ Type: 'tmpfs', Source: '/h', Target: '/x' })).toThrow(`invalid mount config for type "tmpfs": field Source must not be specified`);
    expect(one({ Type: 'volume', Source: 'v', Target: '/x' })).toThrow(expect.objectContaining({ code: 'volume-unresolved' }));
  });

  it('tmpfs size and mode become Docker\'s data string (mode=700,size=1m)', () => {
    expect(tmpfsDataFromMount({ SizeBytes: 1048576, Mode: 0o700 }, false)).toBe('mode=700,size=1m');
    expect(tmpfsDataFromMount({ SizeBytes: 100 }, true)).toBe('ro,size=100');
    expect(tmpfsDataFromMount({ SizeBytes: 3 * 1024 ** 3 }, false)).toBe('size=3g');
  });
});

describe('tmpfs options', () => {
  it('prefixes Docker\'s defaults and lets later words win (measured)', () => {
    expect(tmpfsMountOptions('rw,size=64m,mode=1777')).toEqual(['noexec', 'nosuid', 'nodev', 'rprivate', 'rw', 'size=64m', 'mode=1777']);
    expect(tmpfsMountOptions('')).toEqual(['noexec', 'nosuid', 'nodev', 'rprivate']);
    expect(tmpfsMountOptions('exec,ro')).toEqual(['nosuid', 'nodev', 'rprivate', 'exec', 'ro']);
  });

  it('keeps one value per data key and one propagation mode', () => {
    expect(mergeTmpfsOptions(['size=1m', 'shared', 'size=2m', 'rslave', 'defaults'])).toEqual(['size=2m', 'rslave']);
  });

  it('rejects unknown options with Docker\'s (Go-quoted) message', () => {
    expect(() => tmpfsMountOptions('bogus')).toThrow('invalid tmpfs option ["bogus"]');
    expect(() => tmpfsMountOptions('foo=bar')).toThrow('invalid tmpfs option ["foo" "bar"]');
  });

  it('--tmpfs needs an absolute path', () => {
    expect(() => collectUserMounts({ Binds: null, Mounts: [], Tmpfs: { rel: '' } })).toThrow("invalid mount path: 'rel' mount path must be absolute");
  });
});
