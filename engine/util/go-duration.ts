// Go's time.ParseDuration, shared by flag parsing and the --since/--until forms of logs and events.

/** Go's time.ParseDuration, in milliseconds. */
export function parseGoDuration(raw: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (raw === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let body = raw;
  let sign = 1;
  if (body.startsWith('-') || body.startsWith('+')) { sign = body.startsWith('-') ? -1 : 1; body = body.slice(1); }
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while ((m = re.exec(body)) !== null) { total += Number(m[1]) * units[m[2]!]!; pos = re.lastIndex; }
  if (body === '' || pos !== body.length) {
    if (/^[\d.]+$/.test(body)) throw new Error(`time: missing unit in duration "${raw}"`);
    throw new Error(`time: invalid duration "${raw}"`);
  }
  return sign * total;
}
