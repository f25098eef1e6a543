// Which containers use a volume: any container (running or not) whose mount points name it, as
// moby's volume references are held from create to rm.
import type { Engine } from '../../context.js';
import type { ContainerRecord } from '../../model/container.js';

export const usesVolume = (rec: ContainerRecord, name: string) =>
  (rec.MountPoints ?? []).some((m) => m.Type === 'volume' && m.Name === name);

/** Ids of the containers referencing each volume name. */
export function volumeUsers(engine: Engine): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const rec of engine.state.listContainers()) {
    for (const m of rec.MountPoints ?? []) {
      if (m.Type !== 'volume' || !m.Name) continue;
      const list = users.get(m.Name) ?? [];
      if (!list.includes(rec.Id)) list.push(rec.Id);
      users.set(m.Name, list);
    }
  }
  return users;
}
