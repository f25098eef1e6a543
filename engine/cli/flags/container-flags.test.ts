import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags, type FlagSpec } from '../pflag.js';
import { CREATE_FLAGS, RUN_FLAGS } from './container-flags.js';
import { EXEC_FLAGS } from './exec-flags.js';
import { UPDATE_FLAGS } from './update-flags.js';
import { loadText } from './testdata/harness.js';

interface HelpEntry { label: string; usage: string }

/** The Options section of a recorded `docker X --help`: "-a, --attach list" → usage (wrapping undone). */
function helpEntries(text: string): HelpEntry[] {
  const lines = text.split('\n');
  const entries: HelpEntry[] = [];
  for (const line of lines.slice(lines.indexOf('Options:') + 1)) {
    const m = /^ {2}((?:-\S, |    )--\S+(?: \S+)?) {2,}(.*)$/.exec(line);
    if (m) entries.push({ label: m[1]!.trim(), usage: m[2]! });
    else if (line.trim() !== '' && entries.length > 0) entries[entries.length - 1]!.usage += ` ${line.trim()}`;
  }
  return entries.map((e) => ({ ...e, usage: squash(e.usage) }));
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const labelOf = (f: FlagSpec) => `${f.short ? `-${f.short}, ` : ''}--${f.name}${f.type === 'bool' ? '' : ` ${f.valueName}`}`;
const visible = (flags: FlagSpec[]) => flags.filter((f) => !f.hidden).map((f) => ({ label: labelOf(f), usage: squash(f.usage ?? '') }));

describe.each([
  ['run', RUN_FLAGS],
  ['create', CREATE_FLAGS],
  ['exec', EXEC_FLAGS],
  ['update', UPDATE_FLAGS],
] as const)('docker %s flags', (cmd, flags) => {
  it('match `docker --help` of docker 28.2: names, shorthands, value names, usage, order', () => {
    expect(visible(flags)).toEqual(helpEntries(loadText(`./${cmd}-help.txt`)));
  });

  it('have unique names and shorthands', () => {
    const names = flags.map((f) => f.name);
    const shorts = flags.flatMap((f) => (f.short ? [f.short] : []));
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(shorts).size).toBe(shorts.length);
  });
});

describe('hidden and aliased flags docker still accepts', () => {
  it.each(['--net=host', '--net-alias=a', '--dns-opt=x', '--annotation=a=b', '--cpu-count=1', '--cpu-percent=1', '--io-maxbandwidth=1m', '--io-maxiops=1', '--health-start-interval=1s'])('%s is not an unknown flag', (arg) => {
    expect(() => parseFlags([arg, 'busybox'], RUN_FLAGS, { interspersed: false })).not.toThrow();
  });

  it('keeps create free of run-only flags', () => {
    expect(() => parseFlags(['-d', 'busybox'], CREATE_FLAGS, { interspersed: false })).toThrow(new FlagError("unknown shorthand flag: 'd' in -d"));
    expect(() => parseFlags(['--sig-proxy=false', 'busybox'], CREATE_FLAGS, { interspersed: false })).toThrow(new FlagError('unknown flag: --sig-proxy'));
  });
});

describe('flag values', () => {
  const parse = (argv: string[]) => parseFlags([...argv, 'busybox'], RUN_FLAGS, { interspersed: false }).flags;

  it('uses docker defaults', () => {
    const f = parse([]);
    expect(f).toMatchObject({ restart: 'no', pull: 'missing', 'sig-proxy': true, 'memory-swappiness': -1, 'disable-content-trust': true });
  });

  it('parses numbers with base prefixes like pflag', () => {
    expect(parse(['-c', '0x10', '--oom-score-adj', '-5', '--blkio-weight', '1_0'])).toMatchObject({ 'cpu-shares': 16, 'oom-score-adj': -5, 'blkio-weight': 10 });
  });

  it('reports values with pflag wording', () => {
    expect(() => parse(['--blkio-weight', '70000'])).toThrow('invalid argument "70000" for "--blkio-weight" flag: strconv.ParseUint: parsing "70000": value out of range');
    expect(() => parse(['--health-interval', '5x'])).toThrow('invalid argument "5x" for "--health-interval" flag: time: unknown unit "x" in duration "5x"');
    expect(() => parse(['--health-timeout', '5'])).toThrow('invalid argument "5" for "--health-timeout" flag: time: missing unit in duration "5"');
  });
});
