import type { Engine } from '../../context.js';
import { conflict } from '../../errors.js';
import { getContainer } from './lookup.js';
import { parseSignal } from './signals.js';
import { signalContainer, waitRecorded } from './stop.js';
import { syncContainer } from './sync.js';

export interface KillOptions { ref: string; signal?: string }

export async function killContainer(engine: Engine, opts: KillOptions): Promise<{ id: string }> {
  const signal = parseSignal(opts.signal || 'KILL');
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  // docker parity: moby daemon/kill.go errNotRunning
  if (rec.State.Status !== 'running' && rec.State.Status !== 'paused') throw conflict('not-running', `Cannot kill container: ${opts.ref}: Container ${rec.Id} is not running`);
  await signalContainer(engine, rec.Id, rec.State.Pid, signal);
  if (signal === 9) await waitRecorded(engine, rec.Id);
  return { id: rec.Id };
}
