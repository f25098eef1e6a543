// Go text/tabwriter semantics with docker's settings (minwidth 10, tabwidth 1, padding 3, ' ').
import { describe, expect, it } from 'vitest';
import { TabWriter, tabwrite } from './tabwriter.js';

describe('tabwrite', () => {
  it('pads tab-terminated cells to max(width + 3, 10) and leaves the last cell alone', () => {
    expect(tabwrite('CONTAINER ID\tIMAGE\tNAMES\nabc\tbusybox:latest\tx\n')).toBe(
      'CONTAINER ID   IMAGE            NAMES\nabc            busybox:latest   x\n',
    );
    expect(tabwrite('PORTS\tNAMES\n')).toBe('PORTS     NAMES\n');
  });

  it('pads empty cells and trailing tab-terminated cells', () => {
    expect(tabwrite('a\t\tb\t\n')).toBe('a' + ' '.repeat(9) + ' '.repeat(10) + 'b' + ' '.repeat(9) + '\n');
  });

  it('aligns a column only over consecutive lines that have it', () => {
    const out = tabwrite('a\tb\tc\nlonger-cell\td\nx\n0123456789abc\ty\n');
    expect(out).toBe([
      'a             b         c',
      'longer-cell   d',
      'x',
      '0123456789abc   y',
      '',
    ].join('\n'));
  });

  it('aligns an inner column by its own block', () => {
    expect(tabwrite('a\tb\tc\nd\te\n')).toBe('a         b         c\nd         e\n');
    expect(tabwrite('a\tbbbbbbbbbbbbbb\tc\nd\te\tf\ng\th\n')).toBe(
      'a         bbbbbbbbbbbbbb   c\nd         e                f\ng         h\n',
    );
  });

  it('measures East Asian wide characters as two columns', () => {
    expect(tabwrite('日本語テキスト\tx\nab\ty\n')).toBe('日本語テキスト   x\nab               y\n');
  });

  it('keeps text without a final newline and supports several writes', () => {
    const w = new TabWriter();
    w.write('a\tb');
    w.write('\nccc\td');
    expect(w.flush()).toBe('a         b\nccc       d');
    expect(w.flush()).toBe('');
  });

  it('supports tab padding and right alignment', () => {
    expect(tabwrite('a\tb\n', { minwidth: 0, tabwidth: 8, padding: 1, padchar: '\t' })).toBe('a\tb\n');
    expect(tabwrite('a\tb\nccc\td\n', { minwidth: 0, tabwidth: 8, padding: 1, padchar: '.', alignRight: true })).toBe(
      '...ab\n.cccd\n',
    );
  });
});
