// Docker prints times as RFC 3339 with nanoseconds; JS clocks have milliseconds, so the extra digits
// come from the monotonic clock to keep successive timestamps ordered and distinct.
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export function rfc3339Nano(d: Date = new Date()): string {
  const extra = String(process.hrtime.bigint() % 1_000_000n).padStart(6, '0');
  return d.toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}${extra}Z`);
}

export const parseTime = (t: string): number => (t && t !== ZERO_TIME ? Date.parse(t) : 0);
