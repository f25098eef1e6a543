// The last exit code of a removed container, kept a while after its record is gone: conmon's exit
// command may remove an --rm container before the `run` that waits on it reads the code (Docker's
// daemon answers such waiters from memory: wait condition "removed").
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../context.js';
import { writeFileAtomic } from '../../sys/fs.js';

const SUFFIX = '.removed';
// Long enough for any waiter that saw the container before its removal to poll once more.
const KEEP_MS = 10 * 60_000;

const recordPath = (engine: Engine, id: string) => join(engine.config.paths.exitDir, `${id}${SUFFIX}`);

/** Written just before the container's record is deleted (in the exit dir, so waiters are woken). */
export function recordRemoval(engine: Engine, id: string, exitCode: number): void {
  try {
    writeFileAtomic(recordPath(engine, id), String(exitCode));
  } catch (e) {
    // Never blocks a removal: a waiter then falls back to the last code it saw.
    engine.log.warn(`rm ${id}: ${(e as Error).message}`);
  }
  pruneRemovalRecords(engine);
}

export function removedExitCode(engine: Engine, id: string): number | undefined {
  try {
    const text = readFileSync(recordPath(engine, id), 'utf8').trim();
    return /^-?\d+$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

function pruneRemovalRecords(engine: Engine): void {
  const dir = engine.config.paths.exitDir;
  const cutoff = Date.now() - KEEP_MS;
  let names: string[] = [];
  try { names = readdirSync(dir); } catch { return; }
  for (const name of names) {
    if (!name.endsWith(SUFFIX)) continue;
    try { if (statSync(join(dir, name)).mtimeMs < cutoff) rmSync(join(dir, name), { force: true }); } catch { /* raced */ }
  }
}
