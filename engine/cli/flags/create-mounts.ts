// -v, --tmpfs and --mount of run/create: which -v values become Binds and which anonymous Volumes
// (docker/cli cli/compose/loader/volume.go ParseVolume), and --mount's relative sources.
import { posix } from 'node:path';
import { parseError } from './create-errors.js';
import { cut } from './flag-values.js';
import { mountToWire, type MountValue } from './mount-opt.js';

interface VolumeSpec { source: string; target: string; type: 'bind' | 'volume' }

const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);

// docker parity: docker/cli cli/compose/loader/volume.go ParseVolume (only what run/create use)
export function parseVolumeSpec(spec: string): VolumeSpec {
  const size = Buffer.byteLength(spec);
  if (size === 0) throw parseError('invalid empty volume spec');
  if (size <= 2) return { source: '', target: spec, type: 'volume' };
  const vol = { source: '', target: '' };
  let buffer: string[] = [];
  for (const char of [...spec, '']) {
    // A lone drive letter before ':' is a Windows path ("c:\x"), not a separator.
    if (char === ':' && buffer.length === 1 && isLetter(buffer[0])) { buffer.push(char); continue; }
    if (char !== ':' && char !== '') { buffer.push(char); continue; }
    const problem = fillField(vol, buffer.join(''), char === '');
    if (problem) throw parseError(`invalid spec: ${spec}: ${problem}`);
    buffer = [];
  }
  return { ...vol, type: vol.source !== '' && isFilePath(vol.source) ? 'bind' : 'volume' };
}

// Fills source, then target; a third part holds options, which run/create ignore here.
function fillField(vol: { source: string; target: string }, text: string, atEnd: boolean): string | undefined {
  if (text === '') return 'empty section between colons';
  if (vol.source === '' && atEnd) { vol.target = text; return undefined; }
  if (vol.source === '') { vol.source = text; return undefined; }
  if (vol.target === '') { vol.target = text; return undefined; }
  if (!atEnd) return 'too many colons';
  return undefined;
}

function isFilePath(source: string): boolean {
  if ('./~'.includes(source[0]!)) return true;
  const chars = [...source];
  if (chars.length === 1) return false;
  if (source.startsWith('\\\\')) return true;
  return isLetter(chars[0]) && chars[1] === ':';
}

/** Go's filepath.Abs: relative paths resolved against the client's working directory, cleaned. */
const absolute = (p: string, cwd: string) => posix.resolve(cwd, p);

// docker parity: docker/cli cli/command/container/opts.go parse() — binds vs. container volumes
/** HostConfig.Binds (null when none) and Config.Volumes from -v values; duplicates collapse. */
export function buildVolumes(values: string[], cwd: string): { binds: string[] | null; volumes: Record<string, Record<string, never>> } {
  const unique = [...new Set(values)];
  const binds: string[] = [];
  const volumes: Record<string, Record<string, never>> = {};
  for (const spec of unique) {
    const parsed = parseVolumeSpec(spec);
    if (parsed.source === '') { volumes[spec] = {}; continue; }
    binds.push(parsed.type === 'bind' ? absoluteBindSource(spec, cwd) : spec);
  }
  return { binds: binds.length > 0 ? binds : null, volumes };
}

// A "./dir:/x" bind is made absolute on the client, as docker does.
function absoluteBindSource(bind: string, cwd: string): string {
  const [host, target, ok] = cut(bind, ':');
  if (!ok || host.startsWith('/') || !host.startsWith('.')) return bind;
  return `${absolute(host, cwd)}:${target}`;
}

/** HostConfig.Tmpfs from --tmpfs "path[:options]". */
export function buildTmpfs(values: string[]): Record<string, string> {
  const tmpfs: Record<string, string> = {};
  for (const t of values) {
    const [k, v] = cut(t, ':');
    tmpfs[k] = v;
  }
  return tmpfs;
}

/** HostConfig.Mounts from --mount values, relative "./src" made absolute; undefined when none. */
export function buildMounts(mounts: MountValue[], cwd: string): Array<Record<string, unknown>> | undefined {
  if (mounts.length === 0) return undefined;
  return mounts.map((m) => {
    const source = m.Source !== undefined && !m.Source.startsWith('/') && m.Source.startsWith('.') ? absolute(m.Source, cwd) : m.Source;
    return mountToWire({ ...m, Source: source });
  });
}
