import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import { runcFor } from '../../runtime/index.js';
import { pidAlive, sleep } from '../../sys/process.js';
import { cleanupContainer } from './cleanup.js';
import { getContainer } from './lookup.js';
import { parseSignal } from './signals.js';
import { syncContainer } from './sync.js';
import { recordContainerEvent, recordContainerEventById } from '../events/emit.js';

export interface StopOptions {
  ref: string; timeoutSeconds?: number; signal?: string;
  /** Docker's Kill (rm -f): the signal, then up to 10 s for the exit, and no "stop" event. */
  kill?: boolean;
}
export interface StopReport { id: string; outcome: 'stopped' | 'already-stopped' }

/** Docker's stop: the stop signal, a grace period (the container's StopTimeout, else 10 s), then SIGKILL. */
export async function stopContainer(engine: Engine, opts: StopOptions): Promise<StopReport> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  if (rec.State.Status !== 'running' && rec.State.Status !== 'paused') return { id: rec.Id, outcome: 'already-stopped' };
  const runc = runcFor(engine);
  if (rec.State.Status === 'paused') await runc.resume(rec.Id).catch(() => undefined);
  const signal = parseSignal(opts.signal ?? rec.Config.StopSignal ?? 'SIGTERM');
  const timeout = opts.kill ? 10 : opts.timeoutSeconds ?? rec.Config.StopTimeout ?? 10;
  await signalContainer(engine, rec.Id, rec.State.Pid, signal);
  if (timeout < 0 ? !(await waitGone(engine, rec.Id, rec.State.Pid, Infinity)) : !(await waitGone(engine, rec.Id, rec.State.Pid, timeout * 1000))) {
    await signalContainer(engine, rec.Id, rec.State.Pid, 9);
    if (!(await waitGone(engine, rec.Id, rec.State.Pid, 10_000))) {
      throw new EngineError('internal', 'stop-timeout', `tried to kill container, but did not receive an exit event`);
    }
  }
  await waitRecorded(engine, rec.Id);
  await cleanupContainer(engine, rec.Id, { quiet: true });
  if (!opts.kill) recordContainerEvent(engine, rec, 'stop');
  return { id: rec.Id, outcome: 'stopped' };
}

/** Sends the signal and records Docker's "kill" event. */
export async function signalContainer(engine: Engine, id: string, pid: number, signal: number): Promise<void> {
  await sendSignal(engine, id, pid, signal);
  recordContainerEventById(engine, id, 'kill', { signal: String(signal) });
}

/** runc kill; when runc has lost the container, signal the pid directly. */
async function sendSignal(engine: Engine, id: string, pid: number, signal: number): Promise<void> {
  try {
    await runcFor(engine).kill(id, signal);
  } catch (e) {
    if (!pidAlive(pid)) return;
    try { process.kill(pid, signal); } catch { throw e; }
  }
}

async function waitGone(engine: Engine, id: string, pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!pidAlive(pid)) return true;
    const rec = engine.state.getContainer(id);
    if (rec && syncContainer(engine, rec).State.Status === 'exited') return true;
    await sleep(25);
  }
  return !pidAlive(pid);
}

/** After the process is gone conmon still has to write the exit file; wait for it briefly. */
export async function waitRecorded(engine: Engine, id: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const rec = engine.state.getContainer(id);
    if (!rec || syncContainer(engine, rec).State.Status !== 'running') return;
    await sleep(20);
  }
}
