// How JS values map onto Go's reflect kinds for text/template:
//   undefined → an invalid reflect.Value ("<no value>"), null → a nil interface, number → int when
//   integral else float64, plain objects and Map → map[string]interface {} (missing keys are not errors),
//   arrays → []interface {}, class instances or objects marked with goStruct() → structs (missing fields
//   are errors, printed as {a b}), Date → time.Time.

/** Symbol naming the Go type of a struct-like object (own property or on its prototype). */
export const GO_TYPE = Symbol.for('skiff.format.goType');

/** A Go float64 that happens to be integral (JS numbers are ints when integral): prints 1e+06. */
export class GoFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

/** Wraps a number so templates treat it as float64 even when integral. */
export const goFloat = (n: number) => new GoFloat(n);

/** A nil pointer read from a struct field: prints `<nil>` where a nil from a map prints `<no value>`. */
export class TypedNil {
  constructor(readonly typeName: string) {}
  /** JSON.stringify sees a nil pointer as null, like encoding/json. */
  toJSON(): null {
    return null;
  }
}

/** Marks an empty array or object as Go's nil slice or nil map: prints [] / map[], encodes as null. */
export const GO_NIL = Symbol.for('skiff.format.goNil');

function markNil<T extends object>(v: T, typeName: string): T {
  Object.defineProperty(v, GO_NIL, { value: true });
  Object.defineProperty(v, GO_TYPE, { value: typeName });
  Object.defineProperty(v, 'toJSON', { value: () => null }); // for JSON.stringify
  return Object.freeze(v);
}

/** A nil slice of the named Go type (e.g. `[]string`). */
export const goNilSlice = (typeName: string): unknown[] => markNil([], typeName);
/** A nil map of the named Go type (e.g. `map[string]string`). */
export const goNilMap = (typeName: string): Record<string, never> => markNil(Object.create(null) as Record<string, never>, typeName);
export const isGoNil = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[GO_NIL] === true;

export type Kind =
  | 'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'string'
  | 'slice' | 'map' | 'struct' | 'func' | 'time';

/** Marks `obj` as a Go struct named `typeName` (e.g. `*formatter.ContainerContext`) and returns it. */
export function goStruct<T extends object>(obj: T, typeName: string): T {
  Object.defineProperty(obj, GO_TYPE, { value: typeName, enumerable: false, configurable: true });
  return obj;
}

export function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function kindOf(v: unknown): Kind {
  if (v === undefined) return 'invalid';
  if (v === null || v instanceof TypedNil) return 'nil';
  if (v instanceof GoFloat) return 'float';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? 'int' : 'float'; // int64 range
    case 'string': return 'string';
    case 'function': return 'func';
    case 'object': break;
    default: return 'struct';
  }
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return 'slice';
  if (v instanceof Date) return 'time';
  if (v instanceof Map) return 'map';
  if ((v as Record<symbol, unknown>)[GO_NIL]) return 'map';
  if ((v as Record<symbol, unknown>)[GO_TYPE] !== undefined) return 'struct';
  return isPlainObject(v as object) ? 'map' : 'struct';
}

/** Go's name for the value's type, approximated (used in error messages and %T). */
export function goTypeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid': return '<nil>';
    case 'nil': return v instanceof TypedNil ? v.typeName : 'interface {}';
    case 'bool': return 'bool';
    case 'int': return typeof v === 'bigint' ? 'int64' : 'int';
    case 'float': return 'float64';
    case 'string': return 'string';
    case 'slice': return v instanceof Uint8Array ? '[]uint8' : nilTypeName(v) ?? '[]interface {}';
    case 'map': return nilTypeName(v) ?? 'map[string]interface {}';
    case 'func': return 'func(...interface {}) interface {}';
    case 'time': return 'time.Time';
    default: return structTypeName(v as object);
  }
}

function nilTypeName(v: unknown): string | undefined {
  return isGoNil(v) ? ((v as Record<symbol, unknown>)[GO_TYPE] as string) : undefined;
}

function structTypeName(v: object): string {
  const marked = (v as Record<symbol, unknown>)[GO_TYPE];
  if (typeof marked === 'string') return marked;
  return v.constructor?.name ?? 'struct {}';
}

/** Entries of a map-kind value with Go's fmt ordering (numbers numerically, strings by code point). */
export function mapEntries(v: object): [unknown, unknown][] {
  const entries: [unknown, unknown][] =
    v instanceof Map ? [...v.entries()] : Object.entries(v).filter(([, x]) => x !== undefined);
  return entries.sort(([a], [b]) => compareKeys(a, b));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A struct's fields in declaration (own key) order; functions are methods, not fields. */
export function structFields(v: object): [string, unknown][] {
  return Object.entries(v).filter(([, x]) => typeof x !== 'function');
}

/** Go's truth: empty/zero/nil values are false, structs are always true. */
export function truth(v: unknown): boolean {
  switch (kindOf(v)) {
    case 'invalid': case 'nil': return false;
    case 'bool': return v as boolean;
    case 'int': case 'float': return Number(v) !== 0;
    case 'string': return (v as string).length > 0;
    case 'slice': return (v as ArrayLike<unknown>).length > 0;
    case 'map': return v instanceof Map ? v.size > 0 : Object.keys(v as object).length > 0;
    default: return true;
  }
}

/** The value a function receives: typed nils become plain nil. */
export function unwrapNil(v: unknown): unknown {
  return v instanceof TypedNil ? null : v;
}

/** Reads a map key from a plain object or Map; undefined when missing. */
export function mapGet(m: object, key: unknown): unknown {
  if (m instanceof Map) return m.get(key);
  const k = String(key);
  return Object.prototype.hasOwnProperty.call(m, k) ? (m as Record<string, unknown>)[k] : undefined;
}

/** A method callable on `v` by template field syntax, or undefined. */
export function findMethod(v: object, name: string): ((...args: unknown[]) => unknown) | undefined {
  const kind = kindOf(v);
  if (kind === 'map' && !(v instanceof Map)) {
    const own = mapGet(v, name);
    return typeof own === 'function' ? (own as (...a: unknown[]) => unknown).bind(v) : undefined;
  }
  if (kind !== 'struct' || !/^\p{Lu}/u.test(name)) return undefined; // Go methods are exported
  const found = (v as Record<string, unknown>)[name];
  if (typeof found !== 'function' || (Object.prototype as Record<string, unknown>)[name] === found) return undefined;
  return (found as (...a: unknown[]) => unknown).bind(v);
}

/** Whether a struct-kind value has a field (own or accessor) of that name. */
export function hasField(v: object, name: string): boolean {
  return name in v && !(name in Object.prototype);
}
