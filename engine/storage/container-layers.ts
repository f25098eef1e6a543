// ContainerStorage: a writable layer per container under <containers>/<id>/layer. Overlay keeps
// diff/ (upper), work/, merged/ and init/ (Docker's -init layer) and mounts
// lowerdir=init:<image layers, top first>; vfs keeps rootfs/, a full copy built from the layer tars.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from '../context.js';
import { conflict, EngineError } from '../errors.js';
import type { BlobStore } from './blob-store.js';
import { upperChanges } from './changes.js';
import { diffTar, isEngineMountpoint } from './diff-tar.js';
import type { FsOps } from './fs-ops.js';
import { populateInitLayer } from './init-layer.js';
import { applyLayer, opaqueXattr } from './layer-apply.js';
import type { LayerStore } from './layer-store.js';
import { LowerView } from './lower-view.js';
import { copyOver, removeTreeForce, treeSize } from './tree.js';
import type { ContainerStorage, FilesystemChange } from './types.js';
import { changesTar, changesSize } from './vfs-diff.js';

export interface ContainerLayersDeps {
  containersDir: string;
  layers: LayerStore;
  blobs: BlobStore;
  ops: FsOps;
  rootless: boolean;
  log: Logger;
}

const LAYERS_FILE = 'layers.json';
// Mount options longer than a page are refused by the kernel; then paths go relative to <layers>.
const MAX_OPTIONS = 4000;

/** Image layers that some container layer stands on (they must outlive a forced image removal). */
export function containerLayerRefs(containersDir: string): Set<string> {
  const out = new Set<string>();
  for (const id of safeReaddir(containersDir)) {
    try {
      for (const c of JSON.parse(readFileSync(join(containersDir, id, 'layer', LAYERS_FILE), 'utf8')) as string[]) out.add(c);
    } catch { /* no layer (yet) */ }
  }
  return out;
}

function safeReaddir(dir: string): string[] {
  try { return readdirSync(dir); } catch { return []; }
}

export class ContainerLayers implements ContainerStorage {
  constructor(readonly driver: 'overlay' | 'vfs', private readonly d: ContainerLayersDeps) {}

  private base(id: string) { return join(this.d.containersDir, id, 'layer'); }
  private isVfs(id: string) { return existsSync(join(this.base(id), 'rootfs')) || (this.driver === 'vfs' && !existsSync(join(this.base(id), 'diff'))); }

  /** Image layer chain ids, base first, as given at create. */
  imageLayers(id: string): string[] {
    try { return JSON.parse(readFileSync(join(this.base(id), LAYERS_FILE), 'utf8')) as string[]; } catch {
      throw new EngineError('not-found', 'container-layer-missing', `container layer for ${id} does not exist`);
    }
  }

  describe(id: string) {
    const b = this.base(id);
    if (this.isVfs(id)) return { mergedDir: join(b, 'rootfs'), upperDir: join(b, 'rootfs'), workDir: '', lowerDirs: [] };
    const lowers = existsSync(join(b, LAYERS_FILE)) ? [...this.imageLayers(id)].reverse().map((c) => this.d.layers.diffDir(c)) : [];
    return { mergedDir: join(b, 'merged'), upperDir: join(b, 'diff'), workDir: join(b, 'work'), lowerDirs: [join(b, 'init'), ...lowers] };
  }

  private lowerView(id: string, withInit: boolean): LowerView {
    const chain = [...this.imageLayers(id)].reverse();
    const layers = chain.map((c) => ({ dir: this.d.layers.diffDir(c), opaque: this.d.layers.opaqueDirs(c) }));
    return new LowerView(withInit ? [{ dir: join(this.base(id), 'init'), opaque: new Set() }, ...layers] : layers);
  }

  async createContainerLayer(id: string, imageLayers: string[]): Promise<void> {
    const final = this.base(id);
    if (existsSync(final)) throw conflict('container-layer-exists', `container layer for ${id} already exists`);
    for (const c of imageLayers) if (!this.d.layers.get(c)) throw new EngineError('not-found', 'layer-missing', `layer ${c} does not exist`);
    const tmp = `${final}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    mkdirSync(tmp, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(join(tmp, LAYERS_FILE), JSON.stringify(imageLayers));
      if (this.driver === 'vfs') await this.buildVfs(tmp, imageLayers);
      else await this.buildOverlay(tmp, imageLayers);
      await rename(tmp, final);
    } finally {
      if (existsSync(tmp)) await removeTreeForce(tmp);
    }
  }

  private async buildOverlay(dir: string, imageLayers: string[]): Promise<void> {
    for (const sub of ['diff', 'work', 'merged', 'init']) mkdirSync(join(dir, sub), { mode: sub === 'diff' || sub === 'init' ? 0o755 : 0o700 });
    const lowers = [...imageLayers].reverse().map((c) => ({ dir: this.d.layers.diffDir(c), opaque: this.d.layers.opaqueDirs(c) }));
    await populateInitLayer(join(dir, 'init'), new LowerView(lowers));
  }

  // vfs: replay every layer tar (kept in the blob store by diff id) with deleting whiteouts.
  private async buildVfs(dir: string, imageLayers: string[]): Promise<void> {
    const rootfs = join(dir, 'rootfs');
    mkdirSync(rootfs, { mode: 0o755 });
    for (const c of imageLayers) {
      const rec = this.d.layers.get(c)!;
      await applyLayer(this.d.blobs.open(rec.DiffId), rootfs, { ops: this.d.ops, rootless: this.d.rootless, whiteouts: 'delete', warn: (m) => this.d.log.warn(m) });
    }
    // The init entries are kept apart too, so changes() can see them as "below" the container.
    mkdirSync(join(dir, 'init'), { mode: 0o755 });
    await populateInitLayer(join(dir, 'init'), new LowerView([{ dir: rootfs, opaque: new Set() }]));
    await copyOver(join(dir, 'init'), rootfs);
  }

  async mount(id: string): Promise<string> {
    const desc = this.describe(id);
    if (this.isVfs(id)) return desc.mergedDir;
    if (this.d.ops.isMounted(desc.mergedDir)) return desc.mergedDir;
    const chain = [...this.imageLayers(id)].reverse();
    const build = (rel: boolean) => {
      const lowers = [join(this.base(id), 'init'), ...chain.map((c) => (rel ? this.d.layers.shortLink(c) : join(this.d.layers.root, this.d.layers.shortLink(c))))];
      return `lowerdir=${lowers.join(':')},upperdir=${desc.upperDir},workdir=${desc.workDir}${this.d.rootless ? ',userxattr' : ''}`;
    };
    const abs = build(false);
    if (abs.length < MAX_OPTIONS) await this.d.ops.mount('overlay', 'overlay', desc.mergedDir, abs);
    else await this.d.ops.mount('overlay', 'overlay', desc.mergedDir, build(true), this.d.layers.root);
    return desc.mergedDir;
  }

  async unmount(id: string): Promise<void> {
    if (this.isVfs(id)) return;
    const merged = this.describe(id).mergedDir;
    if (this.d.ops.isMounted(merged)) await this.d.ops.unmount(merged);
  }

  async removeContainerLayer(id: string): Promise<void> {
    if (!existsSync(this.base(id))) return;
    await this.unmount(id);
    await removeTreeForce(this.base(id));
    try { rmdirSync(join(this.d.containersDir, id)); } catch { /* other files of the container remain */ }
  }

  async changes(id: string): Promise<FilesystemChange[]> {
    if (this.isVfs(id)) return upperChanges({ upper: this.describe(id).upperDir, lower: this.lowerView(id, true), opaque: new Set(), full: true, ignore: isEngineMountpoint });
    const upper = this.describe(id).upperDir;
    return upperChanges({ upper, lower: this.lowerView(id, true), opaque: await this.upperOpaque(upper), ignore: isEngineMountpoint });
  }

  async diffTar(id: string): Promise<Readable> {
    if (this.isVfs(id)) {
      const rootfs = this.describe(id).upperDir;
      return changesTar(rootfs, await this.changes(id));
    }
    const upper = this.describe(id).upperDir;
    const xattrs = await this.d.ops.readXattrsTree(upper);
    return diffTar({ upper, opaque: this.opaqueFrom(upper, xattrs), xattrs });
  }

  async sizeRw(id: string): Promise<number> {
    if (this.isVfs(id)) return changesSize(this.describe(id).upperDir, await this.changes(id));
    return treeSize(this.describe(id).upperDir);
  }

  private async upperOpaque(upper: string): Promise<Set<string>> {
    return this.opaqueFrom(upper, await this.d.ops.readXattrsTree(upper));
  }

  private opaqueFrom(upper: string, xattrs: Map<string, Map<string, Buffer>>): Set<string> {
    const name = opaqueXattr(this.d.rootless);
    const out = new Set<string>();
    for (const [abs, attrs] of xattrs) {
      if (attrs.get(name)?.toString() === 'y' && abs.startsWith(`${upper}/`)) out.add(abs.slice(upper.length + 1));
    }
    return out;
  }
}
