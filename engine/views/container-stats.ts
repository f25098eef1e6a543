// GET /containers/{id}/stats documents (types.StatsJSON, Docker 20.10 key order) and docker/cli's
// statsContext over them: what `stats --format` sees, computed as the docker CLI computes it.
// docker parity: cli@28.2 cli/command/container/formatter_stats.go, stats_helpers.go
import { bytesSize, formatFloat, goStruct, GO_MARSHAL_JSON, humanSizeWithPrecision, marshalJSON } from '../format/index.js';

export interface BlkioEntry { major: number; minor: number; op: string; value: number }
export interface CpuStats {
  cpu_usage: { total_usage: number; percpu_usage?: number[]; usage_in_kernelmode: number; usage_in_usermode: number };
  system_cpu_usage?: number; online_cpus?: number;
  throttling_data: { periods: number; throttled_periods: number; throttled_time: number };
}
export interface NetworkStats {
  rx_bytes: number; rx_packets: number; rx_errors: number; rx_dropped: number;
  tx_bytes: number; tx_packets: number; tx_errors: number; tx_dropped: number;
}
export interface StatsJSON {
  read: string; preread: string;
  pids_stats: { current?: number; limit?: number };
  blkio_stats: Record<string, BlkioEntry[] | null>;
  num_procs: number; storage_stats: Record<string, never>;
  cpu_stats: CpuStats; precpu_stats: CpuStats;
  memory_stats: { usage?: number; max_usage?: number; stats?: Record<string, number>; failcnt?: number; limit?: number };
  name: string; id: string;
  networks?: Record<string, NetworkStats>;
}

export const BLKIO_KEYS = ['io_service_bytes_recursive', 'io_serviced_recursive', 'io_queue_recursive', 'io_service_time_recursive',
  'io_wait_time_recursive', 'io_merged_recursive', 'io_time_recursive', 'sectors_recursive'] as const;

const ZERO_TIME = '0001-01-01T00:00:00Z';
const emptyCpu = (): CpuStats => ({
  cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
  throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
});

/** What the daemon answers for a container that is not running: names and zeros. */
export function emptyStats(name: string, id: string): StatsJSON {
  return {
    read: ZERO_TIME, preread: ZERO_TIME, pids_stats: {}, blkio_stats: Object.fromEntries(BLKIO_KEYS.map((k) => [k, null])),
    num_procs: 0, storage_stats: {}, cpu_stats: emptyCpu(), precpu_stats: emptyCpu(), memory_stats: {}, name, id,
  };
}

export const STATS_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';
export const STATS_HEADERS: Record<string, string> = {
  Container: 'CONTAINER', Name: 'NAME', ID: 'CONTAINER ID', CPUPerc: 'CPU %', MemUsage: 'MEM USAGE / LIMIT', MemPerc: 'MEM %',
  NetIO: 'NET I/O', BlockIO: 'BLOCK I/O', PIDs: 'PIDS',
};

/** docker/cli's StatsEntry: the numbers derived from one stats document. */
export interface StatsEntry {
  container: string; name: string; id: string; cpuPercentage: number; memory: number; memoryLimit: number;
  memoryPercentage: number; networkRx: number; networkTx: number; blockRead: number; blockWrite: number; pidsCurrent: number;
}

export function statsEntry(container: string, s: StatsJSON): StatsEntry {
  const mem = memUsageNoCache(s.memory_stats);
  const limit = s.memory_stats.limit ?? 0;
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(s.networks ?? {})) { rx += n.rx_bytes; tx += n.tx_bytes; }
  let read = 0;
  let write = 0;
  for (const e of s.blkio_stats.io_service_bytes_recursive ?? []) {
    if (/^[rR]/.test(e.op)) read += e.value;
    else if (/^[wW]/.test(e.op)) write += e.value;
  }
  return {
    container, name: s.name, id: s.id, cpuPercentage: cpuPercent(s), memory: mem, memoryLimit: limit,
    memoryPercentage: limit !== 0 ? (mem / limit) * 100 : 0, networkRx: rx, networkTx: tx, blockRead: read, blockWrite: write,
    pidsCurrent: s.pids_stats.current ?? 0,
  };
}

// docker parity: stats_helpers.go calculateCPUPercentUnix
function cpuPercent(s: StatsJSON): number {
  const cpuDelta = s.cpu_stats.cpu_usage.total_usage - s.precpu_stats.cpu_usage.total_usage;
  const systemDelta = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
  const online = s.cpu_stats.online_cpus || s.cpu_stats.cpu_usage.percpu_usage?.length || 0;
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * online * 100 : 0;
}

// docker parity: stats_helpers.go calculateMemUsageUnixNoCache (cgroup v1 total_inactive_file, v2 inactive_file)
function memUsageNoCache(m: StatsJSON['memory_stats']): number {
  const usage = m.usage ?? 0;
  const v1 = m.stats?.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = m.stats?.inactive_file ?? 0;
  return v2 < usage ? usage - v2 : usage;
}

// docker parity: formatter_stats.go formatPercentage: strconv.FormatFloat(v, 'f', 2, 64)
const percent = (v: number) => `${formatFloat(v, 'f', 2)}%`;

/** The template context of one row (*container.statsContext). */
export function statsContext(e: StatsEntry, opts: { trunc: boolean }): Record<string, unknown> {
  const ctx = {
    BlockIO: `${humanSizeWithPrecision(e.blockRead, 3)} / ${humanSizeWithPrecision(e.blockWrite, 3)}`,
    CPUPerc: percent(e.cpuPercentage),
    Container: e.container,
    ID: opts.trunc ? e.id.slice(e.id.indexOf(':') + 1).slice(0, 12) : e.id,
    MemPerc: percent(e.memoryPercentage),
    MemUsage: `${bytesSize(e.memory)} / ${bytesSize(e.memoryLimit)}`,
    Name: e.name.length > 1 ? e.name.slice(1) : '--',
    NetIO: `${humanSizeWithPrecision(e.networkRx, 3)} / ${humanSizeWithPrecision(e.networkTx, 3)}`,
    PIDs: String(e.pidsCurrent),
  };
  // docker parity: formatter/reflect.go MarshalJSON (sorted keys, HTML escaped)
  Object.defineProperty(ctx, GO_MARSHAL_JSON, { value: () => marshalJSON(new Map(Object.entries(ctx)), { escapeHTML: true }) });
  return goStruct(ctx, '*container.statsContext');
}
