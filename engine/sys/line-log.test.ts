import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendLine, LineTail } from './line-log.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'skiff-linelog-')), 'sub', 'events.log');

describe('appendLine', () => {
  it('creates the directory and appends one line per call', () => {
    const path = fresh();
    appendLine(path, 'a', { maxBytes: 1000 });
    appendLine(path, 'b', { maxBytes: 1000 });
    expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
  });

  it('rotates past the limit, keeping one previous generation', () => {
    const path = fresh();
    for (let i = 0; i < 10; i++) appendLine(path, `line-${i}`, { maxBytes: 20 });
    expect(existsSync(`${path}.1`)).toBe(true);
    expect(existsSync(`${path}.rotating`)).toBe(false);
    const kept = (readFileSync(`${path}.1`, 'utf8') + (existsSync(path) ? readFileSync(path, 'utf8') : '')).split('\n').filter(Boolean);
    expect(kept.at(-1)).toBe('line-9');
    expect(kept.length).toBeLessThanOrEqual(6);
  });
});

describe('LineTail', () => {
  it('reads the kept generations in order, then only what is appended', () => {
    const path = fresh();
    for (let i = 0; i < 5; i++) appendLine(path, `old-${i}`, { maxBytes: 20 });
    const { tail, backlog } = LineTail.fromStart(path);
    expect(backlog.at(-1)).toBe('old-4');
    expect(backlog).toEqual([...backlog].sort());
    expect(tail.read()).toEqual([]);
    appendLine(path, 'new-0', { maxBytes: 1000 });
    expect(tail.read()).toEqual(['new-0']);
    tail.close();
  });

  it('follows the file across a rotation without losing or repeating lines', () => {
    const path = fresh();
    appendLine(path, 'first', { maxBytes: 30 });
    const tail = LineTail.fromEnd(path);
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      appendLine(path, `n-${i}`, { maxBytes: 30 });
      if (i % 5 === 0) seen.push(...tail.read());
    }
    seen.push(...tail.read());
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `n-${i}`));
    tail.close();
  });

  it('starts on a log that does not exist yet', () => {
    const path = fresh();
    const tail = LineTail.fromEnd(path);
    expect(tail.read()).toEqual([]);
    appendLine(path, 'x', { maxBytes: 100 });
    expect(tail.read()).toEqual(['x']);
    tail.close();
  });
});
