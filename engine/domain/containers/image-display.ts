// The Image field of GET /containers/json, `ps` and `system df`, and the ancestor filter's matcher:
// both resolve image names, so they are shared by the CLI and the API.
import type { Engine } from '../../context.js';
import type { ContainerRecord } from '../../model/container.js';
import { resolveImage } from '../images/resolve.js';

/** The API's Image field: the name the container was created from, or its image id once that name moved. */
export function imageDisplay(engine: Engine, rec: ContainerRecord, cache = new Map<string, string | undefined>()): string {
  if (!cache.has(rec.ImageRef)) {
    try { cache.set(rec.ImageRef, resolveImage(engine, rec.ImageRef).Id); } catch { cache.set(rec.ImageRef, undefined); }
  }
  return cache.get(rec.ImageRef) === rec.ImageId ? rec.ImageRef : rec.ImageId;
}

export const ancestorMatcher = (engine: Engine) => (rec: ContainerRecord, ref: string) => {
  try { return resolveImage(engine, ref).Id === rec.ImageId; } catch { return false; }
};
