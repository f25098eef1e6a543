// The user's mounts from HostConfig.Binds (-v), HostConfig.Mounts (--mount) and HostConfig.Tmpfs (--tmpfs),
// validated and normalised with Docker's rules and messages (moby volume/mounts/linux_parser.go). Volumes
// (named, anonymous, the image's, --volumes-from) come from the mount points resolved at create.
import { internal, invalidArgument } from '../../errors.js';
import type { HostConfig, MountSpec } from '../../model/docker-types.js';
import type { MountPoint } from '../../model/volume.js';
import { normalizePath } from './process-config.js';
import { tmpfsDataFromMount } from './tmpfs-options.js';

export interface UserMount {
  type: 'bind' | 'tmpfs' | 'volume';
  /** Host path for binds, `tmpfs` for tmpfs. */
  source: string;
  destination: string;
  readOnly: boolean;
  /** Bind propagation; Docker's default is rprivate. */
  propagation: string;
  nonRecursive: boolean;
  /** tmpfs data (`size=64m,mode=1777`). */
  data: string;
  /** A missing bind source: -v creates the directory, --mount is an error (the caller checks before create). */
  missingSource: 'create' | 'error';
}

const RW_MODES = new Set(['rw', 'ro']);
const LABEL_MODES = new Set(['z', 'Z']);
const PROPAGATION_MODES = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);
const COPY_MODES = new Set(['nocopy']);
const CONSISTENCY_MODES = new Set(['consistent', 'cached', 'delegated']);
const MODE_GROUPS = [RW_MODES, LABEL_MODES, PROPAGATION_MODES, COPY_MODES, CONSISTENCY_MODES];
const DEFAULT_PROPAGATION = 'rprivate';

/** At most one word of each kind (rw/ro, z/Z, propagation, nocopy, consistency). */
export function isValidMountMode(mode: string): boolean {
  if (mode === '') return true;
  const counts = MODE_GROUPS.map(() => 0);
  for (const word of mode.split(',')) {
    const group = MODE_GROUPS.findIndex((g) => g.has(word));
    if (group < 0) return false;
    counts[group]!++;
  }
  return counts.every((n) => n <= 1);
}

// docker parity: moby volume/mounts errors.go and linux_parser.go messages
const mountConfigError = (type: string, detail: string) =>
  invalidArgument('bad-mount', `invalid mount config for type "${type}": ${detail}`);
const mustBeAbsolute = (p: string) => `invalid mount path: '${p}' mount path must be absolute`;

function checkTarget(type: string, target: string): string {
  if (!target) throw mountConfigError(type, 'field Target must not be empty');
  if (!target.startsWith('/')) throw mountConfigError(type, mustBeAbsolute(target));
  const clean = normalizePath(target);
  if (clean === '/') throw mountConfigError(type, "invalid specification: destination can't be '/'");
  return clean;
}

function parseBind(raw: string): UserMount {
  const invalidSpec = () => invalidArgument('bad-volume-spec', `invalid volume specification: '${raw}'`);
  const parts = raw.split(':');
  if (parts.length > 3 || parts.some((p, i) => p === '' && i < 2)) throw invalidSpec();
  if (parts.length === 2 && isValidMountMode(parts[1]!)) throw invalidSpec();
  const [source, target, mode = ''] = parts.length === 1 ? ['', parts[0]!] : parts;
  if (!isValidMountMode(mode)) throw invalidArgument('bad-volume-mode', `invalid mode: ${mode}`);
  const words = mode.split(',');
  if (!source!.startsWith('/')) return volumePlaceholder(target!);
  const wrap = (e: Error) => invalidArgument('bad-volume-spec', `invalid volume specification: '${raw}': ${e.message}`);
  if (words.includes('nocopy')) throw wrap(mountConfigError('bind', 'field VolumeOptions must not be specified'));
  let destination: string;
  try {
    destination = checkTarget('bind', target!);
  } catch (e) {
    throw wrap(e as Error);
  }
  const propagation = words.find((w) => PROPAGATION_MODES.has(w)) ?? DEFAULT_PROPAGATION;
  return { type: 'bind', source: source!, destination, readOnly: words.includes('ro'), propagation, nonRecursive: false, data: '', missingSource: 'create' };
}

// A volume's source is only known from the container's mount points; collectUserMounts fills it in.
function volumePlaceholder(target: string): UserMount {
  return { type: 'volume', source: '', destination: checkTarget('volume', target), readOnly: false, propagation: '', nonRecursive: false, data: '', missingSource: 'error' };
}

function parseMountSpec(spec: MountSpec): UserMount {
  if (spec.Type === 'volume') return volumePlaceholder(spec.Target);
  if (spec.Type !== 'bind' && spec.Type !== 'tmpfs') throw mountConfigError(spec.Type, 'mount type unknown');
  const destination = checkTarget(spec.Type, spec.Target);
  if (spec.Type === 'tmpfs') {
    if (spec.Source) throw mountConfigError('tmpfs', 'field Source must not be specified');
    if (spec.BindOptions) throw mountConfigError('tmpfs', 'field BindOptions must not be specified');
    const data = tmpfsDataFromMount(spec.TmpfsOptions, spec.ReadOnly === true);
    return { type: 'tmpfs', source: 'tmpfs', destination, readOnly: spec.ReadOnly === true, propagation: '', nonRecursive: false, data, missingSource: 'error' };
  }
  if (!spec.Source) throw mountConfigError('bind', 'field Source must not be empty');
  if (spec.VolumeOptions) throw mountConfigError('bind', 'field VolumeOptions must not be specified');
  if (!spec.Source.startsWith('/')) throw mountConfigError('bind', mustBeAbsolute(spec.Source));
  const propagation = spec.BindOptions?.Propagation || DEFAULT_PROPAGATION;
  if (!PROPAGATION_MODES.has(propagation)) throw mountConfigError('bind', `invalid propagation mode: ${propagation}`);
  const nonRecursive = spec.BindOptions?.NonRecursive === true;
  return { type: 'bind', source: spec.Source, destination, readOnly: spec.ReadOnly === true, propagation, nonRecursive, data: '', missingSource: 'error' };
}

function parseTmpfs(target: string, data: string): UserMount {
  if (!target.startsWith('/')) throw invalidArgument('bad-mount', mustBeAbsolute(target));
  return { type: 'tmpfs', source: 'tmpfs', destination: normalizePath(target), readOnly: false, propagation: '', nonRecursive: false, data, missingSource: 'error' };
}

/** A volume (or a --volumes-from bind) as the bind mount of its host directory (moby setupMounts). */
function fromMountPoint(mp: MountPoint): UserMount {
  return {
    type: 'bind', source: mp.Source, destination: mp.Destination, readOnly: !mp.RW, propagation: mp.Type === 'bind' ? mp.Propagation : '',
    nonRecursive: mp.NonRecursive === true, data: '', missingSource: 'error',
  };
}

function resolveVolume(m: UserMount, byDest: Map<string, MountPoint>): UserMount {
  if (m.type !== 'volume') return m;
  const mp = byDest.get(m.destination);
  if (!mp?.Source) throw internal('volume-unresolved', `no volume was created for ${m.destination}`);
  return fromMountPoint(mp);
}

/**
 * Every user mount, binds (-v, --mount, volumes) before tmpfs (--tmpfs, --mount type=tmpfs), as Docker
 * lists them. `mountPoints` (the record's, from create) supplies volume sources and the mounts that
 * come from --volumes-from and VOLUME.
 */
export function collectUserMounts(hc: Pick<HostConfig, 'Binds' | 'Mounts' | 'Tmpfs'>, mountPoints: readonly MountPoint[] = []): UserMount[] {
  const byDest = new Map(mountPoints.map((m) => [m.Destination, m]));
  const binds = (hc.Binds ?? []).map(parseBind).map((m) => resolveVolume(m, byDest));
  const specs = (hc.Mounts ?? []).map(parseMountSpec).map((m) => resolveVolume(m, byDest));
  const tmpfs = Object.entries(hc.Tmpfs ?? {}).map(([target, data]) => parseTmpfs(target, data));
  const own = new Set([...binds, ...specs, ...tmpfs].map((m) => m.destination));
  const inherited = mountPoints.filter((m) => !own.has(m.Destination) && (m.Type === 'volume' || m.Type === 'bind')).map(fromMountPoint);
  const all = [...binds, ...specs.filter((m) => m.type === 'bind'), ...inherited, ...tmpfs, ...specs.filter((m) => m.type === 'tmpfs')];
  const seen = new Set<string>();
  for (const m of all) {
    // docker parity: moby daemon/volumes.go registerMountPoints duplicateMountPointError
    if (seen.has(m.destination)) throw invalidArgument('duplicate-mount', `Duplicate mount point: ${m.destination}`);
    seen.add(m.destination);
  }
  return all;
}
