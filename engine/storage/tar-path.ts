// Layer entry names: `./a/b`, `/a/b` and `a/b/` all mean a/b. A name that climbs out of the layer
// (`..` after normalisation) is hostile: moby and c/storage refuse the whole layer (breakoutError).
import { EngineError } from '../errors.js';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';

export class LayerBreakoutError extends EngineError {
  constructor(name: string, why = 'is outside of the layer') {
    super('invalid-argument', 'layer-breakout', `invalid layer entry ${JSON.stringify(name)}: ${why}`);
  }
}

/** Normalise to a relative path without `.` segments; '' is the layer root. Throws on `..`. */
export function normalizeEntryName(name: string): string {
  const segs = name.split('/');
  // Stricter than moby (which allows `a/../b`): no honest layer needs `..`.
  if (segs.includes('..')) throw new LayerBreakoutError(name, 'contains ".."');
  return segs.filter((s) => s !== '' && s !== '.').join('/');
}

export const parentOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
export const baseOf = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);

/** All proper ancestors of rel, outermost first ('a/b/c' → ['a', 'a/b']). */
export function ancestorsOf(rel: string): string[] {
  const parts = rel.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

export type EntryKind =
  | { kind: 'normal' }
  | { kind: 'whiteout'; target: string }
  | { kind: 'opaque'; dir: string }
  | { kind: 'ignored' };

/** Classify by base name: `.wh.NAME` hides NAME, `.wh..wh..opq` makes the dir opaque, other `.wh..wh.*` are AUFS relics. */
export function classifyEntry(rel: string): EntryKind {
  const base = baseOf(rel);
  if (!base.startsWith(WHITEOUT_PREFIX)) return { kind: 'normal' };
  if (base === OPAQUE_MARKER) return { kind: 'opaque', dir: parentOf(rel) };
  if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return { kind: 'ignored' };
  const hidden = base.slice(WHITEOUT_PREFIX.length);
  if (hidden === '' || hidden === '.' || hidden === '..') throw new LayerBreakoutError(rel, 'bad whiteout');
  const parent = parentOf(rel);
  return { kind: 'whiteout', target: parent ? `${parent}/${hidden}` : hidden };
}
