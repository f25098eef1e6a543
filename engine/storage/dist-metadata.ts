// Which compressed blob each layer is known by in which repository (Docker's v2 metadata): recorded
// by pulls and pushes, read by push to HEAD the right digest ("Layer already exists") or to mount it
// from a sibling repository ("Mounted from …") instead of uploading it again. A cache: losing an
// entry only costs an upload, so concurrent writers need no lock (last rename wins).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../sys/fs.js';
import { digestHex } from './digest.js';

export interface DistEntry {
  /** Digest of the compressed blob as the registry stores it. */
  digest: string;
  /** Fully qualified repository (domain/path) the blob was pulled from or pushed to. */
  repository: string;
}

const MAX_ENTRIES = 50;

export class DistributionMetadata {
  constructor(readonly root: string) {}

  private file(diffId: string) { return join(this.root, `${digestHex(diffId)}.json`); }

  entries(diffId: string): DistEntry[] {
    try {
      const doc = JSON.parse(readFileSync(this.file(diffId), 'utf8')) as DistEntry[];
      return Array.isArray(doc) ? doc.filter((e) => typeof e?.digest === 'string' && typeof e?.repository === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Remember (newest first) that `repository` has this layer as `digest`. */
  add(diffId: string, entry: DistEntry): void {
    const rest = this.entries(diffId).filter((e) => !(e.digest === entry.digest && e.repository === entry.repository));
    writeFileAtomic(this.file(diffId), JSON.stringify([entry, ...rest].slice(0, MAX_ENTRIES)), 0o600);
  }

  remove(diffId: string, entry: DistEntry): void {
    const all = this.entries(diffId);
    const rest = all.filter((e) => !(e.digest === entry.digest && e.repository === entry.repository));
    if (rest.length !== all.length) writeFileAtomic(this.file(diffId), JSON.stringify(rest), 0o600);
  }
}
