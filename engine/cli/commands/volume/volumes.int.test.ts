// Volumes end to end, root and rootless: named volumes keep data across containers, anonymous and
// image volumes are created at create and copied up, rm -v and --rm remove only anonymous ones,
// --volumes-from shares them, and a volume in use cannot be removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, rootTarget, rootlessAvailable, rootlessTarget, uniqueName, type Target } from '../../../test-support/cli.js';

const targets: Array<() => Target> = [rootTarget];
if (rootlessAvailable()) targets.push(rootlessTarget);

describe.each(targets.map((make) => ({ make, label: make === rootTarget ? 'root' : 'rootless' })))('volumes ($label)', ({ make }) => {
  let t: Target;
  const containers: string[] = [];
  const volumes: string[] = [];
  const vol = () => { const v = uniqueName('vol'); volumes.push(v); return v; };
  const ctr = () => { const c = uniqueName('vc'); containers.push(c); return c; };
  const ok = async (args: string[]) => { const r = await t.run(args); expect(r.stderr).toBe(''); expect(r.code).toBe(0); return r.stdout; };

  beforeAll(async () => {
    t = make();
    expect((await t.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => {
    if (containers.length) await t.run(['rm', '-f', '-v', ...containers]);
    if (volumes.length) await t.run(['volume', 'rm', '-f', ...volumes]);
  });

  it('keeps a named volume\'s data, which the container root can write, and honours :ro', async () => {
    const v = vol();
    await ok(['volume', 'create', v]);
    expect(await ok(['run', '--rm', '-v', `${v}:/data`, 'busybox', 'sh', '-c', 'echo kept > /data/f && id -u'])).toBe('0\n');
    expect(await ok(['run', '--rm', '-v', `${v}:/data:ro`, 'busybox', 'cat', '/data/f'])).toBe('kept\n');
    const ro = await t.run(['run', '--rm', '-v', `${v}:/data:ro`, 'busybox', 'sh', '-c', 'echo x > /data/g']);
    expect(ro.code).toBe(1);
    expect(ro.stderr).toContain('Read-only file system');
    expect(await ok(['run', '--rm', '--mount', `type=volume,src=${v},dst=/m,readonly`, 'busybox', 'cat', '/m/f'])).toBe('kept\n');
  });

  it('creates a named volume on first use and copies the image\'s content into it; nocopy leaves it empty', async () => {
    const v = vol();
    const empty = vol();
    expect(await ok(['run', '--rm', '-v', `${v}:/etc`, 'busybox', 'cat', '/etc/group'])).toContain('root:x:0:');
    expect(await ok(['run', '--rm', '-v', `${v}:/x`, 'busybox', 'ls', '/x'])).toContain('passwd');
    expect(await ok(['run', '--rm', '-v', `${empty}:/etc/nothing:nocopy`, '--mount', `type=volume,src=${empty},dst=/bin2,volume-nocopy`, 'busybox', 'ls', '/bin2'])).toBe('');
    expect(await ok(['volume', 'inspect', '--format', '{{.Name}} {{.Driver}}', v])).toBe(`${v} local\n`);
  });

  it('makes anonymous volumes at create; rm -v removes them, named ones stay; the one in use cannot be removed', async () => {
    const v = vol();
    const c = ctr();
    await ok(['create', '--name', c, '-v', '/anon', '-v', `${v}:/named`, 'busybox', 'true']);
    const mounts = JSON.parse(await ok(['inspect', '--format', '{{json .Mounts}}', c])) as Array<{ Name: string; Destination: string; Mode: string }>;
    const anon = mounts.find((m) => m.Destination === '/anon')!;
    expect(anon.Name).toMatch(/^[0-9a-f]{64}$/);
    expect(mounts.find((m) => m.Destination === '/named')).toMatchObject({ Name: v, Mode: 'z' });
    const inUse = await t.run(['volume', 'rm', v]);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toMatch(new RegExp(`^Error response from daemon: remove ${v}: volume is in use - \\[[0-9a-f]{64}\\]\n$`));
    await ok(['rm', '-v', c]);
    containers.splice(containers.indexOf(c), 1);
    expect(await ok(['volume', 'ls', '-q', '--filter', `name=${anon.Name}`])).toBe('');
    expect(await ok(['volume', 'ls', '-q', '--filter', `name=${v}`])).toBe(`${v}\n`);
  });

  it('gives an image VOLUME an anonymous volume with the image\'s content; run --rm removes it', async () => {
    const base = ctr();
    const image = `vimg-${uniqueName('i').toLowerCase()}`;
    await ok(['run', '--name', base, 'busybox', 'sh', '-c', 'mkdir -p /seed && echo seeded > /seed/file']);
    expect((await t.run(['commit', '--change', 'VOLUME /seed', base, image])).code).toBe(0);
    const before = await ok(['volume', 'ls', '-q']);
    expect(await ok(['run', '--rm', image, 'cat', '/seed/file'])).toBe('seeded\n');
    expect(await ok(['volume', 'ls', '-q'])).toBe(before);
    await t.run(['rmi', image]);
  });

  it('shares volumes with --volumes-from, read-only with :ro', async () => {
    const src = ctr();
    await ok(['create', '--name', src, '-v', '/shared', 'busybox', 'true']);
    expect(await ok(['run', '--rm', '--volumes-from', src, 'busybox', 'sh', '-c', 'echo from-a > /shared/f'])).toBe('');
    expect(await ok(['run', '--rm', '--volumes-from', src, 'busybox', 'cat', '/shared/f'])).toBe('from-a\n');
    const ro = await t.run(['run', '--rm', '--volumes-from', `${src}:ro`, 'busybox', 'touch', '/shared/g']);
    expect(ro.code).toBe(1);
    const missing = await t.run(['create', '--volumes-from', 'no-such-ctr-xyz', 'busybox', 'true']);
    expect(missing).toMatchObject({ code: 1, stderr: 'Error response from daemon: No such container: no-such-ctr-xyz\n' });
  });

  it('mounts a volume with driver options (tmpfs) while a container uses it', async () => {
    const v = vol();
    await ok(['volume', 'create', '-o', 'type=tmpfs', '-o', 'device=tmpfs', '-o', 'o=size=1m', v]);
    expect(await ok(['volume', 'inspect', '--format', '{{json .Options}}', v])).toBe('{"device":"tmpfs","o":"size=1m","type":"tmpfs"}\n');
    expect(await ok(['run', '--rm', '-v', `${v}:/data`, 'busybox', 'sh', '-c', 'mount | grep " /data " | cut -d" " -f1,3,5'])).toBe('tmpfs /data tmpfs\n');
  });
});
