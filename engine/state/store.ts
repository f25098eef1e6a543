import type { ContainerRecord, ContainerState } from '../model/container.js';
import type { ImageRecord } from '../model/image.js';
import type { VolumeState } from './volume-tables.js';

/** A stored layer: content addressed by its chain id; the storage module owns the files. */
export interface LayerRecord {
  /** sha256:… chain id (the layer's identity in storage). */
  ChainId: string;
  /** sha256:… of the uncompressed tar. */
  DiffId: string;
  /** Chain id of the parent layer, or ''. */
  Parent: string;
  /** Uncompressed size in bytes of the layer's content. */
  Size: number;
  Created: string;
}

export interface ExecRecord {
  Id: string;
  ContainerId: string;
  /** Docker's exec config: Cmd, Env, User, WorkingDir, Tty, AttachStdin…, Privileged. */
  Config: Record<string, unknown>;
  Running: boolean;
  ExitCode: number | null;
  Pid: number;
  Created: string;
}

/**
 * The engine's records. Every method is synchronous and atomic; `transaction` groups several into one
 * atomic step that also serialises concurrent skiff processes (SQLite's write lock). The volume methods
 * come from VolumeState (volume-tables.ts); networks live in their own, host-wide NetworkStore.
 */
export interface StateStore extends VolumeState {
  transaction<T>(fn: () => T): T;
  close(): void;

  insertContainer(rec: ContainerRecord): void;
  getContainer(id: string): ContainerRecord | undefined;
  /** Docker's lookup: full id, then exact name, then unique id prefix. */
  lookupContainer(ref: string): ContainerRecord | undefined;
  listContainers(): ContainerRecord[];
  saveContainer(rec: ContainerRecord): void;
  saveContainerState(id: string, state: ContainerState): void;
  renameContainer(id: string, name: string): void;
  deleteContainer(id: string): void;
  containerIdForName(name: string): string | undefined;

  putImage(rec: Omit<ImageRecord, 'RepoTags' | 'RepoDigests'>): void;
  getImage(id: string): ImageRecord | undefined;
  listImages(): ImageRecord[];
  deleteImage(id: string): void;
  /** Point a fully qualified tag at an image (moving it if it pointed elsewhere); returns the previous image id. */
  setTag(name: string, imageId: string): string | undefined;
  removeTag(name: string): void;
  imageIdForTag(name: string): string | undefined;
  addRepoDigest(nameAtDigest: string, imageId: string): void;
  removeRepoDigest(nameAtDigest: string): void;
  imageIdForDigest(nameAtDigest: string): string | undefined;

  putLayer(rec: LayerRecord): void;
  getLayer(chainId: string): LayerRecord | undefined;
  listLayers(): LayerRecord[];
  deleteLayer(chainId: string): void;

  putExec(rec: ExecRecord): void;
  getExec(id: string): ExecRecord | undefined;
  listExecs(containerId: string): ExecRecord[];
  deleteExec(id: string): void;
}
