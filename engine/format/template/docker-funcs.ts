// The functions docker/cli adds to every template (cli@28.2 templates/templates.go), and the
// header variants used to render a table's title row.
import type { FuncMap, GoFunc } from './funcs.js';
import { marshalJSON } from './json.js';

function mapRunes(s: string, f: (ch: string) => string): string {
  let out = '';
  for (const ch of s) {
    const m = f(ch);
    out += [...m].length === 1 ? m : ch; // Go maps rune by rune: no 'ß' → 'SS'
  }
  return out;
}

export const goUpper = (s: string) => mapRunes(s, (c) => c.toUpperCase());
export const goLower = (s: string) => mapRunes(s, (c) => c.toLowerCase());

// strings.Title's word boundaries: ASCII non-alphanumerics (except '_') and Unicode spaces.
function isSeparator(ch: string): boolean {
  if (ch.codePointAt(0)! <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

/** strings.Title: upper-cases the first letter of each word. */
export function goTitle(s: string): string {
  let prev = ' ';
  return mapRunes(s, (ch) => {
    const out = isSeparator(prev) ? ch.toUpperCase() : ch;
    prev = ch;
    return out;
  });
}

/** strings.Split: an empty separator splits into characters. */
export function goSplit(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

function repeatSpaces(n: number): string {
  if (n < 0) throw new Error('strings: negative Repeat count');
  return ' '.repeat(n);
}

/** docker's pad: spaces around a non-empty string. */
export function pad(s: string, prefix: number, suffix: number): string {
  return s === '' ? s : repeatSpaces(prefix) + s + repeatSpaces(suffix);
}

/** docker's truncate: the first n bytes when the string is at least n bytes long. */
export function truncate(s: string, n: number): string {
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length < n) return s;
  if (n < 0) throw new Error(`runtime error: slice bounds out of range [:${n}]`);
  return bytes.subarray(0, n).toString('utf8');
}

const f = (params: GoFunc['params'], fn: GoFunc['fn']): GoFunc => ({ params, fn });
const same = (v: string) => v;

export const DOCKER_FUNCS: FuncMap = {
  json: f(['any'], (v: unknown) => marshalJSON(v)),
  split: f(['string', 'string'], goSplit),
  join: f(['strings', 'string'], (list: string[], sep: string) => list.join(sep)),
  title: f(['string'], goTitle),
  lower: f(['string'], goLower),
  upper: f(['string'], goUpper),
  pad: f(['string', 'int', 'int'], pad),
  truncate: f(['string', 'int'], truncate),
};

/** Header mode: the column title passes through unchanged; `pad` is kept to preserve alignment. */
export const DOCKER_HEADER_FUNCS: FuncMap = {
  json: f(['string'], same),
  split: f(['string', 'string'], same),
  join: f(['string', 'string'], same),
  title: f(['string'], same),
  lower: f(['string'], same),
  upper: f(['string'], same),
  truncate: f(['string', 'int'], same),
};
