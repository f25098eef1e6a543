// POST /containers/{id}/update and `update`: merge the new resources and restart policy into the stored
// HostConfig (moby's UpdateContainer rules), then apply the changed resources to a running container
// with `runc update`; if that fails the stored HostConfig is put back.
// docker parity: moby 20.10 daemon/update.go, container/container_unix.go UpdateContainer, daemon/update_linux.go
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import type { HostConfig, RestartPolicy } from '../../model/docker-types.js';
import { runcFor } from '../../runtime/index.js';
import { hostResources } from '../../sys/host-facts.js';
import { getContainer } from './lookup.js';
import { syncContainer } from './sync.js';
import { validateUpdateBody, type HostInfo } from './validate/create-body.js';
import { recordContainerEvent } from '../events/emit.js';

/** container.UpdateConfig: Resources fields (0/""/null mean "leave as is") plus RestartPolicy. */
export type UpdateBody = Partial<Pick<HostConfig, 'CpuShares' | 'Memory' | 'NanoCpus' | 'BlkioWeight' | 'CpuPeriod' | 'CpuQuota'
  | 'CpuRealtimePeriod' | 'CpuRealtimeRuntime' | 'CpusetCpus' | 'CpusetMems' | 'KernelMemory' | 'MemoryReservation' | 'MemorySwap'
  | 'PidsLimit'>> & { RestartPolicy?: RestartPolicy } & Record<string, unknown>;

export interface UpdateOptions { ref: string; body: UpdateBody; host?: HostInfo }
export interface UpdateReport { Warnings: string[] }

// skiff differs: cgroup v1 gives an unprivileged user no cgroup, so limits are stored but not applied (create says the same).
export const ROOTLESS_LIMITS_WARNING = 'Resource limits are not supported and ignored on cgroups V1 rootless systems';

export async function updateContainer(engine: Engine, opts: UpdateOptions): Promise<UpdateReport> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  const { warnings } = validateUpdateBody(opts.body, opts.host ?? hostResources());
  const cannot = (e: unknown) => new EngineError(errKind(e), 'cannot-update', `Cannot update container ${rec.Id}: ${(e as Error).message}`, { cause: e });
  if (rec.State.Status === 'removing' || rec.State.Status === 'dead') throw cannot(new Error('container is marked for removal and cannot be "update"'));
  const before = engine.state.transaction(() => {
    const fresh = engine.state.getContainer(rec.Id)!;
    const saved = structuredClone(fresh.HostConfig);
    try { mergeUpdate(fresh.HostConfig, opts.body); } catch (e) { throw cannot(e); }
    engine.state.saveContainer(fresh);
    return saved;
  });
  const resources = runcResources(opts.body);
  const limited = Object.keys(resources).length > 0;
  if (limited && engine.config.identity.rootless) { recordContainerEvent(engine, rec, 'update'); return { Warnings: [...warnings, ROOTLESS_LIMITS_WARNING] }; }
  if (limited && (rec.State.Status === 'running' || rec.State.Status === 'paused')) {
    try {
      await runcFor(engine).update(rec.Id, resources);
    } catch (e) {
      restore(engine, rec.Id, before);
      throw cannot(e);
    }
  }
  recordContainerEvent(engine, rec, 'update');
  return { Warnings: warnings };
}

const errKind = (e: unknown) => (e instanceof EngineError ? e.kind : 'internal');

class ConflictingUpdate extends EngineError {
  constructor(message: string) { super('invalid-argument', 'conflicting-update', message); }
}

/** moby's Container.UpdateContainer: non-zero fields replace the stored ones, with its conflict checks. */
export function mergeUpdate(hc: HostConfig, u: UpdateBody): void {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  if (n(u.NanoCpus) > 0 && hc.CpuPeriod > 0) throw new ConflictingUpdate('Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set');
  if (n(u.NanoCpus) > 0 && hc.CpuQuota > 0) throw new ConflictingUpdate('Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set');
  if (n(u.CpuPeriod) > 0 && hc.NanoCpus > 0) throw new ConflictingUpdate('Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set');
  if (n(u.CpuQuota) > 0 && hc.NanoCpus > 0) throw new ConflictingUpdate('Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set');
  for (const k of ['BlkioWeight', 'CpuShares', 'NanoCpus', 'CpuPeriod', 'CpuQuota'] as const) if (n(u[k]) !== 0) hc[k] = n(u[k]);
  if (u.CpusetCpus) hc.CpusetCpus = u.CpusetCpus;
  if (u.CpusetMems) hc.CpusetMems = u.CpusetMems;
  if (n(u.Memory) !== 0) {
    if (n(u.Memory) > hc.MemorySwap && n(u.MemorySwap) === 0) {
      throw new ConflictingUpdate('Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time');
    }
    hc.Memory = n(u.Memory);
  }
  for (const k of ['MemorySwap', 'MemoryReservation', 'KernelMemory', 'CpuRealtimePeriod', 'CpuRealtimeRuntime'] as const) if (n(u[k]) !== 0) hc[k] = n(u[k]);
  if (u.PidsLimit !== undefined && u.PidsLimit !== null) hc.PidsLimit = u.PidsLimit;
  if (u.RestartPolicy?.Name) {
    if (hc.AutoRemove && u.RestartPolicy.Name !== 'no') throw new ConflictingUpdate('Restart policy cannot be updated because AutoRemove is enabled for the container');
    hc.RestartPolicy = { ...u.RestartPolicy };
  }
}

function restore(engine: Engine, id: string, hc: HostConfig): void {
  engine.state.transaction(() => {
    const fresh = engine.state.getContainer(id);
    if (!fresh) return;
    fresh.HostConfig = hc;
    engine.state.saveContainer(fresh);
  });
}

/** moby's toContainerdResources: the OCI LinuxResources `runc update --resources -` takes, from the request alone. */
export function runcResources(u: UpdateBody): Record<string, unknown> {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const out: Record<string, unknown> = {};
  if (n(u.BlkioWeight) !== 0) out.blockIO = { weight: n(u.BlkioWeight) };
  const cpu: Record<string, unknown> = {};
  if (u.CpusetCpus) cpu.cpus = u.CpusetCpus;
  if (u.CpusetMems) cpu.mems = u.CpusetMems;
  if (n(u.CpuShares) !== 0) cpu.shares = n(u.CpuShares);
  let period = n(u.NanoCpus) !== 0 ? 100_000 : 0;
  let quota = n(u.NanoCpus) !== 0 ? Math.floor((n(u.NanoCpus) * period) / 1e9) : 0;
  if (quota === 0 && n(u.CpuQuota) !== 0) quota = n(u.CpuQuota);
  if (period === 0 && n(u.CpuPeriod) !== 0) period = n(u.CpuPeriod);
  if (period !== 0) cpu.period = period;
  if (quota !== 0) cpu.quota = quota;
  if (Object.keys(cpu).length) out.cpu = cpu;
  const memory: Record<string, number> = {};
  if (n(u.Memory) !== 0) memory.limit = n(u.Memory);
  if (n(u.MemoryReservation) !== 0) memory.reservation = n(u.MemoryReservation);
  if (n(u.KernelMemory) !== 0) memory.kernel = n(u.KernelMemory);
  if (n(u.MemorySwap) > 0) memory.swap = n(u.MemorySwap);
  if (Object.keys(memory).length) out.memory = memory;
  if (u.PidsLimit !== undefined && u.PidsLimit !== null) out.pids = { limit: u.PidsLimit <= 0 ? -1 : u.PidsLimit };
  return out;
}
