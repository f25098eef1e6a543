// DELETE /volumes/{name} and `volume rm`: refused while any container references the volume, even
// with force (which only ignores a missing volume), as moby's volume store does.
import type { Engine } from '../../context.js';
import { conflict, notFound } from '../../errors.js';
import type { VolumeRecord } from '../../model/volume.js';
import { localVolumes } from '../../volumes/index.js';
import { volumeUsers } from './users.js';
import { recordVolumeEvent } from '../events/emit.js';

export interface RemoveVolumeOptions { name: string; force?: boolean }

// docker parity: moby volume/service/errors.go OpErr ("get NAME: no such volume")
export const noSuchVolume = (name: string) => notFound('no-such-volume', `get ${name}: no such volume`);

export async function removeVolume(engine: Engine, opts: RemoveVolumeOptions): Promise<void> {
  const rec = engine.state.transaction((): VolumeRecord | undefined => {
    const v = engine.state.getVolume(opts.name);
    if (!v) {
      if (opts.force) return undefined;
      throw noSuchVolume(opts.name);
    }
    const refs = volumeUsers(engine).get(v.Name) ?? [];
    // docker parity: moby volume/service/store.go Remove (OpErr with Refs)
    if (refs.length > 0) throw conflict('volume-in-use', `remove ${v.Name}: volume is in use - [${refs.join(', ')}]`);
    engine.state.deleteVolume(v.Name);
    return v;
  });
  if (rec) await localVolumes(engine).remove(rec);
  if (rec) recordVolumeEvent(engine, rec.Name, 'destroy');
}

/** Removes volumes nobody references any more, ignoring the ones still in use (rm -v, --rm). */
export async function removeIfUnused(engine: Engine, names: string[]): Promise<void> {
  for (const name of names) {
    await removeVolume(engine, { name, force: true }).catch((e) => {
      if ((e as { kind?: string }).kind !== 'conflict') engine.log.warn(`remove volume ${name}: ${(e as Error).message}`);
    });
  }
}
