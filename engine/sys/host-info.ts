// Facts about the host that `docker info` reports, read from /proc, /sys and /etc (moby's sysinfo and
// operatingsystem packages read the same files).
import { existsSync, readdirSync, readFileSync, statfsSync } from 'node:fs';
import { cgroupVersion } from './host-facts.js';

const read = (path: string): string | undefined => { try { return readFileSync(path, 'utf8'); } catch { return undefined; } };

/** Which resource controls the cgroup setup supports (moby pkg/sysinfo). */
export interface CgroupFeatures {
  memoryLimit: boolean; swapLimit: boolean; kernelMemory: boolean; kernelMemoryTCP: boolean; oomKillDisable: boolean;
  cpuCfsPeriod: boolean; cpuCfsQuota: boolean; cpuShares: boolean; cpuSet: boolean; pidsLimit: boolean;
}

export function cgroupFeatures(): CgroupFeatures {
  if (cgroupVersion() === 2) {
    const controllers = (read('/sys/fs/cgroup/cgroup.controllers') ?? '').trim().split(/\s+/);
    const has = (c: string) => controllers.includes(c);
    return {
      memoryLimit: has('memory'), swapLimit: has('memory'), kernelMemory: false, kernelMemoryTCP: false, oomKillDisable: false,
      cpuCfsPeriod: has('cpu'), cpuCfsQuota: has('cpu'), cpuShares: has('cpu'), cpuSet: has('cpuset'), pidsLimit: has('pids'),
    };
  }
  const at = (p: string) => existsSync(`/sys/fs/cgroup/${p}`);
  return {
    memoryLimit: at('memory/memory.limit_in_bytes'), swapLimit: at('memory/memory.memsw.limit_in_bytes'),
    kernelMemory: at('memory/memory.kmem.limit_in_bytes'), kernelMemoryTCP: at('memory/memory.kmem.tcp.limit_in_bytes'),
    oomKillDisable: at('memory/memory.oom_control'), cpuCfsPeriod: at('cpu/cpu.cfs_period_us'), cpuCfsQuota: at('cpu/cpu.cfs_quota_us'),
    cpuShares: at('cpu/cpu.shares'), cpuSet: at('cpuset/cpuset.cpus'), pidsLimit: at('pids'),
  };
}

/** PRETTY_NAME and VERSION_ID of /etc/os-release (moby pkg/parsers/operatingsystem). */
export function osRelease(): { name: string; version: string } {
  const text = read('/etc/os-release') ?? read('/usr/lib/os-release') ?? '';
  const field = (k: string) => (new RegExp(`^${k}=(.*)$`, 'm').exec(text)?.[1] ?? '').replace(/^["']|["']$/g, '');
  return { name: field('PRETTY_NAME') || 'Linux', version: field('VERSION_ID') };
}

// docker parity: moby pkg/fsutils / graphdriver FsNames — statfs magic numbers to Docker's names.
const FS_NAMES: Record<number, string> = {
  0xef53: 'extfs', 0x58465342: 'xfs', 0x9123683e: 'btrfs', 0x01021994: 'tmpfs', 0x794c7630: 'overlayfs', 0x2fc12fc1: 'zfs',
  0x6969: 'nfs', 0x858458f6: 'ramfs', 0x73717368: 'squashfs', 0xf2f52010: 'f2fs', 0xf15f: 'ecryptfs', 0x3153464a: 'jfs',
};

/** The filesystem a directory lives on, as Docker's "Backing Filesystem" names it. */
export function backingFilesystem(dir: string): string {
  try {
    const type = Number(statfsSync(dir).type);
    return FS_NAMES[type] ?? '<unknown>';
  } catch {
    return '<unknown>';
  }
}

/** Open file descriptors of this process (Docker reports the daemon's). */
export const openFds = (): number => { try { return readdirSync('/proc/self/fd').length; } catch { return -1; } };

export const ipv4Forwarding = (): boolean => (read('/proc/sys/net/ipv4/ip_forward') ?? '0').trim() === '1';

/** /etc/machine-id, stable across reboots; empty when the host has none. */
export const machineId = (): string => (read('/etc/machine-id') ?? read('/var/lib/dbus/machine-id') ?? '').trim();
