import type { ImageConfigDocument } from './docker-types.js';

/** One image in local storage. The id is the sha256 of its config document. */
export interface ImageRecord {
  /** sha256:<64 hex> */
  Id: string;
  /** Fully qualified, e.g. docker.io/library/busybox:latest. */
  RepoTags: string[];
  /** Fully qualified name@sha256:… of the manifest it was pulled or pushed as. */
  RepoDigests: string[];
  /** The parsed config document (its canonical bytes are stored in the blob store). */
  Config: ImageConfigDocument;
  /** Layer chain ids, base first (sha256:…). */
  Layers: string[];
  /** Sum of the uncompressed layer sizes. */
  Size: number;
  /** sha256:… of the image this one was committed from, or '' (Docker's Parent). */
  Parent: string;
  /** When it was stored locally (Metadata.LastTagTime analogue), RFC 3339. */
  LoadedAt: string;
}
