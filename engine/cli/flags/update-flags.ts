// `docker update` flags (docker/cli 28.2 cli/command/container/update.go) and the POST
// /containers/{id}/update body (container.UpdateConfig: Resources + RestartPolicy).
import type { FlagSpec } from '../pflag.js';
import { ContainerOptionsError, type FlagRequirements } from './create-errors.js';
import { parseRestartPolicy, type RestartPolicyValue } from './create-host.js';
import { num, str, type ParsedFlags } from './flag-access.js';
import { int64Value, memBytes, memSwapBytes, nanoCpus, uint16Value } from './flag-values.js';

const int = (name: string, usage: string, short?: string): FlagSpec => ({ name, short, type: 'int', valueName: 'int', usage, parse: int64Value });
const bytes = (name: string, usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({ name, type: 'bytes', valueName: 'bytes', usage, parse: memBytes, ...extra });

/** `docker update` flags, sorted by name as pflag lists them. */
export const UPDATE_FLAGS: FlagSpec[] = [
  { name: 'blkio-weight', type: 'uint', valueName: 'uint16', usage: 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)', parse: uint16Value },
  int('cpu-period', 'Limit CPU CFS (Completely Fair Scheduler) period'),
  int('cpu-quota', 'Limit CPU CFS (Completely Fair Scheduler) quota'),
  int('cpu-rt-period', 'Limit the CPU real-time period in microseconds'),
  int('cpu-rt-runtime', 'Limit the CPU real-time runtime in microseconds'),
  int('cpu-shares', 'CPU shares (relative weight)', 'c'),
  { name: 'cpus', type: 'float', valueName: 'decimal', usage: 'Number of CPUs', parse: nanoCpus },
  { name: 'cpuset-cpus', type: 'string', valueName: 'string', usage: 'CPUs in which to allow execution (0-3, 0,1)' },
  { name: 'cpuset-mems', type: 'string', valueName: 'string', usage: 'MEMs in which to allow execution (0-3, 0,1)' },
  bytes('kernel-memory', 'Kernel memory limit (deprecated)', { hidden: true }),
  bytes('memory', 'Memory limit', { short: 'm' }),
  bytes('memory-reservation', 'Memory soft limit'),
  bytes('memory-swap', 'Swap limit equal to memory plus swap: -1 to enable unlimited swap', { parse: memSwapBytes }),
  int('pids-limit', 'Tune container pids limit (set -1 for unlimited)'),
  { name: 'restart', type: 'string', valueName: 'string', usage: 'Restart policy to apply when a container exits' },
];

export const UPDATE_FLAG_REQUIREMENTS: FlagRequirements = {
  'cpu-rt-period': { api: '1.25' }, 'cpu-rt-runtime': { api: '1.25' }, cpus: { api: '1.29' }, 'pids-limit': { api: '1.40' },
};

export interface UpdateRequest {
  containers: string[];
  /** The update body, in Go's field order. */
  body: Record<string, unknown> & { RestartPolicy: RestartPolicyValue };
}

// docker parity: docker/cli cli/command/container/update.go runUpdate
/** Builds the update body; errors are ContainerOptionsErrors of stage "run" (bare message, exit 1). */
export function buildUpdateBody(parsed: ParsedFlags): UpdateRequest {
  if (parsed.changed.size === 0) throw new ContainerOptionsError('you must provide one or more flags when using this command', 'run');
  const restart = restartOf(str(parsed, 'restart'));
  const pids = num(parsed, 'pids-limit');
  const kernel = num(parsed, 'kernel-memory');
  const body = {
    CpuShares: num(parsed, 'cpu-shares'), Memory: num(parsed, 'memory'), NanoCpus: num(parsed, 'cpus'), CgroupParent: '',
    BlkioWeight: num(parsed, 'blkio-weight'), BlkioWeightDevice: null, BlkioDeviceReadBps: null, BlkioDeviceWriteBps: null,
    BlkioDeviceReadIOps: null, BlkioDeviceWriteIOps: null, CpuPeriod: num(parsed, 'cpu-period'), CpuQuota: num(parsed, 'cpu-quota'),
    CpuRealtimePeriod: num(parsed, 'cpu-rt-period'), CpuRealtimeRuntime: num(parsed, 'cpu-rt-runtime'),
    CpusetCpus: str(parsed, 'cpuset-cpus'), CpusetMems: str(parsed, 'cpuset-mems'),
    Devices: null, DeviceCgroupRules: null, DeviceRequests: null,
    ...(kernel !== 0 ? { KernelMemory: kernel } : {}),
    MemoryReservation: num(parsed, 'memory-reservation'), MemorySwap: num(parsed, 'memory-swap'),
    MemorySwappiness: null, OomKillDisable: null,
    // Only a non-zero --pids-limit is sent; 0 means "leave it".
    PidsLimit: pids !== 0 ? pids : null,
    Ulimits: null, CpuCount: 0, CpuPercent: 0, IOMaximumIOps: 0, IOMaximumBandwidth: 0,
    RestartPolicy: restart,
  };
  return { containers: parsed.args, body };
}

// update prints restart-policy format errors bare (no "docker:" prefix, exit 1).
function restartOf(policy: string): RestartPolicyValue {
  if (policy === '') return { Name: '', MaximumRetryCount: 0 };
  try {
    return parseRestartPolicy(policy);
  } catch (e) {
    throw e instanceof ContainerOptionsError ? new ContainerOptionsError(e.message, 'run') : e;
  }
}
