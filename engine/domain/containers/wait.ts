import { watch } from 'node:fs';
import type { Engine } from '../../context.js';
import { sleep } from '../../sys/process.js';
import { getContainer } from './lookup.js';
import { removedExitCode } from './removal-record.js';
import { syncContainer } from './sync.js';

export type WaitCondition = 'not-running' | 'next-exit' | 'removed';
export interface WaitOptions { ref: string; condition?: WaitCondition; signal?: AbortSignal }
export interface WaitReport { id: string; StatusCode: number; Error?: { Message: string } }

/** A wait whose container is resolved now and whose result is awaited later. */
export interface PreparedWait { id: string; wait(signal?: AbortSignal): Promise<WaitReport> }

/**
 * Resolve the container and remember its start count now; Docker's run registers its waiter before
 * `start` the same way, so the wait still answers if the container exits and is removed before
 * anyone asks for the code.
 */
export function prepareWait(engine: Engine, opts: Omit<WaitOptions, 'signal'>): PreparedWait {
  const first = getContainer(engine, opts.ref);
  const condition = opts.condition ?? 'not-running';
  const startCount = first.State.StartCount;
  return { id: first.Id, wait: (signal) => poll(engine, { id: first.Id, condition, startCount, lastCode: first.State.ExitCode }, signal) };
}

/** Blocks until the container is no longer running (or removed); polls the state with an inotify nudge on the exit dir. */
export function waitContainer(engine: Engine, opts: WaitOptions): Promise<WaitReport> {
  return prepareWait(engine, opts).wait(opts.signal);
}

interface Waiting { id: string; condition: WaitCondition; startCount: number; lastCode: number }

async function poll(engine: Engine, w: Waiting, signal?: AbortSignal): Promise<WaitReport> {
  let wake: () => void = () => undefined;
  let watcher: ReturnType<typeof watch> | undefined;
  try { watcher = watch(engine.config.paths.exitDir, () => wake()); } catch { /* polling alone still works */ }
  try {
    for (;;) {
      if (signal?.aborted) throw new Error('aborted');
      const rec = engine.state.getContainer(w.id);
      // docker parity: a removal ends every wait with the container's last exit code (moby container/state.go SetRemoved).
      if (!rec) return { id: w.id, StatusCode: removedExitCode(engine, w.id) ?? w.lastCode };
      const cur = syncContainer(engine, rec);
      const running = cur.State.Status === 'running' || cur.State.Status === 'paused' || cur.State.Status === 'restarting';
      if (w.condition === 'not-running' && !running) return { id: cur.Id, StatusCode: cur.State.ExitCode };
      if (w.condition === 'next-exit' && !running && cur.State.StartCount > w.startCount) return { id: cur.Id, StatusCode: cur.State.ExitCode };
      await Promise.race([sleep(200), new Promise<void>((r) => { wake = r; })]);
    }
  } finally {
    watcher?.close();
  }
}
