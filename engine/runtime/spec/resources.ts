// Cgroup resources and rlimits as Docker 20.10 emits them (moby daemon/oci_linux.go WithResources,
// WithDevices, WithRlimits; measured config.json in testdata/). Rootless callers skip resources entirely.
import { invalidArgument, notImplemented } from '../../errors.js';
import type { HostConfig, Ulimit } from '../../model/docker-types.js';
import type { OciCpu, OciDeviceCgroup, OciMemory, OciResources, OciRlimit } from './types.js';

const allowChar = (major: number, minor: number): OciDeviceCgroup =>
  ({ allow: true, type: 'c', major, minor, access: 'rwm' });

// docker parity: moby oci/defaults.go DefaultLinuxSpec Resources.Devices (null, zero, urandom, random, tty,
// console allowed; fuse denied)
export const DOCKER_DEFAULT_DEVICE_RULES: readonly OciDeviceCgroup[] = [
  { allow: false, access: 'rwm' },
  allowChar(1, 5), allowChar(1, 3), allowChar(1, 9), allowChar(1, 8), allowChar(5, 0), allowChar(5, 1),
  { allow: false, type: 'c', major: 10, minor: 229, access: 'rwm' },
];

const CGROUP_RULE = /^([acb]) ([0-9]+|\*):([0-9]+|\*) ([rwm]{1,3})$/;

/** `--device-cgroup-rule 'c 1:3 rwm'` → an allow rule; `*` becomes -1 (moby oci AppendDevicePermissionsFromCgroupRules). */
export function parseDeviceCgroupRule(rule: string): OciDeviceCgroup {
  const m = CGROUP_RULE.exec(rule);
  // docker parity: moby oci/devices_linux.go AppendDevicePermissionsFromCgroupRules
  if (!m) throw invalidArgument('bad-device-cgroup-rule', `invalid device cgroup rule format: '${rule}'`);
  const num = (s: string) => (s === '*' ? -1 : Number(s));
  return { allow: true, type: m[1] as 'a' | 'b' | 'c', major: num(m[2]!), minor: num(m[3]!), access: m[4]! };
}

function deviceRules(hc: HostConfig, privileged: boolean): OciDeviceCgroup[] {
  if ((hc.Devices ?? []).length > 0) throw notImplemented('devices', '--device is not supported yet');
  if (privileged) return [{ allow: true, access: 'rwm' }];
  return [...DOCKER_DEFAULT_DEVICE_RULES, ...(hc.DeviceCgroupRules ?? []).map(parseDeviceCgroupRule)];
}

function memory(hc: HostConfig): OciMemory {
  const out: OciMemory = {};
  if (hc.Memory > 0) out.limit = hc.Memory;
  if (hc.MemoryReservation > 0) out.reservation = hc.MemoryReservation;
  // Docker doubles --memory into swap when --memory-swap is not given; -1 means unlimited (no entry).
  const swap = hc.MemorySwap === 0 && hc.Memory > 0 ? hc.Memory * 2 : hc.MemorySwap;
  if (swap > 0) out.swap = swap;
  if (hc.KernelMemory) out.kernel = hc.KernelMemory;
  if (hc.KernelMemoryTCP) out.kernelTCP = hc.KernelMemoryTCP;
  if (hc.MemorySwappiness !== null && hc.MemorySwappiness !== undefined && hc.MemorySwappiness >= 0) {
    out.swappiness = hc.MemorySwappiness;
  }
  out.disableOOMKiller = hc.OomKillDisable === true;
  return out;
}

const CPU_PERIOD_US = 100_000; // docker parity: moby daemon/oci_linux.go getCPUResources (100ms)

function cpu(hc: HostConfig): OciCpu {
  if (hc.CpuShares < 0) throw invalidArgument('bad-cpu-shares', 'shares: invalid argument');
  const out: OciCpu = { shares: hc.CpuShares ?? 0 };
  if (hc.NanoCpus > 0) {
    out.quota = Math.floor((hc.NanoCpus * CPU_PERIOD_US) / 1e9);
    out.period = CPU_PERIOD_US;
  }
  if (hc.CpuPeriod) out.period = hc.CpuPeriod;
  if (hc.CpuQuota) out.quota = hc.CpuQuota;
  if (hc.CpuRealtimeRuntime) out.realtimeRuntime = hc.CpuRealtimeRuntime;
  if (hc.CpuRealtimePeriod) out.realtimePeriod = hc.CpuRealtimePeriod;
  if (hc.CpusetCpus) out.cpus = hc.CpusetCpus;
  if (hc.CpusetMems) out.mems = hc.CpusetMems;
  return out;
}

export interface ResourceHost {
  /** False when the kernel has no blkio weight file; Docker then discards the weight with a warning. */
  blkioWeightSupported?: boolean;
  warn?: (message: string) => void;
}

function blkioWeight(hc: HostConfig, host: ResourceHost): number {
  if (hc.BlkioWeight > 0 && host.blkioWeightSupported === false) {
    // docker parity: moby daemon/daemon_unix.go verifyPlatformContainerResources
    host.warn?.('Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.');
    return 0;
  }
  return hc.BlkioWeight ?? 0;
}

/** linux.resources for a rootful container; Docker always lists memory, cpu and blockIO, even when empty. */
export function buildResources(hc: HostConfig, privileged: boolean, host: ResourceHost = {}): OciResources {
  const resources: OciResources = { devices: deviceRules(hc, privileged), memory: memory(hc), cpu: cpu(hc) };
  if (hc.PidsLimit !== null && hc.PidsLimit !== undefined && hc.PidsLimit > 0) resources.pids = { limit: hc.PidsLimit };
  resources.blockIO = { weight: blkioWeight(hc, host) };
  return resources;
}

const ULIMIT_NAMES = new Set([
  'as', 'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio',
  'rttime', 'sigpending', 'stack',
]);

/** The engine's own hard limits by ulimit name (at least nofile and nproc); no rlimit may exceed them. */
export type HostHardLimits = Partial<Record<string, number>>;

function checkUlimit(u: Ulimit, host: HostHardLimits): void {
  // docker parity: docker/go-units ulimit.go ParseUlimit messages
  if (!ULIMIT_NAMES.has(u.Name)) throw invalidArgument('bad-ulimit', `invalid ulimit type: ${u.Name}`);
  if (!Number.isSafeInteger(u.Soft) || !Number.isSafeInteger(u.Hard) || u.Soft < 0 || u.Hard < 0) {
    throw invalidArgument('bad-ulimit', `invalid ulimit argument: ${u.Name}=${u.Soft}:${u.Hard}`);
  }
  if (u.Soft > u.Hard) {
    throw invalidArgument('bad-ulimit', `ulimit soft limit must be less than or equal to hard limit: ${u.Soft} > ${u.Hard}`);
  }
  const max = host[u.Name];
  // Raising a hard limit needs CAP_SYS_RESOURCE, which the engine may not have: runc would fail at start.
  if (max !== undefined && u.Hard > max) {
    throw invalidArgument('ulimit-above-host',
      `ulimit ${u.Name}=${u.Soft}:${u.Hard} exceeds the engine's own hard limit ${max}; use a hard limit of at most ${max}`);
  }
}

/** --ulimit → process.rlimits; none by default, like Docker (a default nofile would break on this host). */
export function buildRlimits(ulimits: readonly Ulimit[] | null | undefined, host: HostHardLimits): OciRlimit[] | undefined {
  if (!ulimits || ulimits.length === 0) return undefined;
  return ulimits.map((u) => {
    checkUlimit(u, host);
    return { type: `RLIMIT_${u.Name.toUpperCase()}`, hard: u.Hard, soft: u.Soft };
  });
}
