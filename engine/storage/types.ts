import type { Readable } from 'node:stream';

/** One filesystem change in a container, as `docker diff` and GET /containers/{id}/changes report it. */
export interface FilesystemChange { Path: string; Kind: 0 | 1 | 2 } // 0 modified, 1 added, 2 deleted

/**
 * The container side of storage: a writable layer over an image's layers, mounted as the rootfs.
 * Implemented by storage/container-layers.ts over overlay (kernel overlay, also inside a user
 * namespace with userxattr) or vfs (full copies) when overlay is unavailable.
 */
export interface ContainerStorage {
  readonly driver: 'overlay' | 'vfs';
  /** Create the writable layer for a container on top of the image's layer chain (base first). */
  createContainerLayer(containerId: string, imageLayers: string[]): Promise<void>;
  /** Mount the rootfs (idempotent) and return its path. */
  mount(containerId: string): Promise<string>;
  unmount(containerId: string): Promise<void>;
  /** The rootfs path whether or not it is mounted (for inspect's GraphDriver). */
  describe(containerId: string): { mergedDir: string; upperDir: string; workDir: string; lowerDirs: string[] };
  removeContainerLayer(containerId: string): Promise<void>;
  /** Changes of the writable layer against the image. */
  changes(containerId: string): Promise<FilesystemChange[]>;
  /** A tar of the writable layer in OCI layer format (whiteouts as .wh. files), for commit. */
  diffTar(containerId: string): Promise<Readable>;
  /** Bytes used by the writable layer (SizeRw). */
  sizeRw(containerId: string): Promise<number>;
}
