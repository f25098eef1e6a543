import type { Engine } from '../../context.js';
import { recordContainerEventById } from '../events/emit.js';
import { startContainer } from './start.js';
import { stopContainer, type StopOptions } from './stop.js';

export type RestartOptions = Omit<StopOptions, 'kill'>;

/** Docker's restart: stop it if it runs, start it, then the "restart" event (moby 20.10 daemon/restart.go). */
export async function restartContainer(engine: Engine, opts: RestartOptions): Promise<{ id: string }> {
  const { id } = await stopContainer(engine, opts);
  await startContainer(engine, { ref: id });
  recordContainerEventById(engine, id, 'restart');
  return { id };
}
