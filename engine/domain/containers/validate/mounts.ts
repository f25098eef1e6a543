// Daemon-side checks of Binds, Mounts and Tmpfs (moby 20.10 volume/mounts/linux_parser.go and
// daemon/volumes.go registerMountPoints), with moby's texts.
import { daemonInvalid } from '../../../errors.js';
import type { HostConfig } from '../../../model/docker-types.js';
import { cleanPath } from '../../../util/go-path.js';

type Mount = NonNullable<HostConfig['Mounts']>[number] & { BindOptions?: { Propagation?: string } };

const PROPAGATION = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared']);
const RW = new Set(['rw', 'ro']);
const LABEL = new Set(['z', 'Z']);
const COPY = new Set(['nocopy']);
const CONSISTENCY = new Set(['consistent', 'cached', 'delegated']);

const invalidSpec = (raw: string) => `invalid volume specification: '${raw}'`;
const isAbs = (p: string) => p.replace(/\\/g, '/').startsWith('/');
const absError = (p: string) => `invalid mount path: '${p.replace(/\\/g, '/')}' mount path must be absolute`;
const ROOT_ERROR = "invalid specification: destination can't be '/'";

// docker parity: moby volume/mounts/linux_parser.go linuxValidMountMode
export function validMountMode(mode: string): boolean {
  if (mode === '') return true;
  const counts = [0, 0, 0, 0, 0];
  for (const o of mode.split(',')) {
    const i = [RW, LABEL, PROPAGATION, COPY, CONSISTENCY].findIndex((set) => set.has(o));
    if (i < 0) return false;
    counts[i]!++;
  }
  return counts.every((c) => c <= 1);
}

/** A mount's problem as moby's errMountConfig words it, or undefined. */
function mountProblem(m: Mount, pathExists: (p: string) => boolean, checkSourceExists: boolean): string | undefined {
  const target = m.Target ?? '';
  if (target === '') return 'field Target must not be empty';
  if (cleanPath(target.replace(/\\/g, '/')) === '/') return ROOT_ERROR;
  if (!isAbs(target)) return absError(target);
  const source = m.Source ?? '';
  switch (m.Type) {
    case 'bind': {
      if (source === '') return 'field Source must not be empty';
      const prop = m.BindOptions?.Propagation;
      if (prop && !PROPAGATION.has(prop)) return `invalid propagation mode: ${prop}`;
      if (m.VolumeOptions) return 'field VolumeOptions must not be specified';
      if (!isAbs(source)) return absError(source);
      if (checkSourceExists && !pathExists(source)) return `bind source path does not exist: ${source}`;
      return undefined;
    }
    case 'volume':
      if (m.BindOptions) return 'field BindOptions must not be specified';
      if (source === '' && m.ReadOnly) return 'must not set ReadOnly mode when using anonymous volumes';
      return undefined;
    case 'tmpfs':
      if (m.BindOptions) return 'field BindOptions must not be specified';
      if (source !== '') return 'field Source must not be specified';
      return undefined;
    default:
      return 'mount type unknown';
  }
}

const mountConfigError = (m: Mount, problem: string) => `invalid mount config for type ${JSON.stringify(m.Type)}: ${problem}`;

// docker parity: moby 20.10 daemon/container.go validateHostConfig — Mounts (bind sources must exist)
export function checkMounts(h: Partial<HostConfig>, pathExists: (p: string) => boolean): void {
  for (const m of (h.Mounts ?? []) as Mount[]) {
    const problem = mountProblem(m, pathExists, true);
    if (problem) throw daemonInvalid('mount-config', mountConfigError(m, problem));
  }
}

// docker parity: moby volume/mounts/linux_parser.go ValidateTmpfsMountDestination
export function checkTmpfs(h: Partial<HostConfig>): void {
  for (const dest of Object.keys(h.Tmpfs ?? {})) {
    if (cleanPath(dest.replace(/\\/g, '/')) === '/') throw daemonInvalid('tmpfs', ROOT_ERROR);
    if (!isAbs(dest)) throw daemonInvalid('tmpfs', absError(dest));
  }
}

/** One -v bind as the daemon parses it: destination, or the error text. */
// docker parity: moby volume/mounts/linux_parser.go ParseMountRaw
export function parseBind(raw: string, volumeDriver: string): { type: 'bind' | 'volume'; source: string; destination: string } {
  if ((raw.match(/:/g) ?? []).length > 2 || raw.split(':')[0] === '') throw daemonInvalid('bind-spec', invalidSpec(raw));
  const arr = raw.split(':');
  if (arr.length === 2 && validMountMode(arr[1]!)) throw daemonInvalid('bind-spec', invalidSpec(raw));
  const [source, target] = arr.length === 1 ? ['', arr[0]!] : [arr[0]!, arr[1]!];
  const mode = arr[2] ?? '';
  if (!validMountMode(mode)) throw daemonInvalid('bind-mode', `invalid mode: ${mode}`);
  const type = source.startsWith('/') ? 'bind' : 'volume';
  const words = mode.split(',');
  const spec: Mount = { Type: type, Source: source, Target: target, ReadOnly: words.includes('ro') };
  if ((volumeDriver !== '' && type === 'volume') || words.includes('nocopy')) spec.VolumeOptions = {};
  const prop = words.find((w) => PROPAGATION.has(w));
  if (prop) spec.BindOptions = { Propagation: prop };
  const problem = mountProblem(spec, () => true, false);
  if (problem) throw daemonInvalid('bind-spec', `${invalidSpec(raw)}: ${mountConfigError(spec, problem)}`);
  return { type, source, destination: cleanPath(target) };
}

// docker parity: moby volume/local/local.go validateName (wrapped as "create <name>: …")
export function checkLocalVolumeName(name: string): void {
  if (name.length === 1) throw daemonInvalid('volume-name', `create ${name}: volume name is too short, names should be at least two alphanumeric characters`);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
    throw daemonInvalid('volume-name', `create ${name}: ${JSON.stringify(name)} includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`);
  }
}

// docker parity: moby 20.10 daemon/volumes.go registerMountPoints (Binds, then Mounts; no duplicates)
/** Checks -v binds and --mount targets for duplicates; named local volumes for valid names. */
export function checkMountPoints(h: Partial<HostConfig>): void {
  const seen = new Set<string>();
  const dup = (d: string) => daemonInvalid('duplicate-mount', `Duplicate mount point: ${d}`);
  for (const raw of h.Binds ?? []) {
    const bind = parseBind(raw, h.VolumeDriver ?? '');
    if (seen.has(bind.destination) || bind.destination in (h.Tmpfs ?? {})) throw dup(bind.destination);
    seen.add(bind.destination);
    if (bind.type === 'volume' && bind.source !== '' && (h.VolumeDriver ?? '') === '') checkLocalVolumeName(bind.source);
  }
  for (const m of (h.Mounts ?? []) as Mount[]) {
    const dest = cleanPath(m.Target ?? '');
    if (seen.has(dest)) throw dup(dest);
    seen.add(dest);
    if (m.Type === 'volume' && m.Source && !m.VolumeOptions?.DriverConfig?.Name) checkLocalVolumeName(m.Source);
  }
}
