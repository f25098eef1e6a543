// Facts about the host the spec builder needs, read once per process from /proc.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, hostname, release } from 'node:os';

const RLIMIT_ROWS: Record<string, string> = {
  'Max cpu time': 'cpu', 'Max file size': 'fsize', 'Max data size': 'data', 'Max stack size': 'stack',
  'Max core file size': 'core', 'Max resident set': 'rss', 'Max processes': 'nproc', 'Max open files': 'nofile',
  'Max locked memory': 'memlock', 'Max address space': 'as', 'Max file locks': 'locks', 'Max pending signals': 'sigpending',
  'Max msgqueue size': 'msgqueue', 'Max nice priority': 'nice', 'Max realtime priority': 'rtprio', 'Max realtime timeout': 'rttime',
};

/** Node has no getrlimit: /proc/self/limits holds the same numbers ("unlimited" → no bound). */
export function hardLimits(text = readFileSync('/proc/self/limits', 'utf8')): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n').slice(1)) {
    const label = Object.keys(RLIMIT_ROWS).find((l) => line.startsWith(l));
    if (!label) continue;
    const fields = line.slice(label.length).trim().split(/\s+/);
    if (fields[1] && fields[1] !== 'unlimited') out[RLIMIT_ROWS[label]!] = Number(fields[1]);
  }
  return out;
}

export const capLastCap = () => Number(readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8').trim());
export const kernelVersion = () => release().split('.').slice(0, 2).join('.');
export const hostName = () => hostname();

/** The engine's own bounding set, from CapBnd in /proc/self/status (root here lacks CAP_SYS_RESOURCE). */
export function boundingCapabilities(names: readonly string[]): string[] {
  const status = readFileSync('/proc/self/status', 'utf8');
  const hex = /CapBnd:\s*([0-9a-f]+)/.exec(status)?.[1] ?? '0';
  const mask = BigInt(`0x${hex}`);
  return names.filter((_, i) => (mask >> BigInt(i)) & 1n);
}

/** What moby's sysinfo tells the daemon about the host's CPUs and cgroup controllers. */
export interface HostResources { ncpu: number; cpus: string; mems: string; blkioWeight: boolean; swapLimit: boolean }

const readTrim = (path: string, fallback: string) => { try { return readFileSync(path, 'utf8').trim(); } catch { return fallback; } };

let resources: HostResources | undefined;
/** Read once per process: cgroup v1 controller files, or the cgroup v2 root's effective sets. */
export function hostResources(): HostResources {
  if (resources) return resources;
  const v2 = existsSync('/sys/fs/cgroup/cgroup.controllers');
  const online = readTrim('/sys/devices/system/cpu/online', '0');
  resources = v2
    ? {
      ncpu: availableParallelism(), cpus: readTrim('/sys/fs/cgroup/cpuset.cpus.effective', online),
      mems: readTrim('/sys/fs/cgroup/cpuset.mems.effective', '0'),
      blkioWeight: readTrim('/sys/fs/cgroup/cgroup.controllers', '').split(' ').includes('io'),
      swapLimit: readTrim('/sys/fs/cgroup/cgroup.controllers', '').split(' ').includes('memory'),
    }
    : {
      ncpu: availableParallelism(), cpus: readTrim('/sys/fs/cgroup/cpuset/cpuset.cpus', online),
      mems: readTrim('/sys/fs/cgroup/cpuset/cpuset.mems', '0'),
      blkioWeight: existsSync('/sys/fs/cgroup/blkio/blkio.weight'),
      swapLimit: existsSync('/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes'),
    };
  return resources;
}

/** The cgroup hierarchy the host mounts: 2 when /sys/fs/cgroup is the unified hierarchy. */
export const cgroupVersion = (): 1 | 2 => (existsSync('/sys/fs/cgroup/cgroup.controllers') ? 2 : 1);

/** Whether a host path exists (bind sources of --mount). */
export const pathExists = (path: string) => existsSync(path);
