// Daemon-side checks of HostConfig resources (moby 20.10 daemon/daemon_unix.go
// verifyPlatformContainerResources / verifyPlatformContainerSettings), with moby's texts.
import { daemonInvalid } from '../../../errors.js';
import type { HostConfig } from '../../../model/docker-types.js';

/** What the daemon knows about the host (sysinfo). */
export interface HostInfo {
  /** Online CPUs (sysinfo.NumCPU). */
  ncpu: number;
  /** Available cpuset CPUs and memory nodes, e.g. "0-1" and "0". */
  cpus: string;
  mems: string;
  /** sysinfo.BlkioWeight: false when the kernel/cgroup cannot weight block IO (the weight is dropped). */
  blkioWeight?: boolean;
  /** sysinfo.SwapLimit: false when the memory cgroup has no memsw files (swap is then left unlimited). */
  swapLimit?: boolean;
}

const MIN_MEMORY = 6 * 1024 * 1024;
type Resources = Partial<HostConfig>;
const n = (v: unknown) => (typeof v === 'number' ? v : 0);

// docker parity: moby 20.10 daemon/daemon_unix.go verifyPlatformContainerResources (the host-independent part)
export function checkResources(r: Resources, host: HostInfo, update: boolean, warnings: string[]): void {
  checkMemory(r, host, update, warnings);
  checkCpu(r, host);
  const blkio = n(r.BlkioWeight);
  if (blkio > 0 && host.blkioWeight === false) {
    warnings.push('Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.');
  } else if (blkio > 0 && (blkio < 10 || blkio > 1000)) throw daemonInvalid('blkio-weight', 'Range of blkio weight is from 10 to 1000');
  if (n(r.IOMaximumBandwidth) !== 0 || n(r.IOMaximumIOps) !== 0) {
    throw daemonInvalid('io-maximum', 'Invalid QoS settings: linux does not support Maximum IO Bandwidth or Maximum IO IOps');
  }
}

function checkMemory(r: Resources, host: HostInfo, update: boolean, warnings: string[]): void {
  const memory = n(r.Memory);
  let swap = n(r.MemorySwap);
  const reservation = n(r.MemoryReservation);
  const kernel = n(r.KernelMemory);
  if (memory !== 0 && memory < MIN_MEMORY) throw daemonInvalid('memory-min', 'Minimum memory limit allowed is 6MB');
  if (memory > 0 && swap !== -1 && host.swapLimit === false) {
    warnings.push('Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.');
    swap = -1;
  }
  if (memory > 0 && swap > 0 && swap < memory) throw daemonInvalid('memory-swap', 'Minimum memoryswap limit should be larger than memory limit, see usage');
  if (memory === 0 && swap > 0 && !update) throw daemonInvalid('memory-swap', 'You should always set the Memory limit when using Memoryswap limit, see usage');
  const swappiness = r.MemorySwappiness;
  if (typeof swappiness === 'number' && swappiness !== -1 && (swappiness < 0 || swappiness > 100)) {
    throw daemonInvalid('memory-swappiness', `Invalid value: ${swappiness}, valid memory swappiness range is 0-100`);
  }
  if (reservation > 0 && reservation < MIN_MEMORY) throw daemonInvalid('memory-reservation', 'Minimum memory reservation allowed is 6MB');
  if (memory > 0 && reservation > 0 && memory < reservation) {
    throw daemonInvalid('memory-reservation', 'Minimum memory limit can not be less than memory reservation limit, see usage');
  }
  if (kernel > 0) warnings.push('Specifying a kernel memory limit is deprecated and will be removed in a future release.');
  if (kernel > 0 && kernel < MIN_MEMORY) throw daemonInvalid('kernel-memory', 'Minimum kernel memory limit allowed is 6MB');
  if (r.OomKillDisable === true && memory === 0) {
    warnings.push('OOM killer is disabled for the container, but no memory limit is set, this can result in the system running out of resources.');
  }
}

function checkCpu(r: Resources, host: HostInfo): void {
  const nano = n(r.NanoCpus);
  const period = n(r.CpuPeriod);
  const quota = n(r.CpuQuota);
  if (nano > 0 && period > 0) throw daemonInvalid('nano-cpus', 'Conflicting options: Nano CPUs and CPU Period cannot both be set');
  if (nano > 0 && quota > 0) throw daemonInvalid('nano-cpus', 'Conflicting options: Nano CPUs and CPU Quota cannot both be set');
  if (nano < 0 || nano > host.ncpu * 1e9) {
    throw daemonInvalid('nano-cpus', `Range of CPUs is from 0.01 to ${host.ncpu}.00, as there are only ${host.ncpu} CPUs available`);
  }
  if (period !== 0 && (period < 1000 || period > 1000000)) {
    throw daemonInvalid('cpu-period', 'CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)');
  }
  if (quota > 0 && quota < 1000) throw daemonInvalid('cpu-quota', 'CPU cfs quota can not be less than 1ms (i.e. 1000)');
  checkCpuset(r.CpusetCpus ?? '', host.cpus, 'cpus', 'CPUs');
  checkCpuset(r.CpusetMems ?? '', host.mems, 'mems', 'memory nodes');
}

function checkCpuset(requested: string, available: string, what: 'cpus' | 'mems', noun: string): void {
  const want = parseUintList(requested);
  if (want === undefined) throw daemonInvalid(`cpuset-${what}`, `Invalid value ${requested} for cpuset ${what}: invalid format: ${requested}`);
  const have = parseUintList(available) ?? new Set<number>();
  if ([...want].some((c) => !have.has(c))) {
    throw daemonInvalid(`cpuset-${what}`, `Requested ${noun} are not available - requested ${requested}, available: ${available}`);
  }
}

// docker parity: moby pkg/parsers ParseUintList ("0-3,5"); undefined on a bad format.
export function parseUintList(val: string): Set<number> | undefined {
  const out = new Set<number>();
  if (val === '') return out;
  for (const r of val.split(',')) {
    const [lo, hi] = r.includes('-') ? [r.slice(0, r.indexOf('-')), r.slice(r.indexOf('-') + 1)] : [r, r];
    if (!/^[+-]?\d+$/.test(lo) || !/^[+-]?\d+$/.test(hi) || Number(hi) < Number(lo)) return undefined;
    for (let i = Number(lo); i <= Number(hi); i++) out.add(i);
  }
  return out;
}

// docker parity: moby 20.10 daemon/daemon_unix.go verifyPlatformContainerSettings (after resources)
export function checkPlatformSettings(h: Resources, warnings: string[]): void {
  if (n(h.ShmSize) < 0) throw daemonInvalid('shm-size', 'SHM size can not be less than 0');
  const oom = n(h.OomScoreAdj);
  if (oom < -1000 || oom > 1000) throw daemonInvalid('oom-score-adj', `Invalid value ${oom}, range for oom score adj is [-1000, 1000]`);
  if (h.NetworkMode === 'host' && Object.keys(h.PortBindings ?? {}).length > 0) warnings.push('Published ports are discarded when using host network mode');
}

/** The last of verifyPlatformContainerSettings' checks (after the tmpfs destinations). */
export function checkCgroupns(h: Resources): void {
  const cgroupns = h.CgroupnsMode ?? '';
  if (!['', 'host', 'private'].includes(cgroupns)) throw daemonInvalid('cgroupns', `invalid cgroup namespace mode: ${cgroupns}`);
}
