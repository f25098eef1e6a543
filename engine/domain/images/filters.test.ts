import { describe, expect, it } from 'vitest';
import { matchLabels, parseFilterFlags, pathMatch, validateFilters } from './filters.js';

describe('image filters', () => {
  it('parses name=value flags', () => {
    expect([...parseFilterFlags(['dangling=true', 'label=a=b', 'label=c'])]).toEqual([['dangling', ['true']], ['label', ['a=b', 'c']]]);
    expect(() => parseFilterFlags(['bogus'])).toThrow('bad format of filter (expected name=value)');
  });

  it('validates keys with Docker\'s message', () => {
    expect(() => validateFilters(new Map([['bogus', ['1']]]), ['dangling'])).toThrow("Invalid filter 'bogus'");
  });

  it.each([
    ['busybox', 'busybox', true], ['busy*', 'busybox:latest', true], ['*', 'a/b', false], ['*/*', 'a/b', true],
    ['b?sybox', 'busybox', true], ['[a-c]usybox', 'busybox', true], ['[^b]usybox', 'busybox', false], ['a\\*', 'a*', true],
  ])('path.Match(%s, %s) = %s', (p, n, want) => expect(pathMatch(p, n)).toBe(want));

  it('reports bad patterns', () => expect(() => pathMatch('[', 'x')).toThrow('syntax error in pattern'));

  it('matches labels by key or key=value', () => {
    expect(matchLabels(['a'], { a: '1' })).toBe(true);
    expect(matchLabels(['a=1'], { a: '1' })).toBe(true);
    expect(matchLabels(['a=2'], { a: '1' })).toBe(false);
    expect(matchLabels(['a'], null)).toBe(false);
  });
});
