// Image config documents written the way Docker writes them: Go's JSON (HTML characters escaped,
// keys of the image document in alphabetical order, the container config in struct order).
import type { ImageConfigDocument } from '../../model/docker-types.js';
import { sortKeys } from '../../views/image-config.js';

export { containerConfigJson } from '../../views/image-config.js';

/** encoding/json output: <, > and & escaped, as are U+2028/U+2029. */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The image document with its keys sorted (moby marshals it through a map). */
export function imageConfigBytes(doc: ImageConfigDocument): Buffer {
  return Buffer.from(goJson(sortKeys(doc as Record<string, unknown>)));
}

export type HistoryEntry = NonNullable<ImageConfigDocument['history']>[number];

// docker parity: moby image/image.go History field order.
export const historyEntry = (h: HistoryEntry): HistoryEntry => {
  const o: HistoryEntry = {};
  if (h.created !== undefined) o.created = h.created;
  if (h.author) o.author = h.author;
  if (h.created_by) o.created_by = h.created_by;
  if (h.comment) o.comment = h.comment;
  if (h.empty_layer) o.empty_layer = true;
  return o;
};
