// tmpfs mount options as Docker builds them: its defaults first, the user's after, and the last word wins
// for each flag pair (moby/sys/mount MergeTmpfsOptions; moby volume/mounts linux_parser ConvertTmpfsOptions).
import { invalidArgument } from '../../errors.js';

// Options that are flags; words sharing a key cancel each other (ro/rw, exec/noexec, every propagation mode).
const FLAG_KEYS: Record<string, string> = {
  ro: 'rdonly', rw: 'rdonly', suid: 'nosuid', nosuid: 'nosuid', dev: 'nodev', nodev: 'nodev', exec: 'noexec',
  noexec: 'noexec', sync: 'sync', async: 'sync', dirsync: 'dirsync', remount: 'remount', mand: 'mand', nomand: 'mand',
  atime: 'noatime', noatime: 'noatime', diratime: 'nodiratime', nodiratime: 'nodiratime', bind: 'bind', rbind: 'rbind',
  relatime: 'relatime', norelatime: 'relatime', strictatime: 'strictatime', nostrictatime: 'strictatime',
  unbindable: 'propagation', runbindable: 'propagation', private: 'propagation', rprivate: 'propagation',
  shared: 'propagation', rshared: 'propagation', slave: 'propagation', rslave: 'propagation',
};

const DATA_KEYS = new Set(['size', 'mode', 'uid', 'gid', 'nr_inodes', 'nr_blocks', 'mpol']);

// docker parity: moby daemon/oci_linux.go WithMounts (tmpfs defaults, with the default propagation)
export const TMPFS_DEFAULT_OPTIONS: readonly string[] = ['noexec', 'nosuid', 'nodev', 'rprivate'];

/** Go's %q of a []string, which is how Docker prints a bad tmpfs option. */
const goQuoteList = (items: string[]) => `[${items.map((s) => JSON.stringify(s)).join(' ')}]`;

/** Keep the last occurrence of each flag or data key, in their original order. */
export function mergeTmpfsOptions(options: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = options.length - 1; i >= 0; i--) {
    const option = options[i]!;
    if (option === 'defaults') continue;
    const flagKey = FLAG_KEYS[option];
    const eq = option.indexOf('=');
    const key = flagKey !== undefined ? `flag:${flagKey}` : `data:${option.slice(0, eq)}`;
    if (flagKey === undefined && (eq < 0 || !DATA_KEYS.has(option.slice(0, eq)))) {
      const parts = eq < 0 ? [option] : [option.slice(0, eq), option.slice(eq + 1)];
      // docker parity: moby/sys/mount MergeTmpfsOptions
      throw invalidArgument('bad-tmpfs-option', `invalid tmpfs option ${goQuoteList(parts)}`);
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.unshift(option);
  }
  return out;
}

/** The OCI options of a user tmpfs from its raw data string (`rw,size=64m,mode=1777`). */
export function tmpfsMountOptions(data: string): string[] {
  return mergeTmpfsOptions([...TMPFS_DEFAULT_OPTIONS, ...(data ? data.split(',') : [])]);
}

/** --mount type=tmpfs fields to a data string: ro, mode in octal, size with the largest exact unit. */
export function tmpfsDataFromMount(opts: { SizeBytes?: number; Mode?: number } | undefined, readOnly: boolean): string {
  const raw: string[] = [];
  if (readOnly) raw.push('ro');
  if (opts?.Mode) raw.push(`mode=${opts.Mode.toString(8)}`);
  if (opts?.SizeBytes) raw.push(`size=${sizeWithSuffix(opts.SizeBytes)}`);
  return raw.join(',');
}

function sizeWithSuffix(size: number): string {
  for (const [suffix, divisor] of [['g', 1 << 30], ['m', 1 << 20], ['k', 1 << 10]] as const) {
    if (size % divisor === 0) return `${size / divisor}${suffix}`;
  }
  return String(size);
}
