import type { Engine } from '../../context.js';
import type { FilesystemChange } from '../../storage/types.js';
import { getContainer } from './lookup.js';

/** GET /containers/{id}/changes and `diff`: the writable layer against the image, parents before children. */
export async function containerChanges(engine: Engine, opts: { ref: string }): Promise<FilesystemChange[]> {
  const rec = getContainer(engine, opts.ref);
  return engine.storage.changes(rec.Id);
}

// docker parity: moby pkg/archive changes.go ChangeType.String
export const changeKindLetter = (kind: FilesystemChange['Kind']) => (['C', 'A', 'D'] as const)[kind];
