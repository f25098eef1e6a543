import { describe, expect, it } from 'vitest';
import { readBusybox } from './testdata/busybox-etc.js';
import { resolveUser } from './user.js';

// Expected values are what `docker run [-u …] [--group-add …] busybox id` printed on the test image.
describe('resolveUser', () => {
  it('default (root) gets gid 0 plus the groups listing root: groups=0(root),10(wheel)', () => {
    expect(resolveUser('', readBusybox)).toEqual({ uid: 0, gid: 0, additionalGids: [0, 10], home: '/root' });
  });

  it('by name: -u nobody → uid=65534 gid=65534 groups=65534', () => {
    expect(resolveUser('nobody', readBusybox)).toEqual({ uid: 65534, gid: 65534, additionalGids: [65534], home: '/home' });
  });

  it('by uid with no passwd entry: -u 1000 → gid 0, HOME /', () => {
    expect(resolveUser('1000', readBusybox)).toEqual({ uid: 1000, gid: 0, additionalGids: [0], home: '/' });
  });

  it('a uid that has an entry takes its gid and home: -u 65534', () => {
    expect(resolveUser('65534', readBusybox)).toMatchObject({ uid: 65534, gid: 65534, home: '/home' });
  });

  it('uid:gid and name:group set the primary group and skip supplementary groups', () => {
    expect(resolveUser('1000:1000', readBusybox)).toEqual({ uid: 1000, gid: 1000, additionalGids: [1000], home: '/' });
    expect(resolveUser('root:daemon', readBusybox)).toEqual({ uid: 0, gid: 1, additionalGids: [1], home: '/root' });
    expect(resolveUser('0:10', readBusybox).additionalGids).toEqual([10]);
  });

  it('--group-add by name or number comes after the user\'s own groups', () => {
    expect(resolveUser('nobody', readBusybox, ['wheel', '4242']).additionalGids).toEqual([65534, 10, 4242]);
    expect(resolveUser('', readBusybox, ['10']).additionalGids).toEqual([0, 10, 10]);
  });

  it('unknown names fail with Docker\'s messages', () => {
    expect(() => resolveUser('nobody2', readBusybox)).toThrow('unable to find user nobody2: no matching entries in passwd file');
    expect(() => resolveUser('root:nogroup2', readBusybox)).toThrow('unable to find group nogroup2: no matching entries in group file');
    expect(() => resolveUser('', readBusybox, ['nosuch'])).toThrow('Unable to find group nosuch: no matching entries in group file');
  });

  it('errors are invalid-argument EngineErrors', () => {
    expect(() => resolveUser('ghost', readBusybox)).toThrow(expect.objectContaining({ kind: 'invalid-argument', code: 'user-not-found' }));
  });

  it('works without /etc/passwd and /etc/group (root and numeric ids only)', () => {
    const none = () => undefined;
    expect(resolveUser('', none)).toEqual({ uid: 0, gid: 0, additionalGids: [0], home: '/' });
    expect(resolveUser('5:6', none)).toEqual({ uid: 5, gid: 6, additionalGids: [6], home: '/' });
    expect(() => resolveUser('app', none)).toThrow('unable to find user app');
  });

  it('rejects ids beyond 2147483647', () => {
    expect(() => resolveUser('2147483648', readBusybox)).toThrow('uids and gids must be in range 0-2147483647');
  });

  it('lists every group naming the user, in file order (extra:x:2000:app → [1234, 2000])', () => {
    const files: Record<string, string> = {
      '/etc/passwd': 'root:x:0:0::/root:/bin/sh\napp:x:1234:1234::/home/app:/bin/sh\n',
      '/etc/group': 'root:x:0:\napp:x:1234:\n\nextra:x:2000:other,app\n',
    };
    expect(resolveUser('app', (p) => files[p])).toEqual({ uid: 1234, gid: 1234, additionalGids: [1234, 2000], home: '/home/app' });
  });
});
