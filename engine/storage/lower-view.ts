// The merged view of a stack of overlay-format layer dirs (top first), without mounting: what the
// container sees below its upper dir. Used to tell "added" from "modified" and to list what an opaque
// directory hid.
import type { Stats } from 'node:fs';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ancestorsOf } from './tar-path.js';

export interface LowerLayer { dir: string; opaque: Set<string> }

export const isWhiteout = (st: Stats) => st.isCharacterDevice() && st.rdev === 0;

export class LowerView {
  private readonly cache = new Map<string, Stats | null>();

  constructor(private readonly layers: LowerLayer[]) {}

  private lstat(layer: LowerLayer, rel: string): Stats | null {
    const key = `${layer.dir}\0${rel}`;
    let st = this.cache.get(key);
    if (st === undefined) {
      try { st = lstatSync(join(layer.dir, rel)); } catch { st = null; }
      this.cache.set(key, st);
    }
    return st;
  }

  /** True when something in this layer hides rel in the layers below (a non-dir ancestor or an opaque one). */
  private hides(layer: LowerLayer, rel: string): boolean {
    for (const a of ancestorsOf(rel)) {
      const st = this.lstat(layer, a);
      if (st && !st.isDirectory()) return true;
      if (st && layer.opaque.has(a)) return true;
    }
    return false;
  }

  /** The visible entry at rel, or undefined when absent or whited out. */
  stat(rel: string): Stats | undefined {
    for (const layer of this.layers) {
      if (this.hidden(layer, rel)) return undefined;
      const st = this.lstat(layer, rel);
      if (st) return isWhiteout(st) ? undefined : st;
      if (this.hides(layer, rel)) return undefined;
    }
    return undefined;
  }

  // An ancestor that is a non-directory in an upper layer already hid rel in this one.
  private hidden(layer: LowerLayer, rel: string): boolean {
    return ancestorsOf(rel).some((a) => { const st = this.lstat(layer, a); return st !== null && !st.isDirectory(); });
  }

  /** Visible children of directory rel ('' is the root). */
  children(rel: string): string[] {
    const seen = new Set<string>();
    const hiddenNames = new Set<string>();
    for (const layer of this.layers) {
      if (rel && this.hidden(layer, rel)) break;
      const st = rel ? this.lstat(layer, rel) : ({ isDirectory: () => true } as Stats);
      if (st && !st.isDirectory()) break;
      if (st) {
        for (const name of safeReaddir(join(layer.dir, rel))) {
          if (seen.has(name) || hiddenNames.has(name)) continue;
          const cst = this.lstat(layer, rel ? `${rel}/${name}` : name);
          if (cst && isWhiteout(cst)) hiddenNames.add(name);
          else seen.add(name);
        }
        if (layer.opaque.has(rel)) break;
      }
      if (rel && this.hides(layer, rel)) break;
    }
    return [...seen].sort();
  }
}

function safeReaddir(dir: string): string[] {
  try { return readdirSync(dir); } catch { return []; }
}
