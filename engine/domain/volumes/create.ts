// POST /volumes/create and `volume create`: a local volume, named or with a random 64-hex name;
// creating an existing name returns it unchanged (moby volume/service store.Create).
import type { Engine } from '../../context.js';
import { daemonInvalid, notFound } from '../../errors.js';
import type { VolumeRecord } from '../../model/volume.js';
import { generateId } from '../../sys/ids.js';
import { checkLocalOptions, localVolumes } from '../../volumes/index.js';
import { checkLocalVolumeName } from '../containers/validate/mounts.js';
import { recordVolumeEvent } from '../events/emit.js';

export interface CreateVolumeOptions {
  name?: string;
  driver?: string;
  labels?: Record<string, string>;
  options?: Record<string, string>;
}

const rfc3339Seconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Validates without touching state; returns the record a new volume would get. */
export function newVolumeRecord(engine: Engine, opts: CreateVolumeOptions): VolumeRecord {
  const name = opts.name || generateId();
  const driver = opts.driver || 'local';
  // docker parity: moby volume/service store.create → drivers.GetDriver ("error looking up volume plugin")
  if (driver !== 'local') throw notFound('volume-driver', `create ${name}: error looking up volume plugin ${driver}: plugin ${JSON.stringify(driver)} not found`);
  checkLocalVolumeName(name);
  const options = opts.options && Object.keys(opts.options).length > 0 ? { ...opts.options } : null;
  const problem = options ? checkLocalOptions(options) : undefined;
  if (problem) throw daemonInvalid('volume-options', `create ${name}: ${problem}`);
  const labels = opts.labels && Object.keys(opts.labels).length > 0 ? { ...opts.labels } : null;
  // moby 23+ labels such volumes com.docker.volume.anonymous; skiff keeps 20.10's labels and records it aside.
  return { Name: name, Driver: 'local', CreatedAt: rfc3339Seconds(engine.clock()), Labels: labels, Options: options, ...(opts.name ? {} : { Anonymous: true }) };
}

/** Inside a state transaction: the existing volume, or a new one recorded (and laid out on disk unless `layout` is false). */
export function ensureVolume(engine: Engine, opts: CreateVolumeOptions, layout = true): VolumeRecord {
  const existing = opts.name ? engine.state.getVolume(opts.name) : undefined;
  if (existing) {
    if (opts.driver && opts.driver !== existing.Driver) {
      // docker parity: moby volume/service/store.go checkConflict
      throw daemonInvalid('volume-driver-conflict', `create ${existing.Name}: volume name must be unique: driver '${existing.Driver}' already has volume '${existing.Name}'`);
    }
    // docker parity: moby volume/service/service.go Create logs "create" for an existing volume too
    recordVolumeEvent(engine, existing.Name, 'create');
    return existing;
  }
  const rec = newVolumeRecord(engine, opts);
  if (layout) localVolumes(engine).create(rec.Name);
  engine.state.putVolume(rec);
  recordVolumeEvent(engine, rec.Name, 'create');
  return rec;
}

export function createVolume(engine: Engine, opts: CreateVolumeOptions): VolumeRecord {
  return engine.state.transaction(() => ensureVolume(engine, opts));
}
