import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EngineError } from '../../../errors.js';
import type { ContainerCreateBody } from '../../../model/docker-types.js';
import { checkMountPoints, isSignal, validateContainerName, validateCreateBody } from './create-body.js';
import { parseBind, validMountMode } from './mounts.js';
import { parseUintList } from './resources.js';
import { RECORDED_HOST } from './testdata/host.js';

/** The body docker 28 sends for `docker create busybox`. */
const DEFAULT_BODY = JSON.parse(readFileSync(new URL('testdata/default-create-body.json', import.meta.url), 'utf8')) as ContainerCreateBody;

const env = { host: RECORDED_HOST, pathExists: (p: string) => p === '/tmp' };
const check = (body: Partial<ContainerCreateBody>, host: Partial<ContainerCreateBody['HostConfig']> = {}) => {
  try {
    const full = { Image: 'busybox', ...body, HostConfig: { ...host } } as ContainerCreateBody;
    const { warnings } = validateCreateBody(full, env);
    checkMountPoints(full.HostConfig!);
    return warnings;
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    expect(e.kind).toBe('invalid-argument');
    return e.message;
  }
};

describe('daemon-side checks of a create body (API and CLI alike)', () => {
  it('accepts the body docker builds by default', () => {
    expect(validateCreateBody(DEFAULT_BODY, env)).toEqual({ warnings: [] });
    expect(() => checkMountPoints(DEFAULT_BODY.HostConfig!)).not.toThrow();
  });

  it('checks network modes', () => {
    expect(check({}, { NetworkMode: 'container:' })).toBe('Invalid network mode: invalid container format container:<name|id>');
    expect(check({}, { NetworkMode: 'container:x', Links: ['a:b'] })).toBe("conflicting options: container type network can't be used with links. This would result in undefined behavior");
    expect(check({}, { NetworkMode: 'host', Links: ['a:b'] })).toBe("conflicting options: host type networking can't be used with links. This would result in undefined behavior");
    expect(check({ MacAddress: '02:42:ac:11:00:02' }, { NetworkMode: 'host' })).toBe('conflicting options: mac-address and the network mode');
  });

  it('refuses AutoRemove with a restart policy (an API client can send it)', () => {
    expect(check({}, { AutoRemove: true, RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } })).toBe("can't create 'AutoRemove' container with restart policy");
    expect(check({}, { AutoRemove: true, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } })).toEqual([]);
  });

  it('checks healthchecks, env and ports', () => {
    expect(check({ Healthcheck: { Retries: -1 } })).toBe('Retries in Healthcheck cannot be negative');
    expect(check({ Env: ['=x'] })).toBe('invalid environment variable: =x');
    expect(check({}, { PortBindings: { '99999/tcp': [{ HostIp: '', HostPort: '' }] } })).toBe('invalid port specification: "99999"');
    expect(check({}, { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: 'x' }] } })).toBe('invalid port specification: "x"');
    expect(check({}, { ExtraHosts: ['h:nope'] })).toBe('invalid IP address in add-host: "nope"');
  });

  it('checks capabilities by the 20.10 list', () => {
    expect(check({}, { CapAdd: ['CAP_PERFMON'] })).toBe('invalid CapAdd: unknown capability: "CAP_PERFMON"');
    expect(check({}, { CapAdd: ['audit_read', 'ALL'], CapDrop: ['net_raw'] })).toEqual([]);
  });

  it('checks resources against the host', () => {
    expect(check({}, { CpusetCpus: '1-0' })).toBe('Invalid value 1-0 for cpuset cpus: invalid format: 1-0');
    expect(check({}, { CpusetMems: '1' })).toBe('Requested memory nodes are not available - requested 1, available: 0');
    expect(check({}, { NanoCpus: 1e9, CpuQuota: 5000 })).toBe('Conflicting options: Nano CPUs and CPU Quota cannot both be set');
    expect(check({}, { MemoryReservation: 1024 })).toBe('Minimum memory reservation allowed is 6MB');
    expect(check({}, { ShmSize: -1 })).toBe('SHM size can not be less than 0');
    expect(check({}, { CpuRealtimePeriod: 1000, CpuRealtimeRuntime: 5000 })).toBe('cpu real-time runtime cannot be higher than cpu real-time period');
    expect(check({}, { IOMaximumIOps: 5 })).toBe('Invalid QoS settings: linux does not support configuration of maximum IOPs');
    expect(check({}, { CgroupnsMode: 'bogus' })).toBe('invalid cgroup namespace mode: bogus');
  });

  it('checks mounts and tmpfs', () => {
    expect(check({}, { Mounts: [{ Type: 'volume', Target: '/x', ReadOnly: true }] })).toBe('invalid mount config for type "volume": must not set ReadOnly mode when using anonymous volumes');
    expect(check({}, { Mounts: [{ Type: 'bind', Source: '/tmp', Target: '/' }] })).toBe('invalid mount config for type "bind": invalid specification: destination can\'t be \'/\'');
    expect(check({}, { Mounts: [{ Type: 'tmpfs', Target: '/x', BindOptions: {} }] })).toBe('invalid mount config for type "tmpfs": field BindOptions must not be specified');
    expect(check({}, { Tmpfs: { '/': '' } })).toBe("invalid specification: destination can't be '/'");
    expect(check({}, { Binds: ['/tmp:/x'], Tmpfs: { '/x': '' } })).toBe('Duplicate mount point: /x');
    expect(check({}, { Binds: ['a:/x'] })).toBe('create a: volume name is too short, names should be at least two alphanumeric characters');
  });

  it('checks endpoints', () => {
    const ep = (ipam: object) => ({ NetworkingConfig: { EndpointsConfig: { n1: { IPAMConfig: ipam } } } });
    expect(check(ep({ IPv4Address: '::1' }))).toBe('invalid IPv4 address: ::1');
    expect(check(ep({ IPv6Address: '1.2.3.4' }))).toBe('invalid IPv6 address: 1.2.3.4');
    expect(check({ NetworkingConfig: { EndpointsConfig: { a: {}, b: {} } } })).toBe('Container cannot be connected to network endpoints: a, b');
  });

  it('returns the daemon warnings', () => {
    expect(check({}, { OomKillDisable: true })).toEqual(['OOM killer is disabled for the container, but no memory limit is set, this can result in the system running out of resources.']);
    const blkio = { Image: 'b', HostConfig: { BlkioWeight: 5 } } as ContainerCreateBody;
    expect(validateCreateBody(blkio, env).warnings).toEqual(['Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.']);
    expect(() => validateCreateBody(blkio, { ...env, host: { ...RECORDED_HOST, blkioWeight: true } })).toThrow('Range of blkio weight is from 10 to 1000');
    // Without swap accounting the swap limit is dropped, so a smaller swap no longer conflicts.
    const noSwap = { ...env, host: { ...RECORDED_HOST, swapLimit: false } };
    const mem = (swap: number) => ({ Image: 'b', HostConfig: { Memory: 10 << 20, MemorySwap: swap } }) as ContainerCreateBody;
    expect(validateCreateBody(mem(5 << 20), noSwap).warnings).toEqual(['Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.']);
    expect(validateCreateBody(mem(-1), noSwap).warnings).toEqual([]);
    expect(() => validateCreateBody(mem(5 << 20), env)).toThrow('Minimum memoryswap limit should be larger than memory limit');
  });
});

describe('moby helpers', () => {
  it('parses -v binds as the daemon does', () => {
    expect(parseBind('/h:/c/:ro,rshared', '')).toEqual({ type: 'bind', source: '/h', destination: '/c' });
    expect(() => parseBind('/h:ro', '')).toThrow("invalid volume specification: '/h:ro'");
    expect(() => parseBind('vol:/c:nocopy,ro,rw', '')).toThrow('invalid mode: nocopy,ro,rw');
    expect(validMountMode('ro,Z,rslave,nocopy,cached')).toBe(true);
    expect(validMountMode('z,Z')).toBe(false);
  });

  it('knows Linux signal names and numbers', () => {
    expect(['SIGTERM', 'term', 'RTMIN+3', 'SIGRTMAX-1', '9', '99'].every(isSignal)).toBe(true);
    expect(['0', 'SIGFOO', 'RTMIN+16', ''].some(isSignal)).toBe(false);
  });

  it('validates container names', () => {
    expect(() => validateContainerName('web-1.a_b')).not.toThrow();
    expect(() => validateContainerName('/web')).not.toThrow();
    expect(() => validateContainerName('a')).toThrow('Invalid container name (a), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed');
    expect(() => validateContainerName('-x')).toThrow('Invalid container name (-x)');
  });

  it('parses cpuset lists', () => {
    expect([...parseUintList('0-2,5')!]).toEqual([0, 1, 2, 5]);
    expect(parseUintList('a')).toBeUndefined();
    expect(parseUintList('')!.size).toBe(0);
  });
});
