// Docker's CLI decodes API JSON into Go structs before running a --format template on them, so a
// template sees Go semantics: unknown fields are errors, nil pointers print <nil>, nil slices [] and
// nil maps map[], struct values print {a b}, and field names are Go's (HostConfig.CPUShares, not
// CpuShares). goTyped() builds that view from the plain JSON object; JSON.stringify and the template
// `json` function still produce the original JSON (toJSON).
import { goNilMap, goNilSlice, goStruct, TypedNil } from '../format/index.js';

export type GoType =
  | { k: 'scalar'; zero: string | number | boolean }
  | { k: 'ptr'; name: string; elem?: GoStruct }
  | { k: 'slice'; name: string; elem?: GoType }
  | { k: 'map'; name: string; elem?: GoType }
  | { k: 'struct'; def: GoStruct }
  | { k: 'embed'; def: GoStruct };

/** A Go struct: its type name and fields in declaration order; "GoName:JsonName" when they differ. */
export interface GoStruct { name: string; fields: Record<string, GoType> }

export const S: GoType = { k: 'scalar', zero: '' };
export const I: GoType = { k: 'scalar', zero: 0 };
export const B: GoType = { k: 'scalar', zero: false };
export const ptr = (to: string | GoStruct): GoType => (typeof to === 'string' ? { k: 'ptr', name: `*${to}` } : { k: 'ptr', name: `*${to.name}`, elem: to });
export const slice = (name: string, elem?: GoType): GoType => ({ k: 'slice', name, elem });
export const map = (name: string, elem?: GoType): GoType => ({ k: 'map', name, elem });
export const struct = (def: GoStruct): GoType => ({ k: 'struct', def });
export const embed = (def: GoStruct): GoType => ({ k: 'embed', def });
export const def = (name: string, fields: Record<string, GoType>): GoStruct => ({ name, fields });

const STRINGS = slice('[]string');
export { STRINGS };

/** The Go view of `json` (a decoded API object) as the struct `d`. */
export function goTyped(json: Record<string, unknown> | null | undefined, d: GoStruct, keepJson = true): object {
  const out: Record<string, unknown> = {};
  fill(out, json ?? {}, d);
  goStruct(out, d.name);
  if (json && keepJson) Object.defineProperty(out, 'toJSON', { value: () => json });
  return out;
}

function fill(out: Record<string, unknown>, src: Record<string, unknown>, d: GoStruct): void {
  for (const [key, t] of Object.entries(d.fields)) {
    const [goName, jsonName = goName] = key.split(':') as [string, string?];
    if (t.k === 'embed') {
      // An embedded struct is a field of its own (it prints nested) whose fields are promoted.
      const inner = goTyped(src, t.def, false) as Record<string, unknown>;
      out[t.def.name.replace(/^.*\./, '')] = inner;
      for (const name of Object.getOwnPropertyNames(inner)) {
        if (!(name in out)) Object.defineProperty(out, name, { get: () => inner[name], enumerable: false });
      }
      continue;
    }
    out[goName] = convert(src[jsonName], t);
  }
}

function convert(v: unknown, t: GoType): unknown {
  switch (t.k) {
    case 'scalar': return v === undefined || v === null ? t.zero : v;
    case 'ptr':
      if (v === undefined || v === null) return new TypedNil(t.name);
      return t.elem ? goTyped(v as Record<string, unknown>, t.elem) : v;
    case 'slice':
      if (!Array.isArray(v)) return goNilSlice(t.name);
      return t.elem ? v.map((x) => convert(x, t.elem!)) : v;
    case 'map': {
      if (v === undefined || v === null || typeof v !== 'object') return goNilMap(t.name);
      if (!t.elem) return v;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x, t.elem!)]));
    }
    case 'struct': return goTyped((v ?? {}) as Record<string, unknown>, t.def);
    case 'embed': return v;
  }
}
