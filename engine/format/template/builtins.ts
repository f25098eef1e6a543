// Go text/template's predefined functions (and or not len index slice print printf println
// eq ne lt le gt ge html js urlquery call), with Go's error texts.
import type { FuncMap, GoFunc } from './funcs.js';
import { isGoPrint } from './go-quote.js';
import { stringerOf } from './go-print.js';
import { sprint, sprintf, sprintln } from './printf.js';
import { goTypeName, kindOf, mapGet, truth } from './values.js';

const byteLen = (s: string) => Buffer.byteLength(s, 'utf8');

function length(v: unknown): number {
  if (v === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  switch (kindOf(v)) {
    case 'nil': throw new Error('len of nil pointer');
    case 'string': return byteLen(v as string);
    case 'slice': return (v as ArrayLike<unknown>).length;
    case 'map': return v instanceof Map ? v.size : Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).length;
    default: throw new Error(`len of type ${goTypeName(v)}`);
  }
}

function indexArg(idx: unknown, len: number): number {
  if (idx === null || idx === undefined) throw new Error('cannot index slice/array with nil');
  if (kindOf(idx) !== 'int') throw new Error(`cannot index slice/array with type ${goTypeName(idx)}`);
  const x = Number(idx);
  if (x < 0 || x >= len) throw new Error(`index out of range: ${x}`);
  return x;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === null || item === undefined) throw new Error('index of untyped nil');
  for (const idx of indexes) {
    switch (kindOf(item)) {
      case 'string': item = Buffer.from(item as string, 'utf8')[indexArg(idx, byteLen(item as string))]; break;
      case 'slice': item = (item as ArrayLike<unknown>)[indexArg(idx, (item as ArrayLike<unknown>).length)]; break;
      case 'map':
        if (idx === null || idx === undefined) throw new Error('value is nil; should be of type string');
        item = mapGet(item as object, idx);
        break;
      case 'nil': throw new Error('index of nil pointer');
      default: throw new Error(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === null || item === undefined) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  const k = kindOf(item);
  if (k !== 'string' && k !== 'slice') throw new Error(`can't slice item of type ${goTypeName(item)}`);
  if (k === 'string' && indexes.length === 3) throw new Error('cannot 3-index slice a string');
  const bytes = k === 'string' ? Buffer.from(item as string, 'utf8') : undefined;
  const len = bytes ? bytes.length : (item as ArrayLike<unknown>).length;
  const idx = [0, len];
  indexes.forEach((x, i) => {
    if (kindOf(x) !== 'int') throw new Error(`cannot index slice/array with type ${goTypeName(x)}`);
    const n = Number(x);
    if (n < 0 || n > len) throw new Error(`index out of range: ${n}`);
    idx[i] = n;
  });
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (bytes) return bytes.subarray(idx[0], idx[1]).toString('utf8');
  return Array.from(item as ArrayLike<unknown>).slice(idx[0], idx[1]);
}

// Comparison kinds: Go compares only basic kinds of the same kind (ints and floats are one
// kind here, since JS has one number type).
function basicKind(v: unknown): string {
  const k = kindOf(v);
  return k === 'int' || k === 'float' ? 'number' : k;
}

function sameBasic(a: unknown, b: unknown): boolean {
  if (typeof a !== 'bigint' && typeof b !== 'bigint') return Number(a) === Number(b) || a === b; // Number() unwraps GoFloat
  try {
    return BigInt(a as bigint) === BigInt(b as bigint);
  } catch {
    return false; // a non-integral float never equals an int64
  }
}

const isNil = (v: unknown) => kindOf(v) === 'invalid' || kindOf(v) === 'nil';

function eq(a: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const ka = basicKind(a);
  for (const b of rest) {
    const kb = basicKind(b);
    if (isNil(a) || isNil(b)) {
      if (isNil(a) && isNil(b)) return true;
      continue; // Go compares a nil interface with anything as unequal, without error
    }
    if (ka !== kb) throw new Error('incompatible types for comparison');
    if (['bool', 'number', 'string'].includes(ka)) {
      if (sameBasic(a, b)) return true;
      continue;
    }
    if (ka === 'slice' || ka === 'map' || ka === 'func') {
      throw new Error(`non-comparable type ${sprint([b])}: ${goTypeName(b)}`);
    }
    if (a === b) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (!['number', 'string'].includes(ka) || !['number', 'string'].includes(kb)) {
    throw new Error('invalid type for comparison');
  }
  if (ka !== kb) throw new Error('incompatible types for comparison');
  return (a as number) < (b as number);
}

/** The operands of html/js/urlquery as one string (fmt.Sprint unless a single string). */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => stringerOf(a) ?? a));
}

const HTML_ESCAPES: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\uFFFD' };

export function htmlEscape(s: string): string {
  return s.replace(/["'&<>\0]/g, (c) => HTML_ESCAPES[c]!);
}

const JS_ESCAPES: Record<string, string> = {
  '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D',
};

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (JS_ESCAPES[ch]) out += JS_ESCAPES[ch];
    else if (cp < 0x20 || (cp >= 0x80 && !isGoPrint(ch))) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

/** url.QueryEscape: space as '+', unreserved characters kept. */
export function queryEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
}

function call(name: string, fn: unknown, ...args: unknown[]): unknown {
  if (fn === null || fn === undefined) throw new Error(`call of nil`);
  if (typeof fn !== 'function') throw new Error(`non-function ${name} of type ${goTypeName(fn)}`);
  return fn(...args);
}

const any1: GoFunc['params'] = ['value'];
const g = (params: GoFunc['params'], fn: GoFunc['fn'], variadic?: GoFunc['variadic']): GoFunc => ({ params, fn, variadic });

export const BUILTINS: FuncMap = {
  and: g(any1, () => undefined, 'value'),
  or: g(any1, () => undefined, 'value'),
  not: g(any1, (v: unknown) => !truth(v)),
  len: g(any1, length),
  index: g(any1, index, 'value'),
  slice: g(any1, slice, 'value'),
  print: g([], (...a: unknown[]) => sprint(a), 'value'),
  printf: g(['string'], (f: string, ...a: unknown[]) => sprintf(f, a), 'value'),
  println: g([], (...a: unknown[]) => sprintln(a), 'value'),
  eq: g(any1, eq, 'value'),
  ne: g(['value', 'value'], (a: unknown, b: unknown) => !eq(a, b)),
  lt: g(['value', 'value'], lt),
  le: g(['value', 'value'], (a: unknown, b: unknown) => lt(a, b) || eq(a, b)),
  gt: g(['value', 'value'], (a: unknown, b: unknown) => !lt(a, b) && !eq(a, b)),
  ge: g(['value', 'value'], (a: unknown, b: unknown) => !lt(a, b)),
  html: g([], (...a: unknown[]) => htmlEscape(evalArgs(a)), 'value'),
  js: g([], (...a: unknown[]) => jsEscape(evalArgs(a)), 'value'),
  urlquery: g([], (...a: unknown[]) => queryEscape(evalArgs(a)), 'value'),
  call: g(['value'], call, 'value'), // the evaluator passes the callee's name first
};
