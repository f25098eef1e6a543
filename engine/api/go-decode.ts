// What Go's json.Decoder does to a request body, as clients see it from dockerd: its syntax errors, and
// "cannot unmarshal X into Go struct field S.F of type T" for a field of the wrong JSON kind (unknown
// fields are ignored). Routes differ only in the status dockerd wraps these errors in.
import { goJsonError } from './request.js';
import { ApiError } from './status.js';

/** The Go kind a field decodes into; `strslice` also takes one string, `map` is map[string]string. */
export type GoKind = 'string' | 'bool' | 'int' | 'int64' | 'strings' | 'strslice' | 'map' | 'object' | 'array';

const GO_TYPE: Record<GoKind, string> = {
  string: 'string', bool: 'bool', int: 'int', int64: 'int64', strings: '[]string', strslice: 'string',
  map: 'map[string]string', object: 'struct', array: 'slice',
};

/** The JSON kind names Go's "cannot unmarshal X" uses. */
export const jsonKind = (v: unknown) =>
  (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);

/** One JSON document; a truncated one is io.ErrUnexpectedEOF, as a Decoder reports it. */
export function parseGoJson(text: string, status: number): unknown {
  try { return JSON.parse(text); } catch (e) {
    const msg = goJsonError(text, e);
    throw new ApiError(status, msg === 'unexpected end of JSON input' ? 'unexpected EOF' : msg);
  }
}

function fits(kind: GoKind, v: unknown): boolean {
  if (v === null) return true;
  switch (kind) {
    case 'string': return typeof v === 'string';
    case 'bool': return typeof v === 'boolean';
    case 'int': case 'int64': return typeof v === 'number' && Number.isInteger(v);
    case 'strings': return Array.isArray(v) && v.every((x) => typeof x === 'string' || x === null);
    case 'strslice': return typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string' || x === null));
    case 'map': return jsonKind(v) === 'object' && Object.values(v as object).every((x) => typeof x === 'string' || x === null);
    case 'object': return jsonKind(v) === 'object';
    case 'array': return Array.isArray(v);
  }
}

export interface FieldCheck {
  /** The status dockerd gives decoding errors on this route (500, or 400 where it wraps them). */
  status: number;
  /** Prefix of nested fields in the message ("HostConfig."). */
  path?: string;
  /** Go type names of struct-valued fields, by key. */
  structs?: Record<string, string>;
}

/** Checks the fields of `table` in `doc`; `struct` is the Go type that holds them. */
export function checkGoFields(doc: Record<string, unknown>, struct: string, table: Record<string, GoKind>, opts: FieldCheck): void {
  for (const [key, kind] of Object.entries(table)) {
    const v = doc[key];
    if (v === undefined || fits(kind, v)) continue;
    let [what, type] = [jsonKind(v), kind === 'object' ? opts.structs?.[key] ?? GO_TYPE.object : GO_TYPE[kind]];
    if (typeof v === 'number' && (kind === 'int' || kind === 'int64')) what = `number ${v}`;
    // Go names the innermost value that failed: an element of a []string or map is a string; a
    // StrSlice that is no []string is retried as one string.
    if ((kind === 'strings' || kind === 'map') && typeof v === 'object') {
      const bad = Object.values(v as object).find((x) => typeof x !== 'string' && x !== null);
      [what, type] = [jsonKind(bad), 'string'];
    }
    throw new ApiError(opts.status, `json: cannot unmarshal ${what} into Go struct field ${struct}.${opts.path ?? ''}${key} of type ${type}`);
  }
}
