import type { Engine } from '../../context.js';
import { conflict, invalidArgument } from '../../errors.js';
import { nameConflict } from '../../state/sqlite-store.js';
import { getContainer } from './lookup.js';
import { validateName } from './names.js';

export async function renameContainer(engine: Engine, opts: { ref: string; newName: string }): Promise<void> {
  // docker parity: moby daemon/rename.go
  if (!opts.newName) throw invalidArgument('empty-name', 'Neither old nor new names may be empty');
  const newName = validateName(opts.newName);
  engine.state.transaction(() => {
    const rec = getContainer(engine, opts.ref);
    if (rec.Name === newName) throw invalidArgument('same-name', 'Renaming a container with the same name as its current name');
    const holder = engine.state.containerIdForName(newName);
    // docker parity: moby daemon/rename.go wraps the reservation error: "Error when allocating new name: %v"
    if (holder) throw conflict('name-in-use', `Error when allocating new name: ${nameConflict(newName, holder).message}`);
    engine.state.renameContainer(rec.Id, newName);
  });
}

