import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testContainer, testEngine } from '../../test-support/engine.js';
import { parseFilterFlags } from '../images/filters.js';
import { createVolume } from './create.js';
import { inspectVolume, listVolumes, pruneVolumes } from './list.js';
import { registerMountPoints } from './mount-points.js';
import { populateVolumes } from './populate.js';
import { removeVolume } from './remove.js';
import { defaultHostConfig } from '../../model/defaults.js';

const names = (vs: Array<{ Name: string }>) => vs.map((v) => v.Name);

describe('volume create / inspect / rm', () => {
  it('creates a local volume with Docker\'s record (labels and options null when none) and lays out _data', () => {
    const e = testEngine();
    const v = createVolume(e, { name: 'data', labels: { a: 'b' } });
    expect(v).toEqual({ Name: 'data', Driver: 'local', CreatedAt: '2026-11-28T12:00:00Z', Labels: { a: 'b' }, Options: null });
    expect(existsSync(join(e.config.paths.volumes, 'data', '_data'))).toBe(true);
    expect(createVolume(e, { name: 'data', labels: { other: 'x' } })).toEqual(v); // an existing name is returned as it is
    expect(createVolume(e, {}).Name).toMatch(/^[0-9a-f]{64}$/);
    expect(inspectVolume(e, 'data').Labels).toEqual({ a: 'b' });
  });

  it('rejects what the local driver rejects, with moby\'s texts', () => {
    const e = testEngine();
    expect(() => createVolume(e, { name: 'x1', driver: 'nope' })).toThrow('create x1: error looking up volume plugin nope: plugin "nope" not found');
    expect(() => createVolume(e, { name: 'a' })).toThrow('create a: volume name is too short, names should be at least two alphanumeric characters');
    expect(() => createVolume(e, { name: 'bad/name' })).toThrow('"bad/name" includes invalid characters for a local volume name');
    expect(() => createVolume(e, { name: 'x2', options: { foo: 'bar' } })).toThrow('create x2: invalid option: "foo"');
    expect(() => createVolume(e, { name: 'x3', options: { type: 'tmpfs' } })).toThrow('create x3: missing required option: "device"');
    expect(e.state.listVolumes()).toEqual([]);
  });

  it('refuses to remove a volume any container references, even with force; force ignores a missing one', async () => {
    const e = testEngine();
    createVolume(e, { name: 'used' });
    e.state.insertContainer(testContainer('c'.repeat(64), 'c1', { MountPoints: [{ Type: 'volume', Name: 'used', Source: '', Destination: '/d', Mode: 'z', RW: true, Propagation: '' }] }));
    await expect(removeVolume(e, { name: 'used', force: true })).rejects.toThrow(`remove used: volume is in use - [${'c'.repeat(64)}]`);
    await expect(removeVolume(e, { name: 'nope' })).rejects.toThrow('get nope: no such volume');
    await expect(removeVolume(e, { name: 'nope', force: true })).resolves.toBeUndefined();
  });
});

describe('volume ls and prune filters', () => {
  const setup = () => {
    const e = testEngine();
    createVolume(e, { name: 'vol-a', labels: { team: 'x' } });
    createVolume(e, { name: 'vol-b' });
    createVolume(e, { name: 'tmp-c', options: { type: 'tmpfs', device: 'tmpfs' } });
    e.state.insertContainer(testContainer('d'.repeat(64), 'c1', { MountPoints: [{ Type: 'volume', Name: 'vol-b', Source: '', Destination: '/d', Mode: 'z', RW: true, Propagation: '' }] }));
    return e;
  };
  it('filters by dangling, name (a regular expression), label and driver', () => {
    const e = setup();
    const ls = (...f: string[]) => names(listVolumes(e, parseFilterFlags(f)));
    expect(ls('dangling=true')).toEqual(['tmp-c', 'vol-a']);
    expect(ls('dangling=0')).toEqual(['vol-b']);
    expect(ls('name=^vol')).toEqual(['vol-a', 'vol-b']);
    expect(ls('label=team=x')).toEqual(['vol-a']);
    expect(ls('driver=local', 'label=team')).toEqual(['vol-a']);
    expect(() => ls('dangling=maybe')).toThrow("Invalid filter 'dangling=[maybe]'");
    expect(() => ls('foo=bar')).toThrow("Invalid filter 'foo'");
  });
  it('prunes unused volumes without driver options, honouring label filters', async () => {
    const e = setup();
    writeFileSync(join(e.config.paths.volumes, 'vol-a', '_data', 'f'), 'hello');
    expect(await pruneVolumes(e, parseFilterFlags(['label!=team']))).toEqual({ VolumesDeleted: [], SpaceReclaimed: 0 });
    expect(await pruneVolumes(e)).toEqual({ VolumesDeleted: ['vol-a'], SpaceReclaimed: 5 });
    expect(names(e.state.listVolumes())).toEqual(['tmp-c', 'vol-b']);
    await expect(pruneVolumes(e, parseFilterFlags(['dangling=true']))).rejects.toThrow("Invalid filter 'dangling'");
  });
});

describe('mount points at create', () => {
  it('resolves --volumes-from, -v, --mount and VOLUME in moby\'s order, creating volumes on first use', () => {
    const e = testEngine();
    e.state.insertContainer(testContainer('f'.repeat(64), 'src', { MountPoints: [{ Type: 'volume', Name: 'shared', Source: '/v/shared/_data', Destination: '/s', Driver: 'local', Mode: 'z', RW: true, Propagation: '', CopyData: true }] }));
    const hc = { ...defaultHostConfig(), VolumesFrom: ['src:ro'], Binds: ['named:/n:ro', '/host:/h'],
      Mounts: [{ Type: 'volume' as const, Target: '/m', VolumeOptions: { NoCopy: true } }, { Type: 'tmpfs' as const, Target: '/t' }] };
    const { mountPoints, createdVolumes } = e.state.transaction(() => registerMountPoints(e, hc, { '/img': {}, '/n': {} }));
    const dir = (n: string) => join(e.config.paths.volumes, n, '_data');
    const anon = mountPoints.find((m) => m.Destination === '/m')!.Name!;
    const image = mountPoints.find((m) => m.Destination === '/img')!.Name!;
    expect(mountPoints).toEqual([
      { Type: 'volume', Name: 'shared', Source: '/v/shared/_data', Destination: '/s', Driver: 'local', Mode: '', RW: false, Propagation: '', CopyData: false },
      { Type: 'volume', Name: 'named', Source: dir('named'), Destination: '/n', Driver: 'local', Mode: 'ro', RW: false, Propagation: '', Anonymous: false, CopyData: true },
      { Type: 'bind', Source: '/host', Destination: '/h', Mode: '', RW: true, Propagation: 'rprivate' },
      { Type: 'volume', Name: anon, Source: dir(anon), Destination: '/m', Driver: 'local', Mode: 'z', RW: true, Propagation: '', Anonymous: true, CopyData: false },
      { Type: 'tmpfs', Source: '', Destination: '/t', Mode: '', RW: true, Propagation: '' },
      { Type: 'volume', Name: image, Source: dir(image), Destination: '/img', Driver: 'local', Mode: '', RW: true, Propagation: '', Anonymous: true, CopyData: true },
    ]);
    expect(createdVolumes.sort()).toEqual(['named', anon, image].sort());
  });

  it('fails on a missing --volumes-from container or a bad mode, creating nothing', () => {
    const e = testEngine();
    const reg = (VolumesFrom: string[]) => () => e.state.transaction(() => registerMountPoints(e, { ...defaultHostConfig(), VolumesFrom, Binds: ['v1:/x'] }, null));
    expect(reg(['nope'])).toThrow('No such container: nope');
    e.state.insertContainer(testContainer('a'.repeat(64), 'src'));
    expect(reg(['src:rslave'])).toThrow('invalid mode: rslave');
    expect(e.state.listVolumes()).toEqual([]);
  });

  it('copies the image\'s content into an empty volume, owner and mode included, and never over content', async () => {
    const e = testEngine();
    const id = 'b'.repeat(64);
    const rootfs = e.rootfsOf(id);
    mkdirSync(join(rootfs, 'etc/app'), { recursive: true, mode: 0o750 });
    writeFileSync(join(rootfs, 'etc/app/conf'), 'x=1\n');
    const fresh = createVolume(e, { name: 'fresh' });
    const full = createVolume(e, { name: 'full' });
    writeFileSync(join(e.config.paths.volumes, 'full', '_data', 'mine'), 'keep');
    const mp = (Name: string, Destination: string) => ({ Type: 'volume' as const, Name, Source: '', Destination, Mode: 'z', RW: true, Propagation: '', CopyData: true });
    await populateVolumes(e, testContainer(id, 'c', { MountPoints: [mp(fresh.Name, '/etc/app'), mp(full.Name, '/etc/app')] }), rootfs);
    expect(readFileSync(join(e.config.paths.volumes, 'fresh', '_data', 'conf'), 'utf8')).toBe('x=1\n');
    expect(statSync(join(e.config.paths.volumes, 'fresh', '_data')).mode & 0o777).toBe(0o750);
    expect(existsSync(join(e.config.paths.volumes, 'full', '_data', 'conf'))).toBe(false);
  });
});
