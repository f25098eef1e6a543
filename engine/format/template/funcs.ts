// Function values callable from templates, with Go-like parameter types so argument errors read
// like Go's ("wrong type for value; expected string; got int", "expected integer; found \"a\"").
import { GoFloat, goTypeName, kindOf } from './values.js';

/** 'any' is interface{}; 'value' is reflect.Value (builtins: a missing value is not converted to nil). */
export type ParamKind = 'any' | 'value' | 'string' | 'int' | 'bool' | 'strings';

export interface GoFunc {
  params: ParamKind[];
  /** Type of the trailing variadic parameter, if any. */
  variadic?: ParamKind;
  fn: (...args: any[]) => unknown;
}

export type FuncValue = GoFunc | ((...args: any[]) => unknown);
export type FuncMap = Record<string, FuncValue>;

export function toGoFunc(f: FuncValue): GoFunc {
  return typeof f === 'function' ? { params: [], variadic: 'any', fn: f } : f;
}

/** A JS method called as a Go method: its declared parameter count is its arity. */
export function methodFunc(fn: (...args: unknown[]) => unknown): GoFunc {
  return { params: Array<ParamKind>(fn.length).fill('any'), fn };
}

export const GO_KIND_NAMES: Record<ParamKind, string> = {
  any: 'interface {}', value: 'reflect.Value', string: 'string', int: 'int', bool: 'bool', strings: '[]string',
};

/** Checks a value against a parameter kind; returns the converted value or an error message. */
export function checkArg(v: unknown, kind: ParamKind): { ok: unknown } | { error: string } {
  const want = GO_KIND_NAMES[kind];
  if (v === undefined) {
    if (kind === 'any' || kind === 'strings') return { ok: null };
    if (kind === 'value') return { ok: undefined };
    return { error: `invalid value; expected ${want}` };
  }
  const k = kindOf(v);
  const ok =
    kind === 'any' || kind === 'value' ||
    (kind === 'string' && k === 'string') ||
    (kind === 'int' && k === 'int') ||
    (kind === 'bool' && k === 'bool') ||
    (kind === 'strings' && (k === 'nil' || (k === 'slice' && Array.from(v as ArrayLike<unknown>).every((x) => typeof x === 'string'))));
  if (!ok) return { error: `wrong type for value; expected ${want}; got ${kind === 'strings' && k === 'slice' ? '[]interface {}' : goTypeName(v)}` };
  if (kind === 'int') return { ok: Number(v) };
  if (kind === 'strings' && k === 'nil') return { ok: [] };
  if (k === 'nil') return { ok: null }; // a typed nil pointer reaches functions as plain nil
  return { ok: kind === 'any' && v instanceof GoFloat ? v.value : v };
}
