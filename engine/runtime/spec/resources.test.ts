import { describe, expect, it } from 'vitest';
import { buildResources, buildRlimits, DOCKER_DEFAULT_DEVICE_RULES, parseDeviceCgroupRule } from './resources.js';
import { makeRecord } from './testdata/fixtures.js';
import type { HostConfig } from '../../model/docker-types.js';

const hc = (over: Partial<HostConfig> = {}) => makeRecord({}, over).HostConfig;
const host = { nofile: 20000, nproc: 96365 };

describe('buildResources', () => {
  it('always lists memory, cpu and blockIO like Docker, even with no limits', () => {
    expect(buildResources(hc(), false)).toEqual({
      devices: DOCKER_DEFAULT_DEVICE_RULES,
      memory: { disableOOMKiller: false },
      cpu: { shares: 0 },
      blockIO: { weight: 0 },
    });
  });

  it('--cpus 1.5 → quota 150000 / period 100000', () => {
    expect(buildResources(hc({ NanoCpus: 1.5e9 }), false).cpu).toEqual({ shares: 0, quota: 150000, period: 100000 });
  });

  it('--memory alone doubles into swap; --memory-swap -1 leaves swap unlimited', () => {
    expect(buildResources(hc({ Memory: 64 << 20 }), false).memory).toEqual({ limit: 64 << 20, swap: 128 << 20, disableOOMKiller: false });
    expect(buildResources(hc({ Memory: 64 << 20, MemorySwap: -1 }), false).memory).toEqual({ limit: 64 << 20, disableOOMKiller: false });
  });

  it('--pids-limit only when positive', () => {
    expect(buildResources(hc({ PidsLimit: 100 }), false).pids).toEqual({ limit: 100 });
    expect(buildResources(hc({ PidsLimit: -1 }), false).pids).toBeUndefined();
  });

  it('--privileged allows every device', () => {
    expect(buildResources(hc(), true).devices).toEqual([{ allow: true, access: 'rwm' }]);
  });

  it('--device-cgroup-rule appends allow rules; bad ones use Docker\'s message', () => {
    expect(parseDeviceCgroupRule('c 1:3 rwm')).toEqual({ allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' });
    expect(parseDeviceCgroupRule('a *:* m')).toEqual({ allow: true, type: 'a', major: -1, minor: -1, access: 'm' });
    expect(() => parseDeviceCgroupRule('x 1:2 r')).toThrow("invalid device cgroup rule format: 'x 1:2 r'");
    expect(buildResources(hc({ DeviceCgroupRules: ['b 8:* r'] }), false).devices?.at(-1)).toEqual({ allow: true, type: 'b', major: 8, minor: -1, access: 'r' });
  });

  it('--device is not implemented yet', () => {
    expect(() => buildResources(hc({ Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }] }), false))
      .toThrow(expect.objectContaining({ kind: 'not-implemented' }));
  });
});

describe('buildRlimits', () => {
  it('emits none by default', () => {
    expect(buildRlimits(null, host)).toBeUndefined();
    expect(buildRlimits([], host)).toBeUndefined();
  });

  it('maps --ulimit to RLIMIT_* (measured: nofile=1024:2048, nproc=500)', () => {
    expect(buildRlimits([{ Name: 'nofile', Soft: 1024, Hard: 2048 }, { Name: 'nproc', Soft: 500, Hard: 500 }], host)).toEqual([
      { type: 'RLIMIT_NOFILE', hard: 2048, soft: 1024 },
      { type: 'RLIMIT_NPROC', hard: 500, soft: 500 },
    ]);
  });

  it('refuses a hard limit above the engine\'s own (runc could not raise it)', () => {
    expect(() => buildRlimits([{ Name: 'nofile', Soft: 30000, Hard: 30000 }], host))
      .toThrow("ulimit nofile=30000:30000 exceeds the engine's own hard limit 20000; use a hard limit of at most 20000");
  });

  it('validates names and soft <= hard with go-units\' messages', () => {
    expect(() => buildRlimits([{ Name: 'foo', Soft: 1, Hard: 1 }], host)).toThrow('invalid ulimit type: foo');
    expect(() => buildRlimits([{ Name: 'nofile', Soft: 2048, Hard: 1024 }], host)).toThrow('ulimit soft limit must be less than or equal to hard limit: 2048 > 1024');
    expect(() => buildRlimits([{ Name: 'core', Soft: -1, Hard: -1 }], host)).toThrow('invalid ulimit argument');
  });
});
