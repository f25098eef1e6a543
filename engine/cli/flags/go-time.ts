// Go's time.ParseDuration in nanoseconds with its exact errors, for --health-* flags (the Engine API
// carries those durations in nanoseconds).

const UNITS: Record<string, bigint> = {
  ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};
const MAX = (1n << 63n) - 1n;

const quote = (s: string) => JSON.stringify(s);

// docker parity: Go time.ParseDuration ([-+]?([0-9]*(\.[0-9]*)?[a-z]+)+)
export function parseDurationNs(orig: string): number {
  const invalid = () => new Error(`time: invalid duration ${quote(orig)}`);
  let s = orig;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [whole, int = '', frac] = m;
    if (int === '' && (frac === undefined || frac === '')) throw invalid();
    s = s.slice(whole.length);
    const unitText = /^[^0-9.]*/.exec(s)![0];
    if (unitText === '') throw new Error(`time: missing unit in duration ${quote(orig)}`);
    s = s.slice(unitText.length);
    const unit = UNITS[unitText];
    if (unit === undefined) throw new Error(`time: unknown unit ${quote(unitText)} in duration ${quote(orig)}`);
    total += BigInt(int || '0') * unit + fractionOf(frac ?? '', unit);
    if (total > MAX + (neg ? 1n : 0n)) throw invalid();
  }
  return Number(neg ? -total : total);
}

// Go truncates the fractional part to the unit's resolution.
function fractionOf(frac: string, unit: bigint): bigint {
  if (frac === '') return 0n;
  return (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
}
