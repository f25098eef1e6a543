// GET /containers/{id}/stats and `stats`: samples of the container's cgroups an interval apart, each
// reported with the one before as precpu_stats. Without streaming the second frame is the answer
// (moby skips its first frame for the same reason: CPU % needs a delta).
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
  const frames = streamStats(engine, opts);
  const first = await frames.next();
  if (first.value?.read === ZERO_TIME) return first.value; // not running: one empty document
  const second = await frames.next();
  await frames.return(undefined);
  return second.value!;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * GET /containers/{id}/stats?stream=true: a document every interval, each with the previous sample as
 * precpu_stats (the first has none). A container that is not running yields one empty document.
 */
export async function* streamStats(engine: Engine, opts: StatsOptions): AsyncGenerator<StatsJSON> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  if (engine.config.identity.rootless) throw new EngineError('not-implemented', 'rootless-stats', ROOTLESS_STATS);
  const name = `/${rec.Name}`;
  if (rec.State.Status !== 'running' && rec.State.Status !== 'paused') { yield emptyStats(name, rec.Id); return; }
  const read = opts.read ?? readOrUndefined;
  let prev = { time: ZERO_TIME, cpu: emptyStats(name, rec.Id).cpu_stats };
  for (;;) {
    const host = { machineMemory: totalmem(), onlineCpus: cpus().length, systemUsage: systemCpuUsage(read('/proc/stat')) };
    const sample = sampleCgroup(read, rec.Id, host);
    const time = rfc3339Nano(engine.clock());
    const networks = rec.HostConfig.NetworkMode === 'host' ? undefined : networkStats(read(`/proc/${rec.State.Pid}/net/dev`));
    yield {
      read: time, preread: prev.time, pids_stats: sample.pids_stats, blkio_stats: sample.blkio_stats, num_procs: 0, storage_stats: {},
      cpu_stats: sample.cpu_stats, precpu_stats: prev.cpu, memory_stats: sample.memory_stats, name, id: rec.Id, ...(networks ? { networks } : {}),
    };
    prev = { time, cpu: sample.cpu_stats };
    await sleep(opts.intervalMs ?? 1000);
  }
}
