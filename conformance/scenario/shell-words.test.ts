import { describe, expect, it } from 'vitest';
import { quoteShell, splitShellWords } from './shell-words.js';

describe('splitShellWords', () => {
  it('splits plain words and keeps quoted text whole', () => {
    expect(splitShellWords(`ps -a --format "{{.Names}} {{.Status}}"`)).toEqual(['ps', '-a', '--format', '{{.Names}} {{.Status}}']);
    expect(splitShellWords(`run x sh -c 'echo "a b"; exit 3'`)).toEqual(['run', 'x', 'sh', '-c', 'echo "a b"; exit 3']);
  });
  it('keeps empty quoted words and escapes', () => {
    expect(splitShellWords(`a "" b\\ c`)).toEqual(['a', '', 'b c']);
  });
  it('rejects an unterminated quote', () => {
    expect(() => splitShellWords(`a "b`)).toThrow(/unterminated/);
  });
  it('quotes round-trip', () => {
    const argv = ['run', '--name', 'x y', "it's", '{{.ID}}'];
    expect(splitShellWords(quoteShell(argv))).toEqual(argv);
  });
});
