import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLogLine, readLog } from './log-reader.js';

const collect = async (it: AsyncIterable<{ stream: string; line: Buffer }>) => {
  const out: string[] = [];
  for await (const e of it) out.push(`${e.stream}:${e.line.toString()}`);
  return out;
};

describe('k8s-file log reader', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'skiff-log-')), 'ctr.log');
  writeFileSync(file, [
    '2026-11-28T13:09:35.000000001+00:00 stdout P par',
    '2026-11-28T13:09:35.000000002+00:00 stderr F err1',
    '2026-11-28T13:09:35.000000003+00:00 stdout F tial',
    '2026-11-28T13:09:36.000000000+00:00 stdout F last',
    'garbage',
  ].join('\n') + '\n');

  it('parses one record', () => {
    expect(parseLogLine('2026-11-28T13:09:35.639123321+00:00 stdout F hello world')).toEqual({
      time: '2026-11-28T13:09:35.639123321+00:00', stream: 'stdout', partial: false, content: 'hello world' });
  });

  it('joins partial records per stream and keeps streams apart', async () => {
    expect(await collect(readLog(file))).toEqual(['stderr:err1\n', 'stdout:partial\n', 'stdout:last\n']);
  });

  it('applies tail and since', async () => {
    expect(await collect(readLog(file, { tail: 1 }))).toEqual(['stdout:last\n']);
    expect(await collect(readLog(file, { since: Date.parse('2026-11-28T13:09:35.500Z') }))).toEqual(['stdout:last\n']);
  });

  it('prints a last line that never got its newline as it is', async () => {
    const f = join(mkdtempSync(join(tmpdir(), 'skiff-log-')), 'ctr.log');
    writeFileSync(f, '2026-11-28T13:09:35.000000001+00:00 stdout F first\n2026-11-28T13:09:35.000000002+00:00 stdout P no newline\n');
    expect(await collect(readLog(f))).toEqual(['stdout:first\n', 'stdout:no newline']);
    expect(await collect(readLog(f, { follow: true, isDone: () => true }))).toEqual(['stdout:first\n', 'stdout:no newline']);
  });
});
