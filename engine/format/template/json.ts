// Go encoding/json output for JS values: compact, object keys in the object's own order (a JS Map,
// like a Go map, is sorted), HTML escaping optional (docker's `json` turns it off), U+2028/U+2029
// escaped, `\b`/`\f` short forms (Go ≥ 1.22). Objects may supply raw JSON through GO_MARSHAL_JSON.
import { GO_NIL, GoFloat, mapEntries, TypedNil } from './values.js';

/** Method returning pre-encoded JSON text (given the encoder's options), like Go's json.Marshaler. */
export const GO_MARSHAL_JSON = Symbol.for('skiff.format.marshalJSON');

export interface JsonOptions {
  escapeHTML?: boolean;
}

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const HTML: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };

export function jsonString(s: string, opts: JsonOptions = {}): string {
  // eslint-disable-next-line no-control-regex
  const re = /["\\\x00-\x1f\u2028\u2029<>&]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  return '"' + s.replace(re, (c) => {
    if (SHORT[c]) return SHORT[c]!;
    if (HTML[c]) return opts.escapeHTML ? HTML[c]! : c;
    if (c >= '\ud800' && c <= '\udfff') return '\ufffd'; // lone surrogate: invalid UTF-8 in Go
    return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  }) + '"';
}

function jsonNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null'; // Go fails on NaN/Inf; null keeps output usable
}

/** Go's RFC 3339 time with nanoseconds and trailing zeros trimmed. */
function jsonTime(d: Date): string {
  return '"' + d.toISOString().replace(/\.?0+Z$/, 'Z') + '"';
}

function encode(v: unknown, opts: JsonOptions, seen: Set<object>): string | undefined {
  switch (typeof v) {
    case 'string': return jsonString(v, opts);
    case 'number': return jsonNumber(v);
    case 'bigint': return v.toString();
    case 'boolean': return String(v);
    case 'undefined': case 'function': case 'symbol': return undefined;
  }
  if (v === null || v instanceof TypedNil) return 'null';
  if (v instanceof GoFloat) return jsonNumber(v.value);
  const obj = v as Record<string | symbol, unknown>;
  if (obj[GO_NIL] === true) return 'null';
  if (typeof obj[GO_MARSHAL_JSON] === 'function') return (obj[GO_MARSHAL_JSON] as (o: JsonOptions) => string)(opts);
  if (v instanceof Date) return jsonTime(v);
  if (seen.has(obj)) throw new Error('json: unsupported value: encountered a cycle');
  seen.add(obj);
  try {
    return encodeObject(v as object, opts, seen);
  } finally {
    seen.delete(obj);
  }
}

function encodeObject(v: object, opts: JsonOptions, seen: Set<object>): string {
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    if (v instanceof Uint8Array) return '"' + Buffer.from(v).toString('base64') + '"'; // Go's []byte
    return '[' + Array.from(v as ArrayLike<unknown>, (x) => encode(x, opts, seen) ?? 'null').join(',') + ']';
  }
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return encode(toJSON.call(v), opts, seen) ?? 'null';
  const entries = v instanceof Map ? mapEntries(v) : Object.entries(v);
  const parts: string[] = [];
  for (const [k, x] of entries) {
    const enc = encode(x, opts, seen);
    if (enc !== undefined) parts.push(jsonString(String(k), opts) + ':' + enc);
  }
  return '{' + parts.join(',') + '}';
}

/** json.Marshal-like encoding of a JS value (`undefined` encodes as null). */
export function marshalJSON(v: unknown, opts: JsonOptions = {}): string {
  return encode(v, opts, new Set()) ?? 'null';
}
