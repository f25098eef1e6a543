import { describe, expect, it } from 'vitest';
import { demux, looksFramed } from './stdcopy.js';

const frame = (stream: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('demux', () => {
  it('splits stdout and stderr frames in order', () => {
    const buf = Buffer.concat([frame(1, 'out1\n'), frame(2, 'err\n'), frame(1, 'out2\n')]);
    expect(looksFramed(buf)).toBe(true);
    expect(demux(buf)).toEqual({ stdout: 'out1\nout2\n', stderr: 'err\n', framed: true });
  });
  it('keeps a truncated trailing frame and unframed text as stdout', () => {
    expect(demux(Buffer.from('hello world\n'))).toEqual({ stdout: 'hello world\n', stderr: '', framed: false });
    const cut = frame(1, 'abcdef').subarray(0, 11);
    expect(demux(cut).stdout).toBe('abc');
  });
  it('does not mistake text for frames', () => {
    expect(looksFramed(Buffer.from('{"message":"x"}'))).toBe(false);
  });
});
