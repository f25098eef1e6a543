import { describe, expect, it } from 'vitest';
import { getTimestamp, parseGoTime, parseTimestamp } from './event-time.js';

// 2026-11-28T12:00:00.5Z; getTimezoneOffset() is the host's, so local forms are checked against it.
const NOW = new Date('2026-11-28T12:00:00.500Z');
const localOffset = -NOW.getTimezoneOffset() * 60;

describe('getTimestamp (docker/cli conversion of --since/--until)', () => {
  it('turns a Go duration into whole seconds before now', () => {
    expect(getTimestamp('10m', NOW)).toBe(String(Math.floor(NOW.getTime() / 1000) - 600));
    expect(getTimestamp('1h30m', NOW)).toBe(String(Math.floor(NOW.getTime() / 1000) - 5400));
    expect(getTimestamp('-1m', NOW)).toBe(String(Math.floor(NOW.getTime() / 1000) + 60));
  });

  it('passes Unix timestamps through unchanged ("0" is one, not a duration)', () => {
    expect(getTimestamp('1795880211', NOW)).toBe('1795880211');
    expect(getTimestamp('1795880211.5', NOW)).toBe('1795880211.5');
    expect(getTimestamp('0', NOW)).toBe('0');
  });

  it('reads RFC 3339 with a zone, with and without fraction', () => {
    expect(getTimestamp('2026-11-28T13:16:56Z', NOW)).toBe('1795871816.000000000');
    expect(getTimestamp('2026-11-28T13:16:56.620578342Z', NOW)).toBe('1795871816.620578342');
    expect(getTimestamp('2026-11-28T14:16:56+01:00', NOW)).toBe('1795871816.000000000');
    expect(getTimestamp('2026-11-28T13:16Z', NOW)).toBe('1795871760.000000000');
    expect(getTimestamp('2026-11-28Z', NOW)).toBe('1795824000.000000000');
  });

  it('reads zoneless times in the local zone', () => {
    expect(getTimestamp('2026-11-28', NOW)).toBe(`${1795824000 - localOffset}.000000000`);
    expect(getTimestamp('2026-11-28T13', NOW)).toBe(`${1795870800 - localOffset}.000000000`);
    expect(getTimestamp('2026-11-28T13:16:56.25', NOW)).toBe(`${1795871816 - localOffset}.250000000`);
  });

  it('fails as docker does', () => {
    expect(() => getTimestamp('garbage', NOW)).toThrow('failed to parse value as time or duration: "garbage"');
    expect(() => getTimestamp('2026-13-01', NOW)).toThrow('parsing time "2026-13-01": month out of range');
    expect(() => getTimestamp('2026-02-30', NOW)).toThrow('parsing time "2026-02-30": day out of range');
    expect(() => getTimestamp('2026-1-01', NOW)).toThrow('parsing time "2026-1-01" as "2006-01-02": cannot parse "1-01" as "01"');
  });
});

describe('parseTimestamp (the daemon side)', () => {
  it('scales the fraction to nanoseconds and truncates a longer one', () => {
    expect(parseTimestamp('1795880211')).toBe(1795880211_000000000n);
    expect(parseTimestamp('1795880211.5')).toBe(1795880211_500000000n);
    expect(parseTimestamp('1795880211.000000001')).toBe(1795880211_000000001n);
    expect(parseTimestamp('1795880211.1234567899')).toBe(1795880211_123456789n);
  });

  it("rejects what Go's strconv rejects", () => {
    expect(() => parseTimestamp('abc')).toThrow('strconv.ParseInt: parsing "abc": invalid syntax');
    expect(() => parseTimestamp('1.x')).toThrow('strconv.ParseInt: parsing "x": invalid syntax');
  });
});

describe('parseGoTime', () => {
  it('takes a fraction after the seconds even when the layout has none, and reports extra text', () => {
    expect(parseGoTime('2006-01-02T15:04:05Z07:00', '2026-11-28T13:16:56.5Z', 0)).toEqual({ sec: 1795871816, nsec: 500000000 });
    expect(parseGoTime('2006-01-02', '2026-11-28x', 0)).toBe('parsing time "2026-11-28x": extra text: "x"');
    expect(parseGoTime('2006-01-02T15', '2026-11-28T25', 0)).toBe('parsing time "2026-11-28T25": hour out of range');
  });
});
