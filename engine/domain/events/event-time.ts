// --since/--until as Docker reads them: the client turns a Go duration or an RFC 3339-like time into
// "seconds.nanoseconds" (GetTimestamp) and the daemon parses that (ParseTimestamps).
// docker parity: moby api/types/time/timestamp.go
import { invalidArgument } from '../../errors.js';
import { parseGoDuration } from '../../util/go-duration.js';

const RFC3339_NANO_LOCAL = '2006-01-02T15:04:05.999999999';
const RFC3339_NANO = '2006-01-02T15:04:05.999999999Z07:00';

/** GetTimestamp: a duration before `now` (whole seconds), an RFC 3339-like time, or a Unix timestamp passed through. */
export function getTimestamp(value: string, now: Date): string {
  if (value !== '0') {
    try {
      return String(Math.floor((now.getTime() - parseGoDuration(value)) / 1000));
    } catch { /* not a duration */ }
  }
  // No zone in the text: the reference time's zone offset.
  const inLocation = !/[zZ+]/.test(value) && count(value, '-') !== 3;
  const parsed = parseGoTime(chooseLayout(value, inLocation), value, inLocation ? -now.getTimezoneOffset() * 60 : 0);
  if (typeof parsed === 'string') {
    if (value.includes('-')) throw invalidArgument('invalid-time', parsed);
    try {
      parseTimestamp(value);
    } catch {
      throw invalidArgument('invalid-time', `failed to parse value as time or duration: ${goQuote(value)}`);
    }
    return value;
  }
  return `${parsed.sec}.${String(parsed.nsec).padStart(9, '0')}`;
}

function chooseLayout(value: string, inLocation: boolean): string {
  if (value.includes('.')) return inLocation ? RFC3339_NANO_LOCAL : RFC3339_NANO;
  if (value.includes('T')) {
    // The colons of the time part; a numeric zone offset brings one more.
    let colons = count(value, ':');
    if (!inLocation && !/[zZ]/.test(value) && colons > 0) colons--;
    const time = colons === 0 ? '2006-01-02T15' : colons === 1 ? '2006-01-02T15:04' : '2006-01-02T15:04:05';
    return inLocation ? time : `${time}Z07:00`;
  }
  return inLocation ? '2006-01-02' : '2006-01-02Z07:00';
}

/** ParseTimestamps: "seconds[.fraction]" → nanoseconds since the epoch (a longer fraction is truncated). */
export function parseTimestamp(value: string): bigint {
  const dot = value.indexOf('.');
  const secText = dot < 0 ? value : value.slice(0, dot);
  const sec = parseInt64(secText);
  if (dot < 0) return sec * 1_000_000_000n;
  const frac = value.slice(dot + 1);
  const n = parseInt64(frac);
  const nsec = frac.length <= 9 ? n * 10n ** BigInt(9 - frac.length) : n / 10n ** BigInt(frac.length - 9);
  return sec * 1_000_000_000n + nsec;
}

// docker parity: Go's strconv.ParseInt(s, 10, 64) and its error texts
function parseInt64(s: string): bigint {
  if (!/^[+-]?\d+$/.test(s)) throw invalidArgument('invalid-time', `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) throw invalidArgument('invalid-time', `strconv.ParseInt: parsing ${goQuote(s)}: value out of range`);
  return n;
}

const count = (s: string, c: string) => s.split(c).length - 1;
const goQuote = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

// The layout elements GetTimestamp's layouts use, in Go's order of recognition.
const ELEMENTS = ['2006', '01', '02', '15', '04', '05', '.999999999', 'Z07:00'];

function splitLayout(layout: string): string[] {
  const out: string[] = [];
  let lit = '';
  for (let i = 0; i < layout.length;) {
    const el = ELEMENTS.find((e) => layout.startsWith(e, i));
    if (!el) { lit += layout[i]; i++; continue; }
    if (lit) out.push(lit);
    lit = '';
    out.push(el);
    i += el.length;
  }
  if (lit) out.push(lit);
  return out;
}

interface Fields { year: number; month: number; day: number; hour: number; min: number; sec: number; nsec: number; offset: number }

/**
 * Go's time.Parse for those layouts, with its error texts; `offset` (seconds east) applies when the
 * layout has no zone. Returns the error message on failure.
 */
export function parseGoTime(layout: string, value: string, offset: number): { sec: number; nsec: number } | string {
  const f: Fields = { year: 0, month: 1, day: 1, hour: 0, min: 0, sec: 0, nsec: 0, offset };
  const bad = (elem: string, rest: string) => `parsing time ${goQuote(value)} as ${goQuote(layout)}: cannot parse ${goQuote(rest)} as ${goQuote(elem)}`;
  const range = (what: string) => `parsing time ${goQuote(value)}: ${what} out of range`;
  let rest = value;
  for (const el of splitLayout(layout)) {
    if (!ELEMENTS.includes(el)) {
      if (!rest.startsWith(el)) return bad(el, rest);
      rest = rest.slice(el.length);
      continue;
    }
    const r = parseElement(el, rest, f);
    if (r === 'bad') return bad(el, rest);
    if (r.range) return range(r.range);
    rest = r.rest;
  }
  if (rest) return `parsing time ${goQuote(value)}: extra text: ${goQuote(rest)}`;
  if (f.day < 1 || f.day > daysIn(f.month, f.year)) return range('day');
  const d = new Date(0);
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour, f.min, f.sec, 0);
  return { sec: Math.floor(d.getTime() / 1000) - f.offset, nsec: f.nsec };
}

type ElementResult = 'bad' | { rest: string; range?: string };

function parseElement(el: string, s: string, f: Fields): ElementResult {
  const num = (fixed: boolean): [number, string] | undefined => {
    if (!/^\d/.test(s)) return undefined;
    if (!/^\d\d/.test(s)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
    return [Number(s.slice(0, 2)), s.slice(2)];
  };
  const field = (n: [number, string] | undefined, set: (v: number) => void, ok: (v: number) => boolean, name: string): ElementResult => {
    if (!n) return 'bad';
    set(n[0]);
    return ok(n[0]) ? { rest: n[1] } : { rest: n[1], range: name };
  };
  switch (el) {
    case '2006':
      if (!/^\d{4}/.test(s)) return 'bad';
      f.year = Number(s.slice(0, 4));
      return { rest: s.slice(4) };
    case '01': return field(num(true), (v) => { f.month = v; }, (v) => v >= 1 && v <= 12, 'month');
    case '02': return field(num(true), (v) => { f.day = v; }, () => true, 'day');
    case '15': return field(num(false), (v) => { f.hour = v; }, (v) => v < 24, 'hour');
    case '04': return field(num(true), (v) => { f.min = v; }, (v) => v < 60, 'minute');
    case '05': {
      const r = field(num(true), (v) => { f.sec = v; }, (v) => v < 60, 'second');
      // Go accepts a fraction after the seconds even when the layout has none.
      return r === 'bad' || r.range ? r : fraction(r.rest, f);
    }
    case '.999999999': return fraction(s, f);
    default: return zone(s, f);
  }
}

function fraction(s: string, f: Fields): ElementResult {
  const m = /^[.,](\d+)/.exec(s);
  if (!m) return { rest: s };
  f.nsec = Number(m[1]!.slice(0, 9).padEnd(9, '0'));
  return { rest: s.slice(m[0].length) };
}

function zone(s: string, f: Fields): ElementResult {
  if (s.startsWith('Z')) { f.offset = 0; return { rest: s.slice(1) }; }
  const m = /^([+-])(\d\d):(\d\d)/.exec(s);
  if (!m) return 'bad';
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 24) return { rest: s.slice(6), range: 'time zone offset hour' };
  if (minutes > 60) return { rest: s.slice(6), range: 'time zone offset minute' };
  f.offset = (m[1] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  return { rest: s.slice(6) };
}

function daysIn(month: number, year: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}
