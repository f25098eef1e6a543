// The local volume driver on disk: <volumes>/<name>/_data, optionally a filesystem mounted there from
// the volume's options (type/device/o, as `mount -t TYPE -o O DEVICE _data`), and Docker's copy-up
// of the image's content into an empty volume.
import { lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { daemonInvalid, EngineError } from '../errors.js';
import type { VolumeRecord } from '../model/volume.js';
import type { FsOps } from '../storage/fs-ops.js';
import { copyOver, removeTreeForce, treeSize } from '../storage/tree.js';

// docker parity: moby volume/local/local_unix.go validOpts / mandatoryOpts
const VALID_OPTS = new Set(['type', 'o', 'device', 'size']);
const MANDATORY: Array<[string, string[]]> = [['device', ['type']], ['type', ['device']], ['o', ['device', 'type']]];

/** Checks -o options as the local driver does (wrapped by the caller as "create NAME: …"). */
export function checkLocalOptions(opts: Record<string, string>): string | undefined {
  for (const key of Object.keys(opts)) if (!VALID_OPTS.has(key)) return `invalid option: ${JSON.stringify(key)}`;
  for (const [key, required] of MANDATORY) {
    if (!(key in opts)) continue;
    for (const r of required) if (!(r in opts)) return `missing required option: ${JSON.stringify(r)}`;
  }
  // skiff differs: no quota support on this filesystem, as moby answers without xfs project quotas.
  if ('size' in opts) return 'quota size requested but no quota support';
  return undefined;
}

export class LocalVolumes {
  constructor(private readonly root: string, private readonly ops: FsOps) {}

  dir(name: string) { return join(this.root, name); }
  dataDir(name: string) { return join(this.root, name, '_data'); }

  /** The directory of a new volume (existing ones are kept as they are). */
  create(name: string): void {
    mkdirSync(this.root, { recursive: true, mode: 0o701 });
    mkdirSync(this.dataDir(name), { recursive: true, mode: 0o755 });
  }

  needsMount(v: VolumeRecord): boolean { return !!(v.Options?.type || v.Options?.device); }

  /** Mounts an options volume if it is not mounted yet (idempotent: many containers share it). */
  async mount(v: VolumeRecord): Promise<void> {
    if (!this.needsMount(v)) return;
    const target = this.dataDir(v.Name);
    mkdirSync(target, { recursive: true, mode: 0o755 });
    if (this.ops.isMounted(target)) return;
    const o = v.Options ?? {};
    try {
      await this.ops.mount(o.type ?? '', o.device ?? '', target, o.o ?? '');
    } catch (e) {
      // docker parity: moby volume/local/local_unix.go mount (errors.Wrap "failed to mount local volume")
      throw new EngineError('internal', 'volume-mount', `error while mounting volume '${target}': failed to mount local volume: ${(e as Error).message}`);
    }
  }

  async unmount(v: VolumeRecord): Promise<void> {
    if (this.needsMount(v) && this.ops.isMounted(this.dataDir(v.Name))) await this.ops.unmount(this.dataDir(v.Name));
  }

  async remove(v: VolumeRecord): Promise<void> {
    await this.unmount(v).catch(() => undefined);
    await removeTreeForce(this.dir(v.Name));
  }

  async size(name: string): Promise<number> { return treeSize(this.dataDir(name)).catch(() => 0); }
}

/**
 * Docker's copy-up: when the volume is empty, the content the image has at the mount point is copied
 * in, with the directory's own owner and mode (moby container CopyImagePathContent). A file where the
 * volume should go is an error.
 */
export async function copyImageContent(sourceInRootfs: string, volumeData: string): Promise<void> {
  let st;
  try { st = lstatSync(sourceInRootfs); } catch { return; }
  if (!st.isDirectory()) return;
  if (readdirSync(volumeData).length > 0) return;
  await copyOver(sourceInRootfs, volumeData);
  const top = statSync(sourceInRootfs);
  await fsp.chown(volumeData, top.uid, top.gid);
  await fsp.chmod(volumeData, top.mode & 0o7777);
}

/** An image VOLUME over an existing file cannot be made (moby createContainerOSSpecificSettings). */
export function checkNotFile(pathInRootfs: string): void {
  let st;
  try { st = statSync(pathInRootfs); } catch { return; }
  // docker parity: moby daemon/create_unix.go
  if (!st.isDirectory()) throw daemonInvalid('volume-over-file', `cannot mount volume over existing file, file exists ${pathInRootfs}`);
}
