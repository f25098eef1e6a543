import { describe, expect, it } from 'vitest';
import type { ContainerRecord } from '../../model/container.js';
import { buildSpec, DOCKER_MASKED_PATHS, type SpecInput } from './build-spec.js';
import { MINI_PROFILE, makeRecord } from './testdata/fixtures.js';
import type { OciMount } from './types.js';

const user = { uid: 0, gid: 0, additionalGids: [0, 10], home: '/root' };

function input(record: ContainerRecord, over: Partial<SpecInput> = {}): SpecInput {
  return {
    record, rootfs: '/rootfs', rootless: false,
    etcFiles: { resolvConf: '/run/c/resolv.conf', hostname: '/run/c/hostname', hosts: '/run/c/hosts' },
    cgroupsPath: `/skiff/${record.Id}`, user, initPath: '/usr/bin/catatonit', seccompProfile: MINI_PROFILE,
    host: { capLastCap: 40, hardLimits: { nofile: 20000, nproc: 96365 }, arch: 'amd64', hostname: 'vm', devices: [{ path: '/dev/kmsg', type: 'c', major: 1, minor: 11 }] },
    ...over,
  };
}
const spec = (config: Partial<ContainerRecord['Config']> = {}, hc: Partial<ContainerRecord['HostConfig']> = {}, over: Partial<SpecInput> = {}) =>
  buildSpec(input(makeRecord(config, hc), over));
const dests = (mounts: OciMount[]) => mounts.map((m) => m.destination);
const find = (mounts: OciMount[], d: string) => mounts.find((m) => m.destination === d);

describe('buildSpec (rootless)', () => {
  it('emits no resources, no cgroupsPath, no devices and no oomScoreAdj; the limits warning is create\'s, not start\'s', () => {
    const warnings: string[] = [];
    const s = spec({}, { Memory: 1 << 26, Privileged: true }, { rootless: true, warn: (m) => warnings.push(m) });
    expect(s.linux.resources).toBeUndefined();
    expect(s.linux.cgroupsPath).toBeUndefined();
    expect(s.linux.devices).toBeUndefined();
    expect(s.process.oomScoreAdj).toBeUndefined();
    expect(s.linux.namespaces.map((n) => n.type)).not.toContain('user');
    // domain/containers/create.ts warns once at create, as Docker's daemon does; run would print it twice.
    expect(warnings).toEqual([]);
  });

  it('keeps an explicit positive --oom-score-adj', () => {
    expect(spec({}, { OomScoreAdj: 300 }, { rootless: true }).process.oomScoreAdj).toBe(300);
  });

  it('with the host network binds the host\'s /sys and cgroup tree and masks /sys/kernel', () => {
    const s = spec({}, { NetworkMode: 'host' }, { rootless: true });
    expect(find(s.mounts, '/sys')).toEqual({ destination: '/sys', type: 'bind', source: '/sys', options: ['rbind', 'nosuid', 'noexec', 'nodev', 'ro'] });
    expect(find(s.mounts, '/sys/fs/cgroup')?.type).toBe('bind');
    expect(s.linux.maskedPaths).toEqual([...DOCKER_MASKED_PATHS, '/sys/kernel']);
  });

  it('binds /proc and /dev/mqueue when sharing the host\'s pid and ipc namespaces', () => {
    const s = spec({}, { PidMode: 'host', IpcMode: 'host' }, { rootless: true });
    expect(find(s.mounts, '/proc')).toMatchObject({ type: 'bind', source: '/proc' });
    expect(find(s.mounts, '/dev/mqueue')).toMatchObject({ type: 'bind', source: '/dev/mqueue' });
  });
});

describe('buildSpec (process)', () => {
  it('clamps a negative --oom-score-adj to 0 (lowering needs CAP_SYS_RESOURCE) and checks the range', () => {
    expect(spec({}, { OomScoreAdj: -500 }).process.oomScoreAdj).toBe(0);
    expect(() => spec({}, { OomScoreAdj: 1001 })).toThrow('Invalid value 1001, range for oom score adj is [-1000, 1000]');
  });

  it('--init runs the command under /sbin/docker-init with catatonit bound read-only', () => {
    const s = spec({}, { Init: true });
    expect(s.process.args).toEqual(['/sbin/docker-init', '--', 'sleep', '60']);
    expect(find(s.mounts, '/sbin/docker-init')).toEqual({ destination: '/sbin/docker-init', type: 'bind', source: '/usr/bin/catatonit', options: ['bind', 'ro'] });
  });

  it('takes args from Entrypoint + Cmd (and the image) when the record has no Path yet', () => {
    const record = { ...makeRecord({ Cmd: null, Entrypoint: null, Env: null }), Path: '', Args: [] };
    const s = buildSpec(input(record, { image: { Entrypoint: ['/entry'], Cmd: ['run'], Env: ['PATH=/app/bin'] } }));
    expect(s.process.args).toEqual(['/entry', 'run']);
    expect(s.process.env).toEqual(['PATH=/app/bin', `HOSTNAME=${record.Id.slice(0, 12)}`]);
  });

  it('-t sets terminal and TERM=xterm', () => {
    const s = spec({ Tty: true });
    expect(s.process.terminal).toBe(true);
    expect(s.process.env).toContain('TERM=xterm');
  });

  it('a non-root user gets only the bounding set', () => {
    const s = buildSpec({ ...input(makeRecord()), user: { uid: 1000, gid: 1000, additionalGids: [1000], home: '/' } });
    expect(s.process.user).toEqual({ uid: 1000, gid: 1000, additionalGids: [1000] });
    expect(Object.keys(s.process.capabilities!)).toEqual(['bounding']);
  });

  it('--security-opt no-new-privileges', () => {
    expect(spec({}, { SecurityOpt: ['no-new-privileges'] }).process.noNewPrivileges).toBe(true);
  });
});

describe('buildSpec (security)', () => {
  it('renders the default profile for the container\'s capabilities', () => {
    const names = (caps: string[] | null) => spec({}, { CapAdd: caps }).linux.seccomp!.syscalls!.map((s) => `${s.names[0]}:${s.action}`);
    expect(names(null)).toContain('bpf:SCMP_ACT_ERRNO');
    expect(names(['SYS_ADMIN'])).toContain('bpf:SCMP_ACT_ALLOW');
  });

  it('no seccomp, masked or read-only paths with --privileged; unconfined drops only seccomp', () => {
    const p = spec({}, { Privileged: true });
    expect(p.linux.seccomp).toBeUndefined();
    expect(p.linux.maskedPaths).toBeUndefined();
    expect(p.linux.readonlyPaths).toBeUndefined();
    expect(p.linux.devices).toEqual([{ path: '/dev/kmsg', type: 'c', major: 1, minor: 11 }]);
    const u = spec({}, { SecurityOpt: ['seccomp=unconfined'] });
    expect(u.linux.seccomp).toBeUndefined();
    expect(u.linux.maskedPaths).toEqual(DOCKER_MASKED_PATHS);
  });

  it('seccomp=<json> renders the given profile instead', () => {
    const s = spec({}, { SecurityOpt: ['seccomp={"defaultAction":"SCMP_ACT_LOG","syscalls":[]}'] });
    expect(s.linux.seccomp).toEqual({ defaultAction: 'SCMP_ACT_LOG', syscalls: [] });
  });

  it('systempaths=unconfined and explicit HostConfig path lists', () => {
    const s = spec({}, { SecurityOpt: ['systempaths=unconfined'] });
    expect(s.linux.maskedPaths).toBeUndefined();
    expect(spec({}, { MaskedPaths: ['/proc/x'], ReadonlyPaths: [] }).linux).toMatchObject({ maskedPaths: ['/proc/x'] });
    expect(spec({}, { MaskedPaths: ['/proc/x'], ReadonlyPaths: [] }).linux.readonlyPaths).toBeUndefined();
  });
});

describe('buildSpec (mounts)', () => {
  it('--read-only makes the /etc binds and sysfs read-only but not /dev, /proc or user mounts', () => {
    const s = spec({}, { ReadonlyRootfs: true, Binds: ['/h:/data'] });
    expect(s.root).toEqual({ path: '/rootfs', readonly: true });
    expect(find(s.mounts, '/etc/hosts')?.options).toEqual(['rbind', 'ro', 'rprivate']);
    expect(find(s.mounts, '/data')?.options).toEqual(['rbind', 'rprivate']);
    expect(find(s.mounts, '/dev')?.options).not.toContain('ro');
  });

  it('a user mount replaces the default or /etc file at the same place', () => {
    const s = spec({}, { Binds: ['/my/hosts:/etc/hosts:ro'], Tmpfs: { '/dev/shm': 'size=1m' } });
    expect(s.mounts.filter((m) => m.destination === '/etc/hosts')).toEqual([{ destination: '/etc/hosts', type: 'bind', source: '/my/hosts', options: ['rbind', 'ro', 'rprivate'] }]);
    expect(find(s.mounts, '/dev/shm')?.source).toBe('tmpfs');
  });

  it('a user /dev mount removes every default under /dev', () => {
    expect(dests(spec({}, { Binds: ['/dev:/dev'] }).mounts).filter((d) => d.startsWith('/dev'))).toEqual(['/dev']);
  });

  it('--ipc none has no /dev/shm; --ipc host binds the host\'s', () => {
    expect(dests(spec({}, { IpcMode: 'none' }).mounts)).not.toContain('/dev/shm');
    expect(find(spec({}, { IpcMode: 'host' }).mounts, '/dev/shm')).toEqual({ destination: '/dev/shm', type: 'bind', source: '/dev/shm', options: ['rbind', 'rprivate'] });
  });

  it('a shared bind makes the rootfs shared, a slave one rslave', () => {
    expect(spec({}, { Binds: ['/h:/x:rshared'] }).linux.rootfsPropagation).toBe('shared');
    expect(spec({}, { Binds: ['/h:/x:slave'] }).linux.rootfsPropagation).toBe('rslave');
    expect(spec({}, { Binds: ['/h:/x'] }).linux.rootfsPropagation).toBeUndefined();
  });

  it('sizes /dev/shm from ShmSize, 64 MiB when 0, and refuses a negative size', () => {
    expect(find(spec({}, { ShmSize: 0 }).mounts, '/dev/shm')?.options).toContain('size=67108864');
    expect(() => spec({}, { ShmSize: -1 })).toThrow('SHM size can not be less than 0');
  });
});

describe('buildSpec (namespaces)', () => {
  it('--network host: no network namespace, the host\'s hostname, no default sysctls', () => {
    const s = spec({ Hostname: '' }, { NetworkMode: 'host' });
    expect(s.linux.namespaces.map((n) => n.type)).toEqual(['mount', 'uts', 'pid', 'ipc']);
    expect(s.hostname).toBe('vm');
    expect(s.linux.sysctl).toBeUndefined();
  });

  it('--uts host sets no hostname; a prepared netns is joined', () => {
    expect(spec({}, { UTSMode: 'host' }).hostname).toBeUndefined();
    expect(spec({}, {}, { netnsPath: '/run/netns/n1' }).linux.namespaces[1]).toEqual({ type: 'network', path: '/run/netns/n1' });
  });

  it('emits no annotations and no hooks', () => {
    const s = spec();
    expect(s.annotations).toBeUndefined();
    expect(s.hooks).toBeUndefined();
  });
});
