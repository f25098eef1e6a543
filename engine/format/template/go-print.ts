// Go's fmt value printing for one operand and one verb (%v %s %d %q %x %t %f %e %g %c %U %T …),
// including composite values: [a b], map[k:v], {a b}, <nil>, and %!verb(type=value) for bad verbs.
import { formatFloat } from './go-float.js';
import { canBackquote, goQuote, goQuoteRune } from './go-quote.js';
import { goTypeName, kindOf, mapEntries, structFields } from './values.js';
import { goTimeString } from './go-time.js';

export interface Spec {
  minus?: boolean; plus?: boolean; sharp?: boolean; space?: boolean; zero?: boolean;
  width?: number; prec?: number;
}

const runeLen = (s: string) => [...s].length;

function pad(s: string, spec: Spec): string {
  const n = (spec.width ?? 0) - runeLen(s);
  if (n <= 0) return s;
  return spec.minus ? s + ' '.repeat(n) : ' '.repeat(n) + s;
}

// Zero padding goes after the sign, as Go does for numbers.
function padNumber(s: string, spec: Spec): string {
  const n = (spec.width ?? 0) - s.length;
  if (!spec.zero || spec.minus || n <= 0) return pad(s, spec);
  const sign = /^[+\- ]/.test(s) ? s[0]! : '';
  return sign + '0'.repeat(n) + s.slice(sign.length);
}

function badVerb(v: unknown, verb: string): string {
  if (v === null || v === undefined || kindOf(v) === 'nil') return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${printValue(v, 'v', {}, 0)})`;
}

/** A value's String() the way fmt's handleMethods finds it (Stringer / error / time.Time). */
export function stringerOf(v: unknown): string | undefined {
  if (v instanceof Date) return goTimeString(v);
  if (v instanceof Error) return v.message;
  if (kindOf(v) !== 'struct') return undefined;
  const fn = (v as { toString?: unknown }).toString;
  return typeof fn === 'function' && fn !== Object.prototype.toString ? String(fn.call(v)) : undefined;
}

function signed(s: string, negative: boolean, spec: Spec): string {
  if (negative) return '-' + s;
  return (spec.plus ? '+' : spec.space ? ' ' : '') + s;
}

function fmtInt(v: number | bigint, verb: string, spec: Spec): string {
  const n = BigInt(v);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  if (verb === 'c') return pad(String.fromCodePoint(Number(abs)), spec);
  if (verb === 'q' || (verb === 'v' && spec.sharp)) return pad(goQuoteRune(Number(n), spec.plus), spec);
  if (verb === 'U') return pad('U+' + abs.toString(16).toUpperCase().padStart(4, '0'), spec);
  const base = { b: 2, o: 8, O: 8, x: 16, X: 16 }[verb] ?? 10;
  let digits = abs.toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  if (spec.prec !== undefined) digits = spec.prec === 0 && abs === 0n ? '' : digits.padStart(spec.prec, '0');
  const prefix = verb === 'O' ? '0o' : spec.sharp ? { o: '0', x: '0x', X: '0X', b: '0b' }[verb] ?? '' : '';
  return padNumber(signed(prefix + digits, neg, spec), spec);
}

function fmtFloatVerb(x: number, verb: string, spec: Spec): string {
  const fmt = verb === 'v' ? 'g' : verb === 'F' ? 'f' : verb;
  const prec = spec.prec ?? ('eEf'.includes(fmt) ? 6 : -1);
  const s = formatFloat(x, fmt, prec);
  const body = s.startsWith('-') ? s.slice(1) : s.replace(/^\+/, '');
  const out = signed(body, s.startsWith('-'), spec);
  return Number.isFinite(x) ? padNumber(out, spec) : pad(out, spec);
}

function fmtString(s: string, verb: string, spec: Spec): string {
  if (spec.prec !== undefined) s = [...s].slice(0, spec.prec).join('');
  if (verb === 'v' && spec.sharp) return pad(goQuote(s), spec);
  if (verb === 'q') return pad(spec.sharp && canBackquote(s) ? '`' + s + '`' : goQuote(s, spec.plus), spec);
  if (verb === 'x' || verb === 'X') return pad(hexBytes(Buffer.from(s, 'utf8'), verb, spec), spec);
  return pad(s, spec);
}

function hexBytes(bytes: Uint8Array, verb: string, spec: Spec): string {
  const parts = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
  const prefix = spec.sharp ? (verb === 'X' ? '0X' : '0x') : '';
  const s = spec.space ? parts.map((p) => prefix + p).join(' ') : prefix + parts.join('');
  return verb === 'X' ? s.toUpperCase() : s;
}

/** Formats one operand with one verb; depth > 0 inside composites. */
export function printValue(v: unknown, verb: string, spec: Spec, depth: number): string {
  if (verb === 'T') return pad(v === undefined || v === null ? '<nil>' : goTypeName(v), spec);
  const str = 'vsqxX'.includes(verb) ? stringerOf(v) : undefined;
  if (str !== undefined) return fmtString(str, verb === 'v' ? 's' : verb, spec);
  switch (kindOf(v)) {
    case 'invalid': case 'nil':
      return verb === 'v' ? pad('<nil>', spec) : badVerb(v, verb);
    case 'bool':
      return verb === 'v' || verb === 't' ? pad(String(v), spec) : badVerb(v, verb);
    case 'int':
      // JS cannot tell 2.0 from 2: float verbs format integers too (Go would print %!f(int=2)).
      if ('eEfFgG'.includes(verb)) return fmtFloatVerb(Number(v), verb, spec);
      return 'vdboOxXcqU'.includes(verb) ? fmtInt(v as number, verb === 'v' ? 'd' : verb, spec) : badVerb(v, verb);
    case 'float':
      return 'veEfFgG'.includes(verb) ? fmtFloatVerb(Number(v), verb, spec) : badVerb(v, verb);
    case 'string':
      return 'vsqxX'.includes(verb) ? fmtString(v as string, verb, spec) : badVerb(v, verb);
    case 'slice':
      return printSlice(v as ArrayLike<unknown>, verb, spec, depth);
    case 'map':
      return printMap(v as object, verb, spec, depth);
    case 'func':
      return verb === 'v' ? pad('0x0', spec) : badVerb(v, verb);
    default:
      return printStruct(v as object, verb, spec, depth);
  }
}

function printSlice(v: ArrayLike<unknown>, verb: string, spec: Spec, depth: number): string {
  if (v instanceof Uint8Array && 'sqxX'.includes(verb)) {
    return verb === 's' || verb === 'q' ? fmtString(Buffer.from(v).toString('utf8'), verb, spec) : pad(hexBytes(v, verb, spec), spec);
  }
  const items = Array.from(v, (x) => printValue(x, verb, spec, depth + 1));
  if (spec.sharp && verb === 'v') return `${goTypeName(v)}{${items.join(', ')}}`;
  return '[' + items.join(' ') + ']';
}

function printMap(v: object, verb: string, spec: Spec, depth: number): string {
  const items = mapEntries(v).map(([k, x]) => `${printValue(k, verb, spec, depth + 1)}:${printValue(x, verb, spec, depth + 1)}`);
  if (spec.sharp && verb === 'v') return `${goTypeName(v)}{${items.join(', ')}}`;
  return 'map[' + items.join(' ') + ']';
}

function printStruct(v: object, verb: string, spec: Spec, depth: number): string {
  const named = spec.plus || (spec.sharp && verb === 'v');
  const items = structFields(v).map(([k, x]) => (named ? k + ':' : '') + printValue(x, verb, spec, depth + 1));
  const body = '{' + items.join(spec.sharp && verb === 'v' ? ', ' : ' ') + '}';
  return spec.sharp && verb === 'v' ? goTypeName(v).replace(/^\*/, '&') + body : body;
}
