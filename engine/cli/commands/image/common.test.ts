import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../pflag.js';
import images from './images.js';
import prune from './prune.js';
import { filtersFrom } from './common.js';

const parse = (spec: typeof prune, argv: string[]) => parseFlags(argv, spec.flags, { interspersed: true });

describe('filterFlag', () => {
  // docker parity: recorded from docker CLI 28.2 (`docker image prune --filter bogus`, `docker images -f bogus`).
  it('names the flag as docker does: prune has no -f shorthand for it', () => {
    expect(() => parse(prune, ['--filter', 'bogus'])).toThrow('invalid argument "bogus" for "--filter" flag: bad format of filter (expected name=value)');
    expect(() => parse(images, ['-f', 'bogus'])).toThrow('invalid argument "bogus" for "-f, --filter" flag: bad format of filter (expected name=value)');
    expect(parse(prune, ['-f']).flags.force).toBe(true);
  });

  it('ignores an empty value, as docker/cli FilterOpt.Set', () => {
    const flags = parse(prune, ['--filter=', '--filter', 'until=1h']).flags;
    expect([...filtersFrom(flags.filter)]).toEqual([['until', ['1h']]]);
  });
});
