// A new container's mount points, resolved as moby's registerMountPoints and
// createContainerOSSpecificSettings do: --volumes-from first, then -v binds, --mount, and the image's
// (and -v /path's) VOLUME entries as anonymous volumes. Named volumes are created on first use.
import type { Engine } from '../../context.js';
import { daemonInvalid } from '../../errors.js';
import type { ContainerRecord } from '../../model/container.js';
import type { HostConfig, MountSpec } from '../../model/docker-types.js';
import type { MountPoint } from '../../model/volume.js';
import { cleanPath } from '../../util/go-path.js';
import { localVolumes } from '../../volumes/index.js';
import { parseBind, validMountMode } from '../containers/validate/mounts.js';
import { ensureVolume } from './create.js';

const PROPAGATION = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared']);

export interface RegisterResult { mountPoints: MountPoint[]; createdVolumes: string[] }

/**
 * Inside a state transaction (so that a concurrent `volume rm` cannot slip in before the container
 * is recorded): records the volumes the container names and returns its mount points. The caller
 * lays out the new volumes' directories once the transaction has committed.
 */
export function registerMountPoints(engine: Engine, hc: HostConfig, configVolumes: Record<string, unknown> | null): RegisterResult {
  const points = new Map<string, MountPoint>();
  const created: string[] = [];
  const volume = (name: string | undefined, opts: { labels?: Record<string, string>; options?: Record<string, string> } = {}) => {
    const before = name ? engine.state.getVolume(name) : undefined;
    const v = ensureVolume(engine, { name, ...opts }, false);
    if (!before) created.push(v.Name);
    return { name: v.Name, source: localVolumes(engine).dataDir(v.Name) };
  };
  for (const spec of hc.VolumesFrom ?? []) for (const mp of volumesFrom(engine, spec)) points.set(mp.Destination, mp);
  for (const raw of hc.Binds ?? []) {
    const mp = bindMountPoint(raw, hc.VolumeDriver ?? '');
    if (mp.Type === 'volume') Object.assign(mp, resolved(volume(mp.Name || undefined)));
    points.set(mp.Destination, mp);
  }
  for (const spec of hc.Mounts ?? []) {
    const mp = specMountPoint(spec);
    if (mp.Type === 'volume') {
      const cfg = spec.VolumeOptions;
      Object.assign(mp, resolved(volume(spec.Source || undefined, { labels: cfg?.Labels, options: cfg?.DriverConfig?.Options })));
    }
    points.set(mp.Destination, mp);
  }
  for (const dest of Object.keys(configVolumes ?? {})) {
    const destination = cleanPath(dest);
    if (points.has(destination)) continue;
    const v = volume(undefined);
    points.set(destination, { Type: 'volume', Name: v.name, Source: v.source, Destination: destination, Driver: 'local', Mode: '', RW: true, Propagation: '', Anonymous: true, CopyData: true });
  }
  return { mountPoints: [...points.values()], createdVolumes: created };
}

const resolved = (v: { name: string; source: string }) => ({ Name: v.name, Source: v.source, Driver: 'local' });

// docker parity: moby volume/mounts/linux_parser.go ParseMountRaw + daemon/volumes.go (setBindModeIfNull)
function bindMountPoint(raw: string, volumeDriver: string): MountPoint {
  const bind = parseBind(raw, volumeDriver);
  const mode = raw.split(':').length === 3 ? raw.split(':')[2]! : '';
  const words = mode.split(',');
  const rw = !words.includes('ro');
  if (bind.type === 'bind') {
    const propagation = words.find((w) => PROPAGATION.has(w)) ?? 'rprivate';
    return { Type: 'bind', Source: cleanPath(bind.source), Destination: bind.destination, Mode: mode, RW: rw, Propagation: propagation };
  }
  return {
    Type: 'volume', Name: bind.source, Source: '', Destination: bind.destination, Driver: 'local', Mode: mode || 'z', RW: rw,
    Propagation: '', Anonymous: bind.source === '', CopyData: !words.includes('nocopy'),
  };
}

// docker parity: moby volume/mounts/linux_parser.go parseMountSpec
function specMountPoint(spec: MountSpec): MountPoint {
  const destination = cleanPath(spec.Target);
  const rw = spec.ReadOnly !== true;
  if (spec.Type === 'bind') {
    return { Type: 'bind', Source: cleanPath(spec.Source ?? ''), Destination: destination, Mode: '', RW: rw,
      Propagation: spec.BindOptions?.Propagation || 'rprivate', ...(spec.BindOptions?.NonRecursive ? { NonRecursive: true } : {}) };
  }
  if (spec.Type === 'tmpfs') return { Type: 'tmpfs', Source: '', Destination: destination, Mode: '', RW: rw, Propagation: '' };
  return {
    Type: 'volume', Name: spec.Source ?? '', Source: '', Destination: destination, Driver: 'local', Mode: 'z', RW: rw, Propagation: '',
    Anonymous: !spec.Source, CopyData: spec.VolumeOptions?.NoCopy !== true,
  };
}

// docker parity: moby volume/mounts/linux_parser.go ParseVolumesFrom and daemon/volumes.go registerMountPoints
function volumesFrom(engine: Engine, spec: string): MountPoint[] {
  if (spec === '') throw daemonInvalid('volumes-from', 'volumes-from specification cannot be an empty string');
  const colon = spec.indexOf(':');
  const ref = colon < 0 ? spec : spec.slice(0, colon);
  const mode = colon < 0 ? 'rw' : spec.slice(colon + 1);
  const words = mode.split(',');
  const badMode = !validMountMode(mode) || words.some((w) => PROPAGATION.has(w) || w === 'nocopy');
  if (badMode) throw daemonInvalid('volumes-from', `invalid mode: ${mode}`);
  let source: ContainerRecord | undefined;
  try { source = engine.state.lookupContainer(ref); } catch { source = undefined; }
  if (!source) throw daemonInvalid('no-such-container', `No such container: ${ref}`);
  const rw = !words.includes('ro');
  return (source.MountPoints ?? []).map((m) => ({ ...m, Mode: '', RW: m.RW && rw, CopyData: false }));
}
