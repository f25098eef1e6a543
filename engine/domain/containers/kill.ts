import type { Engine } from '../../context.js';
import { conflict, EngineError } from '../../errors.js';
import { getContainer } from './lookup.js';
import { parseSignal } from './signals.js';
import { signalContainer, waitRecorded } from './stop.js';
import { syncContainer } from './sync.js';

export interface KillOptions { ref: string; signal?: string }

export async function killContainer(engine: Engine, opts: KillOptions): Promise<{ id: string }> {
  const signal = parseSignal(opts.signal || 'KILL');
  // docker parity: moby@20.10 container_routes.go postContainersKill wraps every failure, keeping its class
  const wrap = (e: unknown) => (e instanceof EngineError
    ? new EngineError(e.kind, e.code, `Cannot kill container: ${opts.ref}: ${e.message}`, { cause: e }) : e);
  let rec;
  try { rec = syncContainer(engine, getContainer(engine, opts.ref)); } catch (e) { throw wrap(e); }
  // docker parity: moby daemon/kill.go errNotRunning
  if (rec.State.Status !== 'running' && rec.State.Status !== 'paused') throw wrap(conflict('not-running', `Container ${rec.Id} is not running`));
  try { await signalContainer(engine, rec.Id, rec.State.Pid, signal); } catch (e) { throw wrap(e); }
  if (signal === 9) await waitRecorded(engine, rec.Id);
  return { id: rec.Id };
}
