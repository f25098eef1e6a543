// Go's strconv integer parsing with its exact error texts, because docker's flags (pflag Int64/Uint16,
// ulimit, port ranges) surface those texts verbatim: `strconv.ParseInt: parsing "x": invalid syntax`.

import { goQuote } from '../../format/template/go-quote.js';

export { goQuote };

const numErr = (fn: string, raw: string, what: 'invalid syntax' | 'value out of range') =>
  new Error(`strconv.${fn}: parsing ${goQuote(raw)}: ${what}`);

// docker parity: Go strconv.underscoreOK — underscores only between digits and only with a base prefix.
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.startsWith('+') || s.startsWith('-')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1]!)) { i = 2; saw = '0'; hex = /[xX]/.test(s[1]!); }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (/[0-9]/.test(c) || (hex && /[a-fA-F]/.test(c))) { saw = '0'; continue; }
    if (c === '_') { if (saw !== '0') return false; saw = '_'; continue; }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Digits of an unsigned literal in `base` (0 = Go prefixes), as a BigInt; undefined on bad syntax. */
function parseDigits(s: string, base: number): bigint | undefined {
  if (s === '') return undefined;
  let digits = s;
  let radix = base;
  if (base === 0) {
    radix = 10;
    if (s[0] === '0') {
      const p = s[1]?.toLowerCase();
      if (p === 'x') { radix = 16; digits = s.slice(2); }
      else if (p === 'b') { radix = 2; digits = s.slice(2); }
      else if (p === 'o') { radix = 8; digits = s.slice(2); }
      else if (s.length > 1) { radix = 8; digits = s.slice(1); }
    }
  }
  if (digits.includes('_')) {
    // Go allows digit separators only when the base was inferred (base 0).
    if (base !== 0 || !underscoreOK(s)) return undefined;
    digits = digits.replaceAll('_', '');
  }
  if (digits === '') return undefined;
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
  let value = 0n;
  for (const ch of digits.toLowerCase()) {
    const d = alphabet.indexOf(ch);
    if (d < 0) return undefined;
    value = value * BigInt(radix) + BigInt(d);
  }
  return value;
}

/** Go's strconv.ParseInt(s, base, bits). */
export function parseGoInt(raw: string, bits = 64, base = 0): number {
  let s = raw;
  let neg = false;
  if (s.startsWith('+') || s.startsWith('-')) { neg = s[0] === '-'; s = s.slice(1); }
  const v = parseDigits(s, base);
  if (v === undefined) throw numErr('ParseInt', raw, 'invalid syntax');
  const limit = 1n << BigInt(bits - 1);
  if ((!neg && v >= limit) || (neg && v > limit)) throw numErr('ParseInt', raw, 'value out of range');
  return Number(neg ? -v : v);
}

/** Go's strconv.ParseUint(s, base, bits). */
export function parseGoUint(raw: string, bits = 64, base = 0): number {
  const v = parseDigits(raw, base);
  if (v === undefined) throw numErr('ParseUint', raw, 'invalid syntax');
  if (v >= 1n << BigInt(bits)) throw numErr('ParseUint', raw, 'value out of range');
  return Number(v);
}

/** Go's strconv.Atoi (base 10, 64 bits), with its own function name in errors. */
export function goAtoi(raw: string): number {
  try {
    return parseGoInt(raw, 64, 10);
  } catch (e) {
    throw new Error((e as Error).message.replace('strconv.ParseInt', 'strconv.Atoi'));
  }
}
