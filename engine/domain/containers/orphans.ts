// A skiff killed in the middle of `create` (or `rm`) can leave a container directory that no record
// points to. Creation marks its directory with the creator's pid first, so a later command can tell
// "still being created" from "abandoned" without guessing by age, and sweeps the abandoned ones.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../context.js';
import { bundleDir } from '../../runtime/index.js';
import { writeFileAtomic, removeTree } from '../../sys/fs.js';
import { pidAlive } from '../../sys/process.js';

const MARK = '.creating';
const markerPath = (engine: Engine, id: string) => join(engine.config.paths.containers, `${id}${MARK}`);

export function markCreating(engine: Engine, id: string): void {
  writeFileAtomic(markerPath(engine, id), String(process.pid), 0o600);
}

export function clearCreating(engine: Engine, id: string): void {
  rmSync(markerPath(engine, id), { force: true });
}

function creatorAlive(engine: Engine, id: string): boolean {
  try { return pidAlive(Number(readFileSync(markerPath(engine, id), 'utf8'))); } catch { return false; }
}

/** Remove container directories with neither a record nor a live creator. Returns the ids swept. */
export async function sweepOrphans(engine: Engine): Promise<string[]> {
  let entries: string[];
  try { entries = readdirSync(engine.config.paths.containers); } catch { return []; }
  const swept: string[] = [];
  for (const name of entries) {
    const id = name.endsWith(MARK) ? name.slice(0, -MARK.length) : name;
    // Marker before record: a creator inserts its record before dropping its marker, so checking in
    // this order can never miss both.
    if (!/^[0-9a-f]{64}$/.test(id) || creatorAlive(engine, id) || engine.state.getContainer(id)) continue;
    await engine.storage.unmount(id).catch(() => undefined);
    await engine.storage.removeContainerLayer(id).catch(() => undefined);
    removeTree(join(engine.config.paths.containers, id));
    removeTree(bundleDir(engine, id));
    clearCreating(engine, id);
    if (!swept.includes(id)) swept.push(id);
  }
  return swept;
}
