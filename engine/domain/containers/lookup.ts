import type { Engine } from '../../context.js';
import { notFound } from '../../errors.js';
import type { ContainerRecord } from '../../model/container.js';

// docker parity: moby errdefs "No such container: %s"
export const noSuchContainer = (ref: string) => notFound('no-such-container', `No such container: ${ref}`);

export function getContainer(engine: Engine, ref: string): ContainerRecord {
  const rec = engine.state.lookupContainer(ref);
  if (!rec) throw noSuchContainer(ref);
  return rec;
}
