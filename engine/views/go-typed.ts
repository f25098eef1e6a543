// Docker's CLI decodes API JSON into Go structs before running a --format template on them, so a
// template sees Go semantics: unknown fields are errors, nil pointers print <nil>, nil slices [] and
// nil maps map[], struct values print {a b}, and field names are Go's (HostConfig.CPUShares, not
// CpuShares). goTyped() builds that view from the plain JSON object; JSON.stringify still gives the
// original JSON (toJSON: what `inspect` prints and the raw fallback reads), while the template `json`
// function marshals the Go struct: declared fields only, omitempty ones dropped when empty, maps sorted.
import { GO_MARSHAL_JSON, goNilMap, goNilSlice, goStruct, goTimeString, jsonString, marshalJSON, TypedNil, type JsonOptions } from '../format/index.js';

export type GoType =
  | { k: 'scalar'; zero: string | number | boolean }
  | { k: 'ptr'; name: string; elem?: GoStruct }
  | { k: 'slice'; name: string; elem?: GoType }
  | { k: 'map'; name: string; elem?: GoType }
  | { k: 'struct'; def: GoStruct }
  | { k: 'embed'; def: GoStruct }
  | { k: 'time' };

/** A Go struct: its type name and fields in declaration order; "GoName:JsonName" when they differ, a trailing "?" for omitempty. */
export interface GoStruct { name: string; fields: Record<string, GoType>; sortedJson?: boolean }

export const S: GoType = { k: 'scalar', zero: '' };
export const I: GoType = { k: 'scalar', zero: 0 };
export const B: GoType = { k: 'scalar', zero: false };
/** time.Time, sent as RFC 3339 text. */
export const TIME: GoType = { k: 'time' };
export const ptr = (to: string | GoStruct): GoType => (typeof to === 'string' ? { k: 'ptr', name: `*${to}` } : { k: 'ptr', name: `*${to.name}`, elem: to });
export const slice = (name: string, elem?: GoType): GoType => ({ k: 'slice', name, elem });
export const map = (name: string, elem?: GoType): GoType => ({ k: 'map', name, elem });
export const struct = (def: GoStruct): GoType => ({ k: 'struct', def });
export const embed = (def: GoStruct): GoType => ({ k: 'embed', def });
export const def = (name: string, fields: Record<string, GoType>, opts: { sortedJson?: boolean } = {}): GoStruct => ({ name, fields, ...opts });

const STRINGS = slice('[]string');
export { STRINGS };

/** The Go view of `json` (a decoded API object) as the struct `d`. */
export function goTyped(json: Record<string, unknown> | null | undefined, d: GoStruct, keepJson = true): object {
  const out: Record<string, unknown> = {};
  fill(out, json ?? {}, d);
  goStruct(out, d.name);
  if (json && keepJson) Object.defineProperty(out, 'toJSON', { value: () => json });
  Object.defineProperty(out, GO_MARSHAL_JSON, { value: (opts: JsonOptions) => marshalJSON(goJson(json ?? {}, d), opts) });
  return out;
}

const fieldKey = (key: string) => {
  const omitEmpty = key.endsWith('?');
  const [goName, jsonName = goName] = (omitEmpty ? key.slice(0, -1) : key).split(':') as [string, string?];
  return { goName, jsonName, omitEmpty };
};

// encoding/json's isEmptyValue: false, 0, "", nil, and empty slices and maps.
const isEmpty = (v: unknown) => v === null || v === false || v === 0 || v === ''
  || (Array.isArray(v) && v.length === 0) || (v instanceof Map && v.size === 0);

/** A MarshalJSON that goes through map[string]any: every object's keys sorted (registry.ServiceConfig's). */
const sortDeep = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, sortDeep(x)]));
  if (v && typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, sortDeep(x)]));
  return v;
};

/** What json.Marshal gives for `src` decoded into the struct `d`. */
function goJson(src: Record<string, unknown>, d: GoStruct): Record<string, unknown> {
  if (d.sortedJson) return sortDeep(goJsonFields(src, d)) as Record<string, unknown>;
  return goJsonFields(src, d);
}

function goJsonFields(src: Record<string, unknown>, d: GoStruct): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, t] of Object.entries(d.fields)) {
    if (t.k === 'embed') { Object.assign(out, goJsonFields(src, t.def)); continue; }
    const { jsonName, omitEmpty } = fieldKey(key);
    const v = goJsonValue(src[jsonName], t);
    if (!(omitEmpty && isEmpty(v))) out[jsonName] = v;
  }
  return out;
}

function goJsonValue(v: unknown, t: GoType): unknown {
  const absent = v === undefined || v === null;
  switch (t.k) {
    case 'scalar': return absent ? t.zero : v;
    case 'ptr': return absent ? null : t.elem ? goJson(v as Record<string, unknown>, t.elem) : v;
    case 'slice': return !Array.isArray(v) ? null : t.elem ? v.map((x) => goJsonValue(x, t.elem!)) : v;
    case 'map': {
      if (absent || typeof v !== 'object') return null;
      return new Map(Object.entries(v).map(([k, x]) => [k, t.elem ? goJsonValue(x, t.elem) : x]));
    }
    case 'struct': return goJson((v ?? {}) as Record<string, unknown>, t.def);
    case 'embed': return v;
    case 'time': return typeof v === 'string' && v ? v : ZERO_TIME;
  }
}

function fill(out: Record<string, unknown>, src: Record<string, unknown>, d: GoStruct): void {
  for (const [key, t] of Object.entries(d.fields)) {
    const { goName, jsonName } = fieldKey(key);
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
      // A Go map prints, ranges and marshals in key order.
      const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(t.elem ? entries.map(([k, x]) => [k, convert(x, t.elem!)]) : entries);
    }
    case 'struct': return goTyped((v ?? {}) as Record<string, unknown>, t.def);
    case 'embed': return v;
    case 'time': return goTime(typeof v === 'string' && v ? v : ZERO_TIME);
  }
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * A time.Time decoded from RFC 3339 text: prints as Go's Time.String() in the text's own zone (UTC for
 * "Z", a nameless fixed zone otherwise) with every nanosecond digit, and marshals back to the text.
 */
function goTime(text: string): object {
  const m = /^(.*?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  const ms = Date.parse(text);
  let shown = text;
  if (m && Number.isFinite(ms)) {
    const nanos = Number((m[2] ?? '').padEnd(9, '0').slice(0, 9));
    if (m[3] === 'Z') shown = goTimeString(ms, 'UTC', nanos);
    else {
      const sign = m[3]!.startsWith('-') ? -1 : 1;
      const offMin = sign * (Number(m[3]!.slice(1, 3)) * 60 + Number(m[3]!.slice(4, 6)));
      const zone = m[3]!.replace(':', '');
      shown = goTimeString(ms + offMin * 60_000, 'UTC', nanos).replace(/ \+0000 UTC$/, ` ${zone} ${zone}`);
    }
  }
  const out = goStruct({ toString: () => shown }, 'time.Time');
  Object.defineProperty(out, 'toString', { enumerable: false });
  Object.defineProperty(out, 'toJSON', { value: () => text });
  Object.defineProperty(out, GO_MARSHAL_JSON, { value: (opts: JsonOptions) => jsonString(text, opts) });
  return out;
}
