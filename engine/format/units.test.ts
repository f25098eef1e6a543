// go-units values from api-facts §5.3 and docker's observed output.
import { describe, expect, it } from 'vitest';
import { bytesSize, fromHumanSize, goTimeString, humanDuration, humanSize, humanSizeWithPrecision, ramInBytes, SizeError } from './units.js';

const S = 1000;
const H = 3600 * S;
const D = 24 * H;

describe('humanDuration', () => {
  it.each<[number, string]>([
    [-5 * S, 'Less than a second'],
    [999, 'Less than a second'],
    [1 * S, '1 second'],
    [59 * S, '59 seconds'],
    [60 * S, 'About a minute'],
    [119 * S, 'About a minute'],
    [120 * S, '2 minutes'],
    [59 * 60 * S, '59 minutes'],
    [3600 * S, 'About an hour'],
    [5399 * S, 'About an hour'],
    [5400 * S, '2 hours'],
    [47.4 * H, '47 hours'],
    [47.6 * H, '2 days'],
    [13.9 * D, '13 days'],
    [14 * D, '2 weeks'],
    [59 * D, '8 weeks'],
    [60 * D, '2 months'],
    [729 * D, '24 months'],
    [730 * D, '2 years'],
  ])('%d ms → %s', (ms, want) => expect(humanDuration(ms)).toBe(want));
});

describe('sizes', () => {
  it.each<[number, string, string]>([
    [0, '0B', '0B'],
    [11, '11B', '11B'],
    [999, '999B', '999B'],
    [1000, '1kB', '1kB'],
    [999999, '1e+03kB', '1000kB'], // Go %.3g quirk, visible in docker ps
    [300288, '300kB', '300.3kB'],
    [1982377, '1.98MB', '1.982MB'],
    [1984666, '1.98MB', '1.985MB'],
    [1234567890, '1.23GB', '1.235GB'],
    [1e27, '1e+03YB', '1000YB'],
  ])('%d', (n, p3, p4) => {
    expect(humanSizeWithPrecision(n, 3)).toBe(p3);
    expect(humanSize(n)).toBe(p4);
  });

  it('formats binary sizes', () => {
    expect(bytesSize(540672)).toBe('528KiB');
    expect(bytesSize(25275772928)).toBe('23.54GiB');
    expect(bytesSize(1023)).toBe('1023B');
    expect(bytesSize(1024)).toBe('1KiB');
  });
});

describe('size parsing', () => {
  it.each<[string, number, number]>([
    ['32', 32, 32],
    ['32b', 32, 32],
    ['32B', 32, 32],
    ['32k', 32 * 1024, 32000],
    ['32K', 32 * 1024, 32000],
    ['32kb', 32 * 1024, 32000],
    ['32Kib', 32 * 1024, 32000],
    ['32 MiB', 32 * 1024 ** 2, 32e6],
    ['1g', 1024 ** 3, 1e9],
    ['0.5k', 512, 500],
    ['1.5 GB', 1.5 * 1024 ** 3, 1.5e9],
    ['1p', 1024 ** 5, 1e15],
  ])('%s', (s, ram, human) => {
    expect(ramInBytes(s)).toBe(ram);
    expect(fromHumanSize(s)).toBe(human);
  });

  it.each<[string, string]>([
    ['abc', "invalid size: 'abc'"],
    ['', "invalid size: ''"],
    ['-1', "invalid size: '-1'"],
    ['10x', "invalid suffix: 'x'"],
    ['10KB ', 'strconv.ParseFloat: parsing "10KB": invalid syntax'], // the last space splits
    ['10kbb', "invalid suffix: 'kbb'"],
    ['10 kibb', "invalid suffix: 'kibb'"],
    ['10bb', "invalid suffix: 'bb'"],
    ['1.2.3k', 'strconv.ParseFloat: parsing "1.2.3": invalid syntax'],
    [' ', 'strconv.ParseFloat: parsing "": invalid syntax'],
  ])('%j fails', (s, msg) => {
    expect(() => ramInBytes(s)).toThrow(SizeError);
    expect(() => ramInBytes(s)).toThrow(msg);
  });
});

describe('goTimeString (time.Time.String)', () => {
  const t = Date.UTC(2026, 10, 28, 13, 10, 27);
  it.each<[number, string, string]>([
    [t, 'UTC', '2026-11-28 13:10:27 +0000 UTC'],
    [t, 'Etc/UTC', '2026-11-28 13:10:27 +0000 UTC'],
    [t + 123, 'UTC', '2026-11-28 13:10:27.123 +0000 UTC'],
    [t, 'Europe/Berlin', '2026-11-28 14:10:27 +0100 CET'],
    [Date.UTC(2026, 6, 1, 12), 'America/New_York', '2026-07-01 08:00:00 -0400 EDT'],
    [Date.UTC(2026, 6, 1, 12), 'Asia/Tokyo', '2026-07-01 21:00:00 +0900 JST'],
    [Date.UTC(2026, 6, 1, 12), 'Asia/Kathmandu', '2026-07-01 17:45:00 +0545 +0545'],
    [new Date('0001-01-01T00:00:00Z').getTime(), 'UTC', '0001-01-01 00:00:00 +0000 UTC'], // Go's zero time
  ])('%d in %s', (ms, tz, want) => expect(goTimeString(ms, tz)).toBe(want));

  it('adds nanoseconds when given', () => expect(goTimeString(t, 'UTC', 5000)).toBe('2026-11-28 13:10:27.000005 +0000 UTC'));
});
