import { describe, expect, it } from 'vitest';
import { untilMs } from './prune.js';

describe('container prune until filter', () => {
  const now = Date.UTC(2026, 0, 2, 12, 0, 0, 500);
  it('takes durations, timestamps and dates', () => {
    expect(untilMs(['1h'], now)).toBe(Date.UTC(2026, 0, 2, 11, 0, 0));
    expect(untilMs(['1h30m'], now)).toBe(Date.UTC(2026, 0, 2, 10, 30, 0));
    expect(untilMs(['1700000000'], now)).toBe(1_700_000_000_000);
    expect(untilMs(['2026-01-01T00:00:00Z'], now)).toBe(Date.UTC(2026, 0, 1));
    expect(untilMs(undefined, now)).toBeUndefined();
  });
  it('refuses bad values with moby texts', () => {
    expect(() => untilMs(['xyz'], now)).toThrow('failed to parse value as time or duration: "xyz"');
    expect(() => untilMs(['1h', '2h'], now)).toThrow('more than one until filter specified');
  });
});
