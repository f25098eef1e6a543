import type { Engine } from '../../context.js';
import { conflict, invalidArgument } from '../../errors.js';
import { nameConflict } from '../../state/sqlite-store.js';
import { getContainer } from './lookup.js';
import { validateName } from './names.js';
import { recordContainerEvent } from '../events/emit.js';

export async function renameContainer(engine: Engine, opts: { ref: string; newName: string }): Promise<void> {
  // docker parity: moby daemon/rename.go
  if (!opts.newName) throw invalidArgument('empty-name', 'Neither old nor new names may be empty');
  engine.state.transaction(() => {
    const rec = getContainer(engine, opts.ref);
    // docker parity: the name is checked when reserved, with its "/" prefix, after the lookup
    const newName = allocatable(opts.newName);
    if (rec.Name === newName) throw invalidArgument('same-name', 'Renaming a container with the same name as its current name');
    const holder = engine.state.containerIdForName(newName);
    // docker parity: moby daemon/rename.go wraps the reservation error: "Error when allocating new name: %v"
    if (holder) throw conflict('name-in-use', `Error when allocating new name: ${nameConflict(newName, holder).message}`);
    engine.state.renameContainer(rec.Id, newName);
    recordContainerEvent(engine, { ...rec, Name: newName }, 'rename', { oldName: `/${rec.Name}` });
  });
}

function allocatable(name: string): string {
  try {
    return validateName(name);
  } catch {
    const shown = name.startsWith('/') ? name : `/${name}`;
    throw invalidArgument('invalid-name', `Error when allocating new name: Invalid container name (${shown}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  }
}
