// The small ports of Go library behaviour docker's messages depend on.
import { describe, expect, it } from 'vitest';
import { readCsvRecord } from './go-csv.js';
import { goIPString, isGoMAC } from '../../util/go-net.js';
import { goAtoi, parseGoInt, parseGoUint } from './go-strconv.js';
import { parseDurationNs } from './go-time.js';
import { fromHumanSize, ramInBytes } from '../../format/units.js';
import { formatPlatform, parsePlatform } from './platform.js';

describe('strconv', () => {
  it.each([
    ['42', 42], ['-7', -7], ['+7', 7], ['0x1F', 31], ['0o17', 15], ['017', 15], ['0b101', 5], ['1_000', 1000], ['0x_1f', 31],
  ])('ParseInt(%s, 0, 64) = %d', (raw, want) => expect(parseGoInt(raw)).toBe(want));

  it.each(['', 'x', '1_', '_1', '1__0', '08', '0x', '1.5', ' 1'])('ParseInt(%j) is invalid syntax', (raw) => {
    expect(() => parseGoInt(raw)).toThrow(`strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
  });

  it('reports range errors', () => {
    expect(() => parseGoInt('9223372036854775808')).toThrow('strconv.ParseInt: parsing "9223372036854775808": value out of range');
    expect(parseGoInt('-9223372036854775808')).toBe(-9223372036854775808);
    expect(() => parseGoUint('65536', 16)).toThrow('strconv.ParseUint: parsing "65536": value out of range');
    expect(() => parseGoUint('-1', 16)).toThrow('strconv.ParseUint: parsing "-1": invalid syntax');
  });

  it('rejects separators when the base is explicit', () => {
    expect(() => parseGoInt('1_0', 64, 10)).toThrow('invalid syntax');
    expect(() => goAtoi('x')).toThrow('strconv.Atoi: parsing "x": invalid syntax');
  });
});

// The flags use engine/format/units.ts; these pin the go-units behaviour they rely on.
describe('go-units (engine/format/units.ts)', () => {
  it.each([['512m', 536870912], ['1.5g', 1610612736], ['10 MB', 10485760], ['1KiB', 1024], ['7', 7], ['3b', 3], ['1_0m', 10485760], ['1e3k', 1024000]])(
    'RAMInBytes(%s) = %d', (raw, want) => expect(ramInBytes(raw)).toBe(want),
  );

  it('uses decimal multiples for FromHumanSize', () => expect(fromHumanSize('1.5k')).toBe(1500));

  it.each([
    ['xx', "invalid size: 'xx'"], ['-1', "invalid size: '-1'"], ['1q', "invalid suffix: 'q'"], ['1KIBB', "invalid suffix: 'KIBB'"],
    ['1kc', "invalid suffix: 'kc'"], ['0x10m', 'strconv.ParseFloat: parsing "0x10": invalid syntax'], ['inf', "invalid size: 'inf'"],
  ])('RAMInBytes(%s) fails: %s', (raw, msg) => expect(() => ramInBytes(raw)).toThrow(msg));
});

describe('encoding/csv first record', () => {
  it('splits and unquotes', () => {
    expect(readCsvRecord('type=bind,src=/a,"dst=/b,c","say ""hi"""')).toEqual(['type=bind', 'src=/a', 'dst=/b,c', 'say "hi"']);
    expect(readCsvRecord('a,,b,')).toEqual(['a', '', 'b', '']);
  });

  it('reports Go errors', () => {
    expect(() => readCsvRecord('')).toThrow('EOF');
    expect(() => readCsvRecord('type=bind,"src=/tmp')).toThrow('parse error on line 1, column 20: extraneous or missing " in quoted-field');
    expect(() => readCsvRecord('a="b"')).toThrow('parse error on line 1, column 3: bare " in non-quoted-field');
    expect(() => readCsvRecord('"a"b')).toThrow('parse error on line 1, column 3: extraneous or missing " in quoted-field');
  });
});

describe('time.ParseDuration', () => {
  it.each([['0', 0], ['1s', 1e9], ['1.5s', 1.5e9], ['1m30s', 90e9], ['1us', 1000], ['1µs', 1000], ['-2ms', -2e6], ['.5h', 1.8e12]])('%s = %d ns', (raw, ns) => {
    expect(parseDurationNs(raw)).toBe(ns);
  });

  it.each([
    ['x', 'time: invalid duration "x"'], ['', 'time: invalid duration ""'], ['5', 'time: missing unit in duration "5"'],
    ['5x', 'time: unknown unit "x" in duration "5x"'], ['1.5.5s', 'time: missing unit in duration "1.5.5s"'],
  ])('%j fails: %s', (raw, msg) => expect(() => parseDurationNs(raw)).toThrow(msg));
});

describe('net', () => {
  it.each([['1.2.3.4', '1.2.3.4'], ['::ffff:1.2.3.4', '1.2.3.4'], ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], ['::1.2.3.4', '::102:304'], ['x', undefined]])(
    'ParseIP(%s).String() = %s', (raw, want) => expect(goIPString(raw)).toBe(want),
  );

  it('parses MAC addresses like net.ParseMAC', () => {
    expect(['02:42:ac:11:00:02', '02-42-ac-11-00-02', '0242.ac11.0002', '00:00:00:00:fe:80:00:00'].every(isGoMAC)).toBe(true);
    expect(['bad', '02:42:ac:11:00', '02:42-ac:11:00:02', '0:42:ac:11:00:02'].some(isGoMAC)).toBe(false);
  });
});

describe('containerd platforms', () => {
  it.each([
    ['linux', 'linux/amd64'], ['Linux/AMD64', 'linux/amd64'], ['linux/x86_64', 'linux/amd64'], ['amd64', 'linux/amd64'],
    ['linux/aarch64', 'linux/arm64'], ['linux/arm64/v8', 'linux/arm64/v8'], ['linux/arm', 'linux/arm'], ['linux/arm/v7', 'linux/arm/v7'],
    ['macos', 'darwin/amd64'], ['windows/amd64', 'windows/amd64'],
  ])('%s → %s', (spec, want) => expect(formatPlatform(parsePlatform(spec, 'amd64'))).toBe(want));

  it.each([
    ['foo', '"foo": unknown operating system or architecture: invalid argument'],
    ['bad/x/y/z', '"bad/x/y/z": cannot parse platform specifier: invalid argument'],
    ['linux/*', '"linux/*": wildcards not yet supported: invalid argument'],
  ])('%s fails: %s', (spec, msg) => expect(() => parsePlatform(spec, 'amd64')).toThrow(msg));
});
