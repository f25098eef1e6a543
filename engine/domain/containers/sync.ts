// Daemonless state: nobody watches containers but conmon, so every command that reads a container
// first reconciles its record with what conmon left behind (the exit file) — Podman's syncContainer.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../context.js';
import type { ContainerRecord } from '../../model/container.js';
import { bundleDir, exitFile } from '../../runtime/index.js';
import { pidAlive } from '../../sys/process.js';
import { rfc3339Nano } from '../../views/time.js';
import { recordDied } from '../events/emit.js';

export function syncContainer(engine: Engine, rec: ContainerRecord): ContainerRecord {
  const s = rec.State;
  if (s.Status !== 'running' && s.Status !== 'paused' && s.Status !== 'restarting') return rec;
  const exit = readExit(engine, rec.Id);
  if (exit === undefined && pidAlive(s.ConmonPid)) return rec;
  return engine.state.transaction(() => {
    const fresh = engine.state.getContainer(rec.Id);
    if (!fresh || (fresh.State.Status !== 'running' && fresh.State.Status !== 'paused' && fresh.State.Status !== 'restarting')) return fresh ?? rec;
    const code = exit?.code ?? -1;
    fresh.State = {
      ...fresh.State, Status: 'exited', Pid: 0, ConmonPid: 0, ExitCode: code,
      FinishedAt: exit ? rfc3339Nano(new Date(exit.time)) : rfc3339Nano(engine.clock()),
      OOMKilled: existsSync(join(bundleDir(engine, rec.Id), 'oom')),
    };
    engine.state.saveContainerState(fresh.Id, fresh.State);
    recordDied(engine, fresh, code);
    return fresh;
  });
}

/** conmon writes the exit code as decimal text, atomically, to <exitDir>/<id> (and <bundle>/exit). */
function readExit(engine: Engine, id: string): { code: number; time: number } | undefined {
  for (const file of [exitFile(engine, id), join(bundleDir(engine, id), 'exit')]) {
    try {
      const text = readFileSync(file, 'utf8').trim();
      if (text === '') continue;
      return { code: Number(text), time: statSync(file).mtimeMs };
    } catch { /* not exited yet */ }
  }
  return undefined;
}

export const syncAll = (engine: Engine) => engine.state.listContainers().map((c) => syncContainer(engine, c));
