import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags, parseGoDuration, type FlagSpec } from './pflag.js';

const specs: FlagSpec[] = [
  { name: 'all', short: 'a', type: 'bool' },
  { name: 'interactive', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'env', short: 'e', type: 'stringArray' },
  { name: 'last', short: 'n', type: 'int', defaultValue: -1 },
  { name: 'name', type: 'string' },
];

describe('pflag-compatible parsing', () => {
  it('accepts grouped shorthands, attached values and = forms', () => {
    const r = parseFlags(['-it', '-eA=1', '-e', 'B=2', '--name=x', '-n=3', 'img'], specs, { interspersed: true });
    expect(r.flags).toMatchObject({ interactive: true, tty: true, env: ['A=1', 'B=2'], name: 'x', last: 3 });
    expect(r.args).toEqual(['img']);
    expect([...r.changed].sort()).toEqual(['env', 'interactive', 'last', 'name', 'tty']);
  });

  it('stops at the first positional when not interspersed, so the command keeps its flags', () => {
    const r = parseFlags(['-i', 'busybox', 'ls', '-a'], specs, { interspersed: false });
    expect(r.flags.all).toBe(false);
    expect(r.args).toEqual(['busybox', 'ls', '-a']);
  });

  it('keeps interspersed flags when allowed and honours --', () => {
    const r = parseFlags(['x', '-a', '--', '-t'], specs, { interspersed: true });
    expect(r.flags.all).toBe(true);
    expect(r.args).toEqual(['x', '-t']);
  });

  it("reports unknown and incomplete flags with pflag's words", () => {
    expect(() => parseFlags(['--bogus'], specs, { interspersed: true })).toThrow(new FlagError('unknown flag: --bogus'));
    expect(() => parseFlags(['-x'], specs, { interspersed: true })).toThrow("unknown shorthand flag: 'x' in -x");
    expect(() => parseFlags(['-e'], specs, { interspersed: true })).toThrow("flag needs an argument: 'e' in -e");
    expect(() => parseFlags(['--name'], specs, { interspersed: true })).toThrow('flag needs an argument: --name');
    expect(() => parseFlags(['-n=x'], specs, { interspersed: true })).toThrow('invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax');
    expect(() => parseFlags(['--all=maybe'], specs, { interspersed: true })).toThrow('strconv.ParseBool: parsing "maybe": invalid syntax');
  });

  it('parses Go durations', () => {
    expect(parseGoDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseGoDuration('-5m')).toBe(-300_000);
    expect(() => parseGoDuration('10')).toThrow('time: missing unit in duration "10"');
    expect(() => parseGoDuration('abc')).toThrow('time: invalid duration "abc"');
  });
});
