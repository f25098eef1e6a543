import { watch } from 'node:fs';
import type { Engine } from '../../context.js';
import { sleep } from '../../sys/process.js';
import { getContainer } from './lookup.js';
import { syncContainer } from './sync.js';

export type WaitCondition = 'not-running' | 'next-exit' | 'removed';
export interface WaitOptions { ref: string; condition?: WaitCondition; signal?: AbortSignal }
export interface WaitReport { id: string; StatusCode: number; Error?: { Message: string } }

/** Blocks until the container is no longer running (or removed); polls the state with an inotify nudge on the exit dir. */
export async function waitContainer(engine: Engine, opts: WaitOptions): Promise<WaitReport> {
  const first = getContainer(engine, opts.ref);
  const condition = opts.condition ?? 'not-running';
  const startCount = first.State.StartCount;
  let wake: () => void = () => undefined;
  let watcher: ReturnType<typeof watch> | undefined;
  try { watcher = watch(engine.config.paths.exitDir, () => wake()); } catch { /* polling alone still works */ }
  try {
    for (;;) {
      if (opts.signal?.aborted) throw new Error('aborted');
      const rec = engine.state.getContainer(first.Id);
      if (!rec) return { id: first.Id, StatusCode: condition === 'removed' ? lastCode(first) : lastCode(first) };
      const cur = syncContainer(engine, rec);
      const running = cur.State.Status === 'running' || cur.State.Status === 'paused' || cur.State.Status === 'restarting';
      if (condition === 'not-running' && !running) return { id: cur.Id, StatusCode: cur.State.ExitCode };
      if (condition === 'next-exit' && !running && cur.State.StartCount > startCount) return { id: cur.Id, StatusCode: cur.State.ExitCode };
      await Promise.race([sleep(200), new Promise<void>((r) => { wake = r; })]);
    }
  } finally {
    watcher?.close();
  }
}

const lastCode = (rec: { State: { ExitCode: number } }) => rec.State.ExitCode;
