// The filesystem operations Node cannot do itself (mknod, extended attributes, mounts), done by small
// helper programs in as few spawns as possible. An interface so tests and other drivers can swap it.
import { readFileSync } from 'node:fs';
import { run } from '../sys/process.js';

export interface NodeSpec { path: string; kind: 'c' | 'b' | 'p'; major: number; minor: number }
export interface XattrSpec { path: string; name: string; value: Buffer }

export interface FsOps {
  /** mknod each node; returns the paths that could not be created (e.g. devices when rootless). */
  makeNodes(nodes: NodeSpec[]): Promise<string[]>;
  /** Set extended attributes; returns the `path: name` pairs that failed. */
  setXattrs(attrs: XattrSpec[]): Promise<string[]>;
  /** Every extended attribute under root (symlinks not followed), keyed by absolute path. */
  readXattrsTree(root: string): Promise<Map<string, Map<string, Buffer>>>;
  mount(fstype: string, source: string, target: string, options: string, cwd?: string): Promise<void>;
  unmount(target: string): Promise<void>;
  isMounted(target: string): boolean;
}

// One shell for all nodes: each failure is reported on stdout and the loop goes on.
const MKNOD_SCRIPT = 'while [ $# -gt 0 ]; do if [ "$2" = p ]; then mknod "$1" p; else mknod "$1" "$2" "$3" "$4"; fi 2>/dev/null || printf "%s\\0" "$1"; shift 4; done';

export const hostFsOps: FsOps = {
  async makeNodes(nodes) {
    if (nodes.length === 0) return [];
    const args = nodes.flatMap((n) => [n.path, n.kind, String(n.major), String(n.minor)]);
    const r = await run('/bin/sh', ['-c', MKNOD_SCRIPT, 'mknod', ...args]);
    return r.stdout.split('\0').filter(Boolean);
  },

  async setXattrs(attrs) {
    if (attrs.length === 0) return [];
    const r = await run('setfattr', ['-h', '--restore=-'], { input: xattrDump(attrs) });
    if (r.exitCode === 0) return [];
    return r.stderr.split('\n').filter(Boolean);
  },

  async readXattrsTree(root) {
    const r = await run('getfattr', ['-R', '-P', '-h', '-d', '-m', '-', '-e', 'hex', '--absolute-names', root]);
    if (r.exitCode !== 0 && r.stdout === '') {
      if (/command not found|ENOENT/.test(r.stderr)) throw new Error('getfattr not found: install the attr package');
    }
    return parseXattrDump(r.stdout);
  },

  async mount(fstype, source, target, options, cwd) {
    const r = await run('mount', ['-t', fstype, '-o', options, source, target], cwd ? { cwd } : {});
    if (r.exitCode !== 0) throw new Error(`mount ${fstype} on ${target}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
  },

  async unmount(target) {
    const r = await run('umount', [target]);
    if (r.exitCode !== 0 && !/not mounted|no mount point/.test(r.stderr)) throw new Error(`umount ${target}: ${r.stderr.trim()}`);
  },

  isMounted(target) {
    return mountPoints().has(target);
  },
};

/** Mount points of this mount namespace (octal escapes decoded). */
export function mountPoints(): Set<string> {
  const text = readFileSync('/proc/self/mountinfo', 'utf8');
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const field = line.split(' ')[4];
    if (field) out.add(field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))));
  }
  return out;
}

// getfattr's dump format: `# file: PATH` with bytes outside a safe set written as \ooo octal escapes.
const quotePath = (p: string) => [...Buffer.from(p)].map((b) => (/[A-Za-z0-9/._+,:@-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, '0')}`)).join('');

function unquotePath(q: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < q.length; i++) {
    if (q[i] === '\\' && /^[0-7]{3}$/.test(q.slice(i + 1, i + 4))) {
      bytes.push(parseInt(q.slice(i + 1, i + 4), 8));
      i += 3;
    } else bytes.push(...Buffer.from(q[i]!));
  }
  return Buffer.from(bytes).toString();
}

export function xattrDump(attrs: XattrSpec[]): string {
  const byPath = new Map<string, XattrSpec[]>();
  for (const a of attrs) byPath.set(a.path, [...(byPath.get(a.path) ?? []), a]);
  let out = '';
  for (const [path, list] of byPath) {
    out += `# file: ${quotePath(path)}\n`;
    for (const a of list) out += `${a.name}=0x${a.value.toString('hex')}\n`;
    out += '\n';
  }
  return out;
}

export function parseXattrDump(text: string): Map<string, Map<string, Buffer>> {
  const out = new Map<string, Map<string, Buffer>>();
  let current: Map<string, Buffer> | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('# file: ')) {
      current = new Map();
      out.set(unquotePath(line.slice(8)), current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq <= 0) continue;
    const raw = line.slice(eq + 1);
    const value = raw.startsWith('0x') ? Buffer.from(raw.slice(2), 'hex') : Buffer.from(raw.replace(/^"|"$/g, ''));
    current.set(line.slice(0, eq), value);
  }
  return out;
}
