// GET /containers/{id}/stats?stream=false and `stats --no-stream`: two samples of the container's
// cgroups an interval apart, the second reported with the first as precpu_stats (moby skips its first
// frame for the same reason: CPU % needs a delta).
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import { sleep } from '../../sys/process.js';
import { emptyStats, type StatsJSON } from '../../views/container-stats.js';
import { rfc3339Nano } from '../../views/time.js';
import { networkStats, sampleCgroup, systemCpuUsage, type ReadFile } from './cgroup-stats.js';
import { getContainer } from './lookup.js';
import { syncContainer } from './sync.js';

export interface StatsOptions {
  ref: string;
  /** Time between the two samples (moby's collector ticks every second). */
  intervalMs?: number;
  read?: ReadFile;
}

const readOrUndefined: ReadFile = (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } };

// Podman refuses the same way: cgroup v1 gives a rootless user no cgroup to read.
export const ROOTLESS_STATS = 'stats is not supported in rootless mode without cgroups v2';

export async function containerStats(engine: Engine, opts: StatsOptions): Promise<StatsJSON> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  if (engine.config.identity.rootless) throw new EngineError('not-implemented', 'rootless-stats', ROOTLESS_STATS);
  const name = `/${rec.Name}`;
  if (rec.State.Status !== 'running' && rec.State.Status !== 'paused') return emptyStats(name, rec.Id);
  const read = opts.read ?? readOrUndefined;
  const take = () => {
    const host = { machineMemory: totalmem(), onlineCpus: cpus().length, systemUsage: systemCpuUsage(read('/proc/stat')) };
    return { time: rfc3339Nano(engine.clock()), ...sampleCgroup(read, rec.Id, host) };
  };
  const first = take();
  await sleep(opts.intervalMs ?? 1000);
  const second = take();
  const networks = rec.HostConfig.NetworkMode === 'host' ? undefined : networkStats(read(`/proc/${rec.State.Pid}/net/dev`));
  return {
    read: second.time, preread: first.time, pids_stats: second.pids_stats, blkio_stats: second.blkio_stats, num_procs: 0,
    storage_stats: {}, cpu_stats: second.cpu_stats, precpu_stats: first.cpu_stats, memory_stats: second.memory_stats,
    name, id: rec.Id, ...(networks ? { networks } : {}),
  };
}
