// Apply an OCI/Docker layer tar into a directory. In overlay mode the directory is a fresh layer diff:
// whiteouts become 0/0 char devices and opaque markers an overlay xattr. In delete mode (vfs) the
// directory already holds the lower layers and whiteouts delete. Nothing is ever written through a
// symlink or outside the directory: every parent is known to be a real directory before it is used.
import { constants as C, createWriteStream, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashTap } from './digest.js';
import type { FsOps, NodeSpec, XattrSpec } from './fs-ops.js';
import { ancestorsOf, classifyEntry, LayerBreakoutError, normalizeEntryName, parentOf } from './tar-path.js';
import type { TarHeader } from './tar/header.js';
import { readTar } from './tar/reader.js';
import { EngineError } from '../errors.js';

export interface ApplyOptions {
  ops: FsOps;
  /** Rootless: overlay xattrs live in user.overlay.*, device nodes are skipped. */
  rootless: boolean;
  /** 'overlay' (default) for a fresh layer diff, 'delete' for a vfs rootfs that holds the lowers. */
  whiteouts?: 'overlay' | 'delete';
  /** False to leave ownership alone (unit tests as an ordinary user). */
  chown?: boolean;
  warn?: (msg: string) => void;
}

export interface ApplyResult {
  /** sha256 of the tar bytes read. */
  diffId: string;
  tarSize: number;
  /** Docker's layer size: regular file bytes (hard links once) plus symlink target lengths. */
  size: number;
  /** Directories marked opaque in this layer (relative paths). */
  opaqueDirs: string[];
}

type Kind = 'dir' | 'file' | 'other';
interface Meta { abs: string; rel: string; mode?: number; uid: number; gid: number; mtime: number; symlink?: boolean }

export const opaqueXattr = (rootless: boolean) => (rootless ? 'user.overlay.opaque' : 'trusted.overlay.opaque');

export async function applyLayer(input: Readable | AsyncIterable<Buffer>, dest: string, opts: ApplyOptions): Promise<ApplyResult> {
  const tap = new HashTap();
  const a = new Applier(dest, opts);
  for await (const entry of readTar(tap.wrap(input))) await a.entry(entry.header, entry.body);
  await a.finish();
  return { diffId: tap.digest(), tarSize: tap.size, size: a.size, opaqueDirs: [...a.opaque] };
}

class Applier {
  readonly kinds = new Map<string, Kind>([['', 'dir']]);
  readonly created = new Set<string>();
  readonly opaque = new Set<string>();
  readonly whiteouts: string[] = [];
  readonly nodes: Array<NodeSpec & { meta: Meta }> = [];
  readonly xattrs: XattrSpec[] = [];
  readonly dirMeta: Meta[] = [];
  size = 0;
  private readonly deleteMode: boolean;

  constructor(private readonly dest: string, private readonly opts: ApplyOptions) {
    this.deleteMode = opts.whiteouts === 'delete';
  }

  private abs(rel: string) { return rel ? join(this.dest, rel) : this.dest; }

  async entry(h: TarHeader, body: () => AsyncGenerator<Buffer>): Promise<void> {
    const rel = normalizeEntryName(h.name);
    if (rel === '') return;
    const cls = classifyEntry(rel);
    if (cls.kind === 'ignored') return;
    if (cls.kind === 'opaque') return this.markOpaque(cls.dir);
    if (cls.kind === 'whiteout') { await this.ensureDir(parentOf(cls.target)); this.whiteouts.push(cls.target); return; }
    await this.ensureDir(parentOf(rel));
    switch (h.type) {
      case 'dir': return this.dir(rel, h);
      case 'file': return this.file(rel, h, body);
      case 'symlink': return this.symlink(rel, h);
      case 'link': return this.hardlink(rel, h);
      case 'char': case 'block': case 'fifo': return this.node(rel, h);
      default: return undefined;
    }
  }

  /** Make rel a verified real directory, creating missing ancestors; refuse to go through non-directories. */
  private async ensureDir(rel: string): Promise<void> {
    if (this.kinds.get(rel) === 'dir') return;
    for (const p of [...ancestorsOf(rel), rel].filter(Boolean)) {
      const k = this.kinds.get(p);
      if (k === 'dir') continue;
      if (k !== undefined) throw new LayerBreakoutError(p, 'is used as a directory but is not one');
      if (this.deleteMode) await this.verifyLowerDir(p);
      else await fsp.mkdir(this.abs(p), { mode: 0o755 });
      this.kinds.set(p, 'dir');
    }
  }

  /** vfs: a lower non-directory in the way is replaced, as overlay's upper directory would hide it. */
  private async verifyLowerDir(p: string): Promise<void> {
    const st = await fsp.lstat(this.abs(p)).catch(() => undefined);
    if (st?.isDirectory()) return;
    if (st) await fsp.rm(this.abs(p), { recursive: true, force: true });
    await fsp.mkdir(this.abs(p), { mode: 0o755 });
  }

  private async markOpaque(dir: string): Promise<void> {
    await this.ensureDir(dir);
    this.opaque.add(dir);
    if (this.deleteMode) await this.clearLowerChildren(dir);
  }

  private async clearLowerChildren(dir: string): Promise<void> {
    for (const name of await fsp.readdir(this.abs(dir))) {
      const rel = dir ? `${dir}/${name}` : name;
      if (!this.created.has(rel)) await fsp.rm(this.abs(rel), { recursive: true, force: true });
    }
  }

  /** Clear the way for a new entry; true when an existing directory is kept (dir over dir). */
  private async prepare(rel: string, isDir: boolean): Promise<boolean> {
    let k = this.kinds.get(rel);
    if (k === undefined && this.deleteMode) {
      const st = await fsp.lstat(this.abs(rel)).catch(() => undefined);
      k = st ? (st.isDirectory() ? 'dir' : 'other') : undefined;
    }
    if (k === undefined) return false;
    if (k === 'dir' && isDir) return true;
    await fsp.rm(this.abs(rel), { recursive: true, force: true });
    for (const key of [...this.kinds.keys()]) if (key === rel || key.startsWith(`${rel}/`)) this.kinds.delete(key);
    return false;
  }

  private record(rel: string, kind: Kind, h: TarHeader): void {
    this.kinds.set(rel, kind);
    this.created.add(rel);
    for (const [name, value] of h.xattrs) {
      if (/^(trusted|user)\.overlay\./.test(name)) continue; // storage-internal: a layer may not forge them
      this.xattrs.push({ path: this.abs(rel), name, value });
    }
  }

  private async dir(rel: string, h: TarHeader): Promise<void> {
    if (!(await this.prepare(rel, true))) await fsp.mkdir(this.abs(rel), { mode: 0o700 });
    this.record(rel, 'dir', h);
    this.dirMeta.push(this.meta(rel, h));
  }

  private async file(rel: string, h: TarHeader, body: () => AsyncGenerator<Buffer>): Promise<void> {
    await this.prepare(rel, false);
    const fd = await fsp.open(this.abs(rel), C.O_WRONLY | C.O_CREAT | C.O_EXCL | C.O_NOFOLLOW, 0o600);
    try {
      await pipeline(body(), createWriteStream('', { fd: fd.fd, autoClose: false }));
    } finally {
      await fd.close(); // also when the layer stream fails half way (a leaked handle is closed by GC, loudly)
    }
    this.size += h.size;
    this.record(rel, 'file', h);
    await this.applyMeta(this.meta(rel, h));
  }

  private async symlink(rel: string, h: TarHeader): Promise<void> {
    await this.prepare(rel, false);
    await fsp.symlink(h.linkname, this.abs(rel));
    this.size += Buffer.byteLength(h.linkname);
    this.record(rel, 'other', h);
    await this.applyMeta({ ...this.meta(rel, h), mode: undefined, symlink: true });
  }

  private async hardlink(rel: string, h: TarHeader): Promise<void> {
    const target = normalizeEntryName(h.linkname);
    const tk = this.kinds.get(target) ?? (this.deleteMode ? await this.lowerKind(target) : undefined);
    if (!target || tk === undefined || tk === 'dir') {
      throw new EngineError('invalid-argument', 'layer-bad-link', `invalid hard link ${JSON.stringify(h.name)} -> ${JSON.stringify(h.linkname)}: target is not a file of this layer`);
    }
    if (target === rel) return;
    await this.prepare(rel, false);
    await fsp.link(this.abs(target), this.abs(rel));
    this.record(rel, tk, h);
  }

  /** vfs: a hard link may point into the lowers, but only along real directories. */
  private async lowerKind(target: string): Promise<Kind | undefined> {
    for (const p of ancestorsOf(target)) {
      if (this.kinds.get(p) === 'dir') continue;
      const st = await fsp.lstat(this.abs(p)).catch(() => undefined);
      if (!st?.isDirectory()) return undefined;
    }
    const st = await fsp.lstat(this.abs(target)).catch(() => undefined);
    return st && !st.isDirectory() ? (st.isFile() ? 'file' : 'other') : undefined;
  }

  private async node(rel: string, h: TarHeader): Promise<void> {
    if (this.opts.rootless && h.type !== 'fifo') {
      this.opts.warn?.(`skipping device node /${rel}: cannot create devices in a user namespace`);
      return;
    }
    await this.prepare(rel, false);
    const kind = h.type === 'fifo' ? 'p' : h.type === 'char' ? 'c' : 'b';
    this.nodes.push({ path: this.abs(rel), kind, major: h.devmajor, minor: h.devminor, meta: this.meta(rel, h) });
    this.record(rel, 'other', h);
  }

  private meta(rel: string, h: TarHeader): Meta {
    return { abs: this.abs(rel), rel, mode: h.mode, uid: h.uid, gid: h.gid, mtime: h.mtime };
  }

  private async applyMeta(m: Meta): Promise<void> {
    if (this.opts.chown !== false) await lchownChecked(m);
    if (m.mode !== undefined) await fsp.chmod(m.abs, m.mode); // after chown, which clears setuid bits
    const t = m.mtime;
    await (m.symlink ? fsp.lutimes(m.abs, t, t) : fsp.utimes(m.abs, t, t));
  }

  /** Deferred steps: nodes and whiteouts (one spawn), xattrs (one spawn), then directory times, deepest first. */
  async finish(): Promise<void> {
    await this.makeNodes();
    await this.setXattrs();
    for (const m of this.dirMeta.reverse()) await this.applyMeta(m);
  }

  private async makeNodes(): Promise<void> {
    const whiteouts = this.deleteMode ? [] : this.whiteouts.filter((t) => !this.created.has(t) && !this.kinds.has(t));
    if (this.deleteMode) for (const t of this.whiteouts) if (!this.created.has(t)) await fsp.rm(this.abs(t), { recursive: true, force: true });
    const specs: NodeSpec[] = [...new Set(whiteouts)].map((t) => ({ path: this.abs(t), kind: 'c', major: 0, minor: 0 }));
    const failed = new Set(await this.opts.ops.makeNodes([...specs, ...this.nodes]));
    const badWhiteout = specs.find((s) => failed.has(s.path));
    if (badWhiteout) throw new EngineError('internal', 'whiteout-failed', `creating whiteout ${badWhiteout.path}: mknod failed`);
    for (const n of this.nodes) {
      if (failed.has(n.path)) this.opts.warn?.(`could not create device node ${n.path}`);
      else await this.applyMeta(n.meta);
    }
  }

  private async setXattrs(): Promise<void> {
    const opaque = this.deleteMode ? [] : [...this.opaque].map((d) => ({ path: this.abs(d), name: opaqueXattr(this.opts.rootless), value: Buffer.from('y') }));
    const failedOpaque = await this.opts.ops.setXattrs(opaque);
    if (failedOpaque.length) throw new EngineError('internal', 'opaque-failed', `marking opaque directories: ${failedOpaque.join('; ')}`);
    const failed = await this.opts.ops.setXattrs(this.xattrs);
    for (const f of failed) this.opts.warn?.(`extended attribute not restored: ${f}`);
  }
}

// docker parity: c/storage pkg/idtools (the message Podman prints for unmapped ids in a user namespace).
async function lchownChecked(m: Meta): Promise<void> {
  try {
    await fsp.lchown(m.abs, m.uid, m.gid);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM') throw e;
    throw new EngineError('permission-denied', 'insufficient-ids',
      `potentially insufficient UIDs or GIDs available in user namespace (requested ${m.uid}:${m.gid} for /${m.rel}): Check /etc/subuid and /etc/subgid if configured locally: lchown /${m.rel}: ${code === 'EINVAL' ? 'invalid argument' : 'operation not permitted'}`);
  }
}
