import { describe, expect, it } from 'vitest';
import { ellipsis, runeWidth, stringWidth } from './width.js';

describe('stringWidth', () => {
  it.each<[string, number]>([
    ['abc', 3],
    ['日本語', 6],
    ['ｆｕｌｌ', 8],
    ['e\u0301', 1],
    ['\u200b', 0],
    ['한국어', 6],
    ['😀', 2],
    ['👨‍👩‍👧', 2], // one grapheme cluster
    ['…', 1],
    ['', 0],
  ])('%s', (s, w) => expect(stringWidth(s)).toBe(w));

  it('gives control characters no width', () => expect(runeWidth('\x1b')).toBe(0));
});

describe('ellipsis (docker formatter.Ellipsis)', () => {
  it.each<[string, number, string]>([
    ["sh -c 'trap \"exit 0\" TERM; sleep 1000'", 20, "sh -c 'trap \"exit 0…"],
    ['true', 20, 'true'],
    ['abcdef', 1, 'a'],
    ['abcdef', 0, ''],
    ['日本語テキストです', 10, '日本語テ…'],
    ['日本語', 6, '日本語'],
    ['áé', 2, 'áé'],
  ])('%s / %d', (s, n, want) => expect(ellipsis(s, n)).toBe(want));
});
