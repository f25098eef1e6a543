// --mount's csv syntax (docker/cli opts/mount.go MountOpt.Set): type=bind|volume|tmpfs, src, dst,
// readonly, bind-*, volume-*, tmpfs-* keys, with docker's error texts.
import { cut } from './flag-values.js';
import { readCsvRecord } from './go-csv.js';
import { parseGoUint } from './go-strconv.js';
import { ramInBytes } from '../../format/units.js';
import { parseGoBool } from '../pflag.js';

/** A mount.Mount as the Engine API carries it (only the keys docker's CLI can set). */
export interface MountValue {
  Type: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean; ReadOnlyNonRecursive?: boolean; ReadOnlyForceRecursive?: boolean };
  VolumeOptions?: { NoCopy?: boolean; Labels: Record<string, string>; Subpath?: string; DriverConfig: { Name?: string; Options?: Record<string, string> } };
  ImageOptions?: { Subpath?: string };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

type Setter = (m: MountValue, key: string, val: string) => void;

const bool = (key: string, val: string) => {
  const b = parseGoBool(val);
  if (b === undefined) throw new Error(`invalid value for ${key}: ${val}`);
  return b;
};
const bindOpts = (m: MountValue) => (m.BindOptions ??= {});
const volumeOpts = (m: MountValue) => (m.VolumeOptions ??= { Labels: {}, DriverConfig: {} });
const tmpfsOpts = (m: MountValue) => (m.TmpfsOptions ??= {});
const setOnMap = (target: Record<string, string>, value: string) => {
  const [k, v] = cut(value, '=');
  if (k !== '') target[k] = v;
};

const SETTERS: Record<string, Setter> = {
  type: (m, _k, v) => { m.Type = v.toLowerCase(); },
  source: (m, _k, v) => { m.Source = v; },
  src: (m, _k, v) => { m.Source = v; },
  target: (m, _k, v) => { m.Target = v; },
  dst: (m, _k, v) => { m.Target = v; },
  destination: (m, _k, v) => { m.Target = v; },
  readonly: (m, k, v) => { m.ReadOnly = bool(k, v); },
  ro: (m, k, v) => { m.ReadOnly = bool(k, v); },
  consistency: (m, _k, v) => { m.Consistency = v.toLowerCase(); },
  'bind-propagation': (m, _k, v) => { bindOpts(m).Propagation = v.toLowerCase(); },
  'bind-nonrecursive': (m, k, v) => { bindOpts(m).NonRecursive = bool(k, v); },
  'bind-recursive': setBindRecursive,
  'volume-subpath': (m, _k, v) => { volumeOpts(m).Subpath = v; },
  'volume-nocopy': (m, _k, v) => { volumeOpts(m).NoCopy = bool('volume-nocopy', v); },
  'volume-label': (m, _k, v) => setOnMap(volumeOpts(m).Labels, v),
  'volume-driver': (m, _k, v) => { volumeOpts(m).DriverConfig.Name = v; },
  'volume-opt': (m, _k, v) => setOnMap((volumeOpts(m).DriverConfig.Options ??= {}), v),
  'image-subpath': (m, _k, v) => { (m.ImageOptions ??= {}).Subpath = v; },
  'tmpfs-size': (m, k, v) => { tmpfsOpts(m).SizeBytes = wrap(k, v, () => ramInBytes(v)); },
  'tmpfs-mode': (m, k, v) => { tmpfsOpts(m).Mode = wrap(k, v, () => parseGoUint(v, 32, 8)); },
};

// Flag words that stand alone, without `=value`.
const BARE: Record<string, (m: MountValue) => void> = {
  readonly: (m) => { m.ReadOnly = true; },
  ro: (m) => { m.ReadOnly = true; },
  'volume-nocopy': (m) => { volumeOpts(m).NoCopy = true; },
  'bind-nonrecursive': (m) => { bindOpts(m).NonRecursive = true; },
};

function wrap(key: string, val: string, parse: () => number): number {
  try { return parse(); } catch { throw new Error(`invalid value for ${key}: ${val}`); }
}

function setBindRecursive(m: MountValue, key: string, val: string): void {
  switch (val) {
    case 'enabled': return;
    case 'disabled': bindOpts(m).NonRecursive = true; return;
    case 'writable': bindOpts(m).ReadOnlyNonRecursive = true; return;
    case 'readonly': bindOpts(m).ReadOnlyForceRecursive = true; return;
    default: throw new Error(`invalid value for ${key}: ${val} (must be "enabled", "disabled", "writable", or "readonly")`);
  }
}

// docker parity: docker/cli opts/mount.go MountOpt.Set
export function parseMountOpt(value: string): MountValue {
  const mount: MountValue = { Type: 'volume' };
  for (const field of readCsvRecord(value)) {
    const [rawKey, val, ok] = cut(field, '=');
    const key = rawKey.toLowerCase();
    if (!ok) {
      const bare = BARE[key];
      if (!bare) throw new Error(`invalid field '${field}' must be a key=value pair`);
      bare(mount);
      continue;
    }
    const set = SETTERS[key];
    if (!set) throw new Error(`unexpected key '${key}' in '${field}'`);
    set(mount, key, val);
  }
  checkMount(mount);
  return mount;
}

function checkMount(m: MountValue): void {
  if (m.Type === '') throw new Error('type is required');
  if (!m.Target) throw new Error('target is required');
  const mix = (opts: unknown, prefix: string, type: string) => {
    if (opts !== undefined && m.Type !== type) throw new Error(`cannot mix '${prefix}-*' options with mount type '${m.Type}'`);
  };
  mix(m.VolumeOptions, 'volume', 'volume');
  mix(m.ImageOptions, 'image', 'image');
  mix(m.BindOptions, 'bind', 'bind');
  mix(m.TmpfsOptions, 'tmpfs', 'tmpfs');
  const b = m.BindOptions;
  if (b?.ReadOnlyNonRecursive && !m.ReadOnly) throw new Error("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
  if (b?.ReadOnlyForceRecursive) {
    if (!m.ReadOnly) throw new Error("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
    if (b.Propagation !== 'rprivate') throw new Error("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
  }
}

/** The mount as Go's encoder writes it: omitempty fields dropped, Go's key order. */
export function mountToWire(m: MountValue): Record<string, unknown> {
  const out: Record<string, unknown> = { Type: m.Type };
  if (m.Source) out.Source = m.Source;
  if (m.Target) out.Target = m.Target;
  if (m.ReadOnly) out.ReadOnly = true;
  if (m.Consistency) out.Consistency = m.Consistency;
  if (m.BindOptions) out.BindOptions = pickSet(m.BindOptions, ['Propagation', 'NonRecursive', 'ReadOnlyNonRecursive', 'ReadOnlyForceRecursive']);
  if (m.VolumeOptions) out.VolumeOptions = volumeWire(m.VolumeOptions);
  if (m.ImageOptions) out.ImageOptions = pickSet(m.ImageOptions, ['Subpath']);
  if (m.TmpfsOptions) out.TmpfsOptions = pickSet(m.TmpfsOptions, ['SizeBytes', 'Mode']);
  return out;
}

function volumeWire(v: NonNullable<MountValue['VolumeOptions']>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (v.NoCopy) out.NoCopy = true;
  if (Object.keys(v.Labels).length > 0) out.Labels = sortKeys(v.Labels);
  if (v.Subpath) out.Subpath = v.Subpath;
  const driver: Record<string, unknown> = {};
  if (v.DriverConfig.Name) driver.Name = v.DriverConfig.Name;
  if (v.DriverConfig.Options && Object.keys(v.DriverConfig.Options).length > 0) driver.Options = sortKeys(v.DriverConfig.Options);
  out.DriverConfig = driver;
  return out;
}

// Go's omitempty, in the struct's field order.
function pickSet<T extends object>(o: T, keys: Array<keyof T & string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined && o[k] !== false && o[k] !== 0 && o[k] !== '') out[k] = o[k];
  return out;
}

/** Go encodes maps with sorted keys. */
export function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
