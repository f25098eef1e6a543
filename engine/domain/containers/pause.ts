import type { Engine } from '../../context.js';
import { conflict, EngineError, internal } from '../../errors.js';
import { runcFor } from '../../runtime/index.js';
import { getContainer } from './lookup.js';
import { syncContainer } from './sync.js';
import { recordContainerEvent } from '../events/emit.js';

/** Freeze or thaw through the freezer cgroup; rootless cgroup v1 has none, so skiff refuses as Podman does. */
export async function setPaused(engine: Engine, opts: { ref: string; paused: boolean }): Promise<void> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  // docker parity: moby daemon/pause.go; unpause.go only asks whether it is paused (fmt.Errorf: a 500)
  if (opts.paused && rec.State.Status !== 'running' && rec.State.Status !== 'paused') throw conflict('not-running', `Container ${rec.Id} is not running`);
  if (opts.paused && rec.State.Status === 'paused') throw conflict('already-paused', `Container ${rec.Id} is already paused`);
  if (!opts.paused && rec.State.Status !== 'paused') throw internal('not-paused', `Container ${rec.Id} is not paused`);
  if (engine.config.identity.rootless) {
    throw new EngineError('not-implemented', 'rootless-pause', 'can not pause containers on rootless containers with cgroup V1: this container does not have a cgroup');
  }
  const runc = runcFor(engine);
  if (opts.paused) await runc.pause(rec.Id);
  else await runc.resume(rec.Id);
  engine.state.transaction(() => {
    const fresh = engine.state.getContainer(rec.Id)!;
    fresh.State = { ...fresh.State, Status: opts.paused ? 'paused' : 'running' };
    engine.state.saveContainerState(rec.Id, fresh.State);
  });
  recordContainerEvent(engine, rec, opts.paused ? 'pause' : 'unpause');
}
