// fmt.Sprintf / Sprint / Sprintln over JS values, with Go's error notations
// (%!d(MISSING), %!(EXTRA int=2), %!(NOVERB), %!d(BADINDEX), %!(BADWIDTH), %!(BADPREC)).
import { printValue, type Spec } from './go-print.js';
import { goTypeName, kindOf } from './values.js';

const isString = (v: unknown) => typeof v === 'string';

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && !isString(a) && !isString(args[i - 1])) out += ' ';
    out += printValue(a, 'v', {}, 0);
  });
  return out;
}

/** fmt.Sprintln: always spaces, trailing newline. */
export function sprintln(args: unknown[]): string {
  return args.map((a) => printValue(a, 'v', {}, 0)).join(' ') + '\n';
}

interface Cursor {
  format: string;
  i: number;
  arg: number;
  reordered: boolean;
  goodIndex: boolean;
}

function readNumber(c: Cursor): number | undefined {
  const m = /^\d+/.exec(c.format.slice(c.i));
  if (!m) return undefined;
  c.i += m[0].length;
  return Number(m[0]);
}

// %[n] explicit argument index.
function readIndex(c: Cursor, nargs: number): void {
  if (c.format[c.i] !== '[') return;
  c.reordered = true;
  const close = c.format.indexOf(']', c.i);
  const n = Number(c.format.slice(c.i + 1, close));
  if (close < 0 || !Number.isInteger(n) || n < 1 || n > nargs) {
    c.goodIndex = false;
    c.i = close < 0 ? c.format.length : close + 1;
    return;
  }
  c.arg = n - 1;
  c.i = close + 1;
}

// A '*' width or precision taken from the argument list.
function starArg(c: Cursor, args: unknown[]): number | undefined {
  const v = args[c.arg++];
  return kindOf(v) === 'int' && Math.abs(Number(v)) < 1e6 ? Number(v) : undefined;
}

function readFlags(c: Cursor, spec: Spec): void {
  const flags: Record<string, keyof Spec> = { '-': 'minus', '+': 'plus', '#': 'sharp', ' ': 'space', '0': 'zero' };
  while (c.i < c.format.length && flags[c.format[c.i]!]) {
    (spec as Record<string, unknown>)[flags[c.format[c.i]!]!] = true;
    c.i++;
  }
}

function readWidthPrec(c: Cursor, spec: Spec, args: unknown[]): string {
  let errors = '';
  readIndex(c, args.length);
  if (c.format[c.i] === '*') {
    c.i++;
    spec.width = starArg(c, args);
    if (spec.width === undefined) errors += '%!(BADWIDTH)';
    else if (spec.width < 0) [spec.minus, spec.width] = [true, -spec.width];
  } else spec.width = readNumber(c);
  if (c.format[c.i] === '.') {
    c.i++;
    readIndex(c, args.length);
    if (c.format[c.i] === '*') {
      c.i++;
      spec.prec = starArg(c, args);
      if (spec.prec === undefined || spec.prec < 0) [spec.prec, errors] = [undefined, errors + '%!(BADPREC)'];
    } else spec.prec = readNumber(c) ?? 0;
  }
  readIndex(c, args.length);
  return errors;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  const c: Cursor = { format, i: 0, arg: 0, reordered: false, goodIndex: true };
  let out = '';
  while (c.i < format.length) {
    const pct = format.indexOf('%', c.i);
    if (pct < 0) {
      out += format.slice(c.i);
      break;
    }
    out += format.slice(c.i, pct);
    c.i = pct + 1;
    out += directive(c, args);
  }
  if (!c.reordered && c.arg < args.length) {
    const extra = args.slice(c.arg).map((a) => (a === null || a === undefined ? '<nil>' : `${goTypeName(a)}=${printValue(a, 'v', {}, 0)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

function directive(c: Cursor, args: unknown[]): string {
  const spec: Spec = {};
  c.goodIndex = true;
  readFlags(c, spec);
  const errors = readWidthPrec(c, spec, args);
  if (c.i >= c.format.length) return errors + '%!(NOVERB)';
  const verb = String.fromCodePoint(c.format.codePointAt(c.i)!);
  c.i += verb.length;
  if (verb === '%') return errors + '%';
  if (!c.goodIndex) return errors + `%!${verb}(BADINDEX)`;
  if (c.arg >= args.length) return errors + `%!${verb}(MISSING)`;
  if (spec.minus) spec.zero = false;
  return errors + printValue(args[c.arg++], verb, spec, 0);
}
