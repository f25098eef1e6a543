// buildSpec's output run by the real runc (root only): the container sees what a Docker container sees.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRecord } from './testdata/fixtures.js';
import { canRunRunc, CATATONIT, recordFor, runSpec, withUserNamespace } from './testdata/runc-bundle.js';
import type { ContainerRecord } from '../../model/container.js';

const newId = () => randomBytes(32).toString('hex');
const base = makeRecord();

function run(cmd: string, config: Partial<ContainerRecord['Config']> = {}, hostConfig: Partial<ContainerRecord['HostConfig']> = {}, wrap?: string[]) {
  const record = recordFor(newId(), { Cmd: ['sh', '-c', cmd], ...config }, hostConfig, base);
  const out = runSpec(record, { rootless: wrap !== undefined, wrap });
  if (out.status !== 0) throw new Error(`runc exited ${out.status}: ${out.stderr}\n${out.stdout}`);
  return { ...out, record };
}

// Docker's 14 default capabilities as a CapEff mask.
const DOCKER_DEFAULT_CAPEFF = '00000000a80425fb';

describe.skipIf(!canRunRunc)('buildSpec + runc (root)', () => {
  it('runs busybox as Docker would: root with wheel, the short id as hostname, Docker caps', () => {
    const { stdout, record } = run('id; hostname; grep CapEff /proc/self/status; cat /proc/self/oom_score_adj; echo $HOSTNAME; pwd');
    expect(stdout.split('\n')).toEqual([
      'uid=0(root) gid=0(root) groups=0(root),10(wheel)',
      record.Id.slice(0, 12),
      `CapEff:\t${DOCKER_DEFAULT_CAPEFF}`,
      '0',
      record.Id.slice(0, 12),
      '/',
      '',
    ]);
  });

  it('writes Docker\'s /etc/hosts and /etc/hostname', () => {
    const { stdout } = run('cat /etc/hosts /etc/hostname', { Hostname: 'myhost' }, { ExtraHosts: ['foo:1.2.3.4'] });
    expect(stdout).toBe('127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n'
      + 'ff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n1.2.3.4\tfoo\nmyhost\n');
  });

  it('runs -u nobody with no effective capabilities', () => {
    const { stdout } = run('id; grep CapEff /proc/self/status; echo $HOME', { User: 'nobody' });
    expect(stdout).toBe('uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\nCapEff:\t0000000000000000\n/home\n');
  });

  it('--read-only with a --tmpfs and a -v bind: only those are writable', () => {
    const host = mkdtempSync(join(tmpdir(), 'skiff-bind-'));
    writeFileSync(join(host, 'f'), 'from host');
    try {
      const { stdout } = run('cat /data/f; touch /data/g && echo bind-ok; touch /run/x && echo tmpfs-ok; touch /x 2>/dev/null || echo root-ro; grep " /run " /proc/mounts',
        {}, { ReadonlyRootfs: true, Binds: [`${host}:/data`], Tmpfs: { '/run': 'size=1m' } });
      expect(stdout).toMatch(/^from hostbind-ok\ntmpfs-ok\nroot-ro\ntmpfs \/run tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k/);
    } finally {
      rmSync(host, { recursive: true, force: true });
    }
  });

  it('applies --ulimit, --memory and --pids-limit', () => {
    const { stdout } = run('ulimit -n; ulimit -Hn; cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max', {},
      { Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }], Memory: 64 * 1024 * 1024, PidsLimit: 100 });
    expect(stdout).toBe('1024\n2048\n67108864\n100\n');
  });

  it.skipIf(!CATATONIT)('--init puts catatonit at /sbin/docker-init as PID 1', () => {
    const { stdout } = run('cat /proc/1/cmdline | tr "\\0" " "', {}, { Init: true });
    expect(stdout).toBe(`/sbin/docker-init -- sh -c cat /proc/1/cmdline | tr "\\0" " " `);
  });

  it('--privileged runs (capabilities bounded by the engine\'s own set) with a writable /sys', () => {
    const { stdout } = run('grep " /sys " /proc/mounts | grep -c "sysfs rw"; ls /dev | grep -c .', {}, { Privileged: true });
    const [rwSys, devCount] = stdout.trim().split('\n').map(Number);
    expect(rwSys).toBe(1);
    expect(devCount).toBeGreaterThan(5);
  });

  it('--network host keeps the host\'s hostname and network', () => {
    const { stdout, spec } = run('hostname; cat /etc/hostname', {}, { NetworkMode: 'host' });
    expect(spec.linux.namespaces.map((n) => n.type)).not.toContain('network');
    const [a, b] = stdout.trim().split('\n');
    expect(a).toBe(b);
  });

  it('rootless shape (inside a user namespace, no cgroups, no resources) runs', async () => {
    const { stdout, spec } = await withUserNamespace((wrap) => run('id; grep CapEff /proc/self/status', {}, { Memory: 1 << 26 }, wrap));
    expect(spec.linux.resources).toBeUndefined();
    expect(spec.linux.cgroupsPath).toBeUndefined();
    expect(stdout).toBe(`uid=0(root) gid=0(root) groups=0(root),10(wheel)\nCapEff:\t${DOCKER_DEFAULT_CAPEFF}\n`);
  });

  it('rootless with the host network binds the host\'s /sys (sysfs cannot be mounted there)', async () => {
    const { stdout, spec } = await withUserNamespace((wrap) => run('hostname; grep -c " /sys " /proc/mounts; id -u', { User: 'nobody' }, { NetworkMode: 'host' }, wrap));
    expect(spec.mounts.find((m) => m.destination === '/sys')?.type).toBe('bind');
    const [name, sysMounts, uid] = stdout.trim().split('\n');
    expect(name).toBe(spec.hostname);
    expect(Number(sysMounts)).toBeGreaterThanOrEqual(1);
    expect(uid).toBe('65534');
  });
});
