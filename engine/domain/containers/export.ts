import type { Readable } from 'node:stream';
import type { Engine } from '../../context.js';
import { conflict } from '../../errors.js';
import { tarTree } from './archive-tar.js';
import { getContainer } from './lookup.js';
import { openRootfs } from './rootfs-access.js';
import { syncContainer } from './sync.js';
import { recordContainerEvent } from '../events/emit.js';

/**
 * GET /containers/{id}/export and `export`: a tar of the container's layers as mounted (no volumes,
 * the engine's /etc files as their empty mountpoints), names relative to the root.
 */
export async function exportContainer(engine: Engine, opts: { ref: string }): Promise<Readable> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  // docker parity: moby 20.10 daemon/export.go ContainerExport
  if (rec.State.Status === 'dead') throw conflict('container-dead', `You cannot export container ${rec.Id} which is Dead`);
  if (rec.State.Status === 'removing') throw conflict('container-removing', `You cannot export container ${rec.Id} which is being removed`);
  const handle = await openRootfs(engine, rec, 'layer');
  const tar = tarTree({ srcDir: handle.root, include: '.' });
  let released = false;
  const release = () => { if (!released) { released = true; void handle.release(); } };
  tar.once('end', release).once('close', release).once('error', release);
  tar.once('end', () => recordContainerEvent(engine, rec, 'export'));
  return tar;
}
