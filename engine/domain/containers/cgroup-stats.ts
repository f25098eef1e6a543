// One sample of a container's resource usage from its cgroup v1 directories (runc's cgroupfs layout:
// /sys/fs/cgroup/<controller>/skiff/<id>), shaped as the parts of Docker's StatsJSON, as containerd's
// cgroups v1 Metrics and moby 20.10's stats conversion produce them.
// docker parity: moby 20.10 daemon/daemon_unix.go statsV1, daemon/stats/collector_unix.go
import { BLKIO_KEYS, type BlkioEntry, type CpuStats, type NetworkStats, type StatsJSON } from '../../views/container-stats.js';

/** Reads a file; undefined when it is missing (injectable for tests). */
export type ReadFile = (path: string) => string | undefined;

const CLOCK_TICKS = 100; // USER_HZ
const NS_PER_TICK = 1e9 / CLOCK_TICKS;

// docker parity: moby 20.10 daemon/daemon_unix.go statsV1 (the memory.stat keys it copies)
const MEMORY_KEYS = ['cache', 'rss', 'rss_huge', 'mapped_file', 'dirty', 'writeback', 'pgpgin', 'pgpgout', 'pgfault', 'pgmajfault',
  'inactive_anon', 'active_anon', 'inactive_file', 'active_file', 'unevictable', 'hierarchical_memory_limit', 'hierarchical_memsw_limit'];

export type CgroupSample = Pick<StatsJSON, 'pids_stats' | 'blkio_stats' | 'cpu_stats' | 'memory_stats'>;

const num = (text: string | undefined) => (text === undefined ? 0 : Number(text.trim()) || 0);

function keyValues(text: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of (text ?? '').split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined) out.set(k, Number(v));
  }
  return out;
}

export function sampleCgroup(read: ReadFile, id: string, host: { machineMemory: number; onlineCpus: number; systemUsage: number }): CgroupSample {
  const dir = (controller: string) => `/sys/fs/cgroup/${controller}/skiff/${id}`;
  return {
    pids_stats: pids(read, dir('pids')),
    blkio_stats: blkio(read, dir('blkio')),
    cpu_stats: cpu(read, dir('cpuacct'), dir('cpu'), host),
    memory_stats: memory(read, dir('memory'), host.machineMemory),
  };
}

function pids(read: ReadFile, dir: string): StatsJSON['pids_stats'] {
  const max = read(`${dir}/pids.max`)?.trim();
  return { current: num(read(`${dir}/pids.current`)), ...(max && max !== 'max' && Number(max) > 0 ? { limit: Number(max) } : {}) };
}

function cpu(read: ReadFile, acct: string, cpuDir: string, host: { onlineCpus: number; systemUsage: number }): CpuStats {
  const stat = keyValues(read(`${acct}/cpuacct.stat`));
  const throttle = keyValues(read(`${cpuDir}/cpu.stat`));
  const percpu = (read(`${acct}/cpuacct.usage_percpu`) ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
  return {
    cpu_usage: {
      total_usage: num(read(`${acct}/cpuacct.usage`)), percpu_usage: percpu,
      usage_in_kernelmode: (stat.get('system') ?? 0) * NS_PER_TICK, usage_in_usermode: (stat.get('user') ?? 0) * NS_PER_TICK,
    },
    system_cpu_usage: host.systemUsage, online_cpus: host.onlineCpus,
    throttling_data: { periods: throttle.get('nr_periods') ?? 0, throttled_periods: throttle.get('nr_throttled') ?? 0, throttled_time: throttle.get('throttled_time') ?? 0 },
  };
}

function memory(read: ReadFile, dir: string, machineMemory: number): StatsJSON['memory_stats'] {
  const stat = keyValues(read(`${dir}/memory.stat`));
  const raw: Record<string, number> = {};
  for (const k of MEMORY_KEYS) raw[k] = stat.get(k) ?? 0;
  for (const k of MEMORY_KEYS.slice(0, 15)) raw[`total_${k}`] = stat.get(`total_${k}`) ?? 0;
  const stats = Object.fromEntries(Object.entries(raw).sort(([a], [b]) => (a < b ? -1 : 1)));
  const failcnt = num(read(`${dir}/memory.failcnt`));
  let limit = num(read(`${dir}/memory.limit_in_bytes`));
  // docker parity: daemon_unix.go "if the container does not set memory limit, use the machineMemory"
  if (limit > machineMemory && machineMemory > 0) limit = machineMemory;
  return {
    usage: num(read(`${dir}/memory.usage_in_bytes`)), max_usage: num(read(`${dir}/memory.max_usage_in_bytes`)), stats,
    ...(failcnt ? { failcnt } : {}), limit,
  };
}

/** CFQ's recursive files when the kernel has them, else the throttle policy's (containerd cgroups v1 blkio). */
function blkio(read: ReadFile, dir: string): StatsJSON['blkio_stats'] {
  const out: StatsJSON['blkio_stats'] = Object.fromEntries(BLKIO_KEYS.map((k) => [k, [] as BlkioEntry[]]));
  const cfq = read(`${dir}/blkio.io_serviced_recursive`) !== undefined;
  const bytes = cfq ? entries(read(`${dir}/blkio.io_service_bytes_recursive`)) : [];
  out.io_service_bytes_recursive = bytes.length ? bytes : entries(read(`${dir}/blkio.throttle.io_service_bytes`));
  const ops = cfq ? entries(read(`${dir}/blkio.io_serviced_recursive`)) : [];
  out.io_serviced_recursive = ops.length ? ops : entries(read(`${dir}/blkio.throttle.io_serviced`));
  return out;
}

/** "8:0 Read 4096" lines; the "Total" lines are skipped. */
function entries(text: string | undefined): BlkioEntry[] {
  const out: BlkioEntry[] = [];
  for (const line of (text ?? '').split('\n')) {
    const m = /^(\d+):(\d+)\s+(\S+)\s+(\d+)$/.exec(line.trim());
    if (m) out.push({ major: Number(m[1]), minor: Number(m[2]), op: m[3]!, value: Number(m[4]) });
  }
  return out;
}

/** The host's CPU time in ns from the first line of /proc/stat (user…steal fields), as moby's collector computes it. */
export function systemCpuUsage(procStat: string | undefined): number {
  const line = (procStat ?? '').split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return 0;
  const ticks = line.trim().split(/\s+/).slice(1, 8).reduce((n, v) => n + Number(v), 0);
  return ticks * NS_PER_TICK;
}

/** Interface counters from /proc/PID/net/dev, loopback left out (Docker reports the container's endpoints). */
export function networkStats(netDev: string | undefined): Record<string, NetworkStats> | undefined {
  const out: Record<string, NetworkStats> = {};
  for (const line of (netDev ?? '').split('\n').slice(2)) {
    const m = /^\s*([^:]+):\s*(.*)$/.exec(line);
    if (!m || m[1] === 'lo') continue;
    const f = m[2]!.trim().split(/\s+/).map(Number);
    out[m[1]!] = { rx_bytes: f[0]!, rx_packets: f[1]!, rx_errors: f[2]!, rx_dropped: f[3]!, tx_bytes: f[8]!, tx_packets: f[9]!, tx_errors: f[10]!, tx_dropped: f[11]! };
  }
  return Object.keys(out).length ? out : undefined;
}
