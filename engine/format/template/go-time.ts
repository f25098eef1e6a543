// Go's time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST", in a given IANA zone.
// The zone abbreviation comes from Intl (no tzdata reads here); zones Intl only names as "GMT+9"
// get Go's numeric form ("+09"), as tzdata does for zones without a letter abbreviation.

const formatters = new Map<string, Intl.DateTimeFormat>();
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/Universal', 'Etc/Zulu', 'Universal', 'Zulu', 'Etc/GMT', 'GMT']);
const ABBREV_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NZ', 'en-ZA', 'ja-JP'];

/** The process's zone, as Go's time.Local resolves it (TZ, else /etc/localtime, via Intl). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function wallClock(ms: number, timeZone: string): number[] {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  return [year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)];
}

/** Offset east of UTC in minutes at instant `ms` in `timeZone`. */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const [y, mo, d, h, mi, s] = wallClock(ms, timeZone) as [number, number, number, number, number, number];
  const wall = new Date(0);
  wall.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which maps years 0-99 to 1900+
  wall.setUTCHours(h, mi, s, 0);
  return Math.round((wall.getTime() - Math.floor(ms / 1000) * 1000) / 60000);
}

function numericZone(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  return sign + hh + (a % 60 ? String(a % 60).padStart(2, '0') : '');
}

/** The zone abbreviation Go would print (UTC, CET, EST, JST…, else "+03"-style). */
export function zoneAbbreviation(ms: number, timeZone: string, offset: number): string {
  if (UTC_NAMES.has(timeZone) && offset === 0) return 'UTC';
  for (const locale of ABBREV_LOCALES) {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
      .formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (/^[A-Z]{2,5}$/.test(name) && (name !== 'GMT' || offset === 0)) return name;
  }
  return numericZone(offset);
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * time.Time.String() of an instant (a Date, or milliseconds since the epoch) in `timeZone`
 * (an IANA name; default: the process's zone). `nanos` adds sub-millisecond precision.
 */
export function goTimeString(t: Date | number, timeZone = localTimeZone(), nanos?: number): string {
  const ms = typeof t === 'number' ? t : t.getTime();
  const [y, mo, d, h, mi, s] = wallClock(ms, timeZone) as [number, number, number, number, number, number];
  const offset = zoneOffsetMinutes(ms, timeZone);
  const ns = nanos ?? (((ms % 1000) + 1000) % 1000) * 1e6;
  const frac = ns ? '.' + String(ns).padStart(9, '0').replace(/0+$/, '') : '';
  const off = (offset < 0 ? '-' : '+') + two(Math.floor(Math.abs(offset) / 60)) + two(Math.abs(offset) % 60);
  const year = y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0');
  return `${year}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)}:${two(s)}${frac} ${off} ${zoneAbbreviation(ms, timeZone, offset)}`;
}
