import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeHeader, emptyHeader } from './header.js';
import { readTar, TarFormatError } from './reader.js';
import { fileEntry, headerEntry, tarBuffer } from './writer.js';

async function entries(buf: Buffer) {
  const out: Array<{ name: string; type: string; linkname: string; data: string; xattrs: Record<string, string>; uid: number; mode: number }> = [];
  for await (const e of readTar(Readable.from([buf]))) {
    out.push({ name: e.header.name, type: e.header.type, linkname: e.header.linkname, data: (await e.bytes()).toString(), xattrs: Object.fromEntries([...e.header.xattrs].map(([k, v]) => [k, v.toString('hex')])), uid: e.header.uid, mode: e.header.mode });
  }
  return out;
}

describe('tar reader and writer', () => {
  it('round-trips long names, long link targets, big ids and binary xattrs', async () => {
    const long = `d/${'x'.repeat(150)}/${'y'.repeat(120)}`;
    const buf = await tarBuffer([
      headerEntry('d/', 'dir'),
      fileEntry(long, 'L', { uid: 3_000_000, mode: 0o4755 }),
      headerEntry('d/l', 'symlink', { linkname: `/${'z'.repeat(200)}` }),
      fileEntry('d/cap', 'c', { xattrs: new Map([['security.capability', Buffer.from([1, 0, 0xff, 0x80])]]) }),
      headerEntry('d/h', 'link', { linkname: 'd/cap' }),
    ]);
    const got = await entries(buf);
    expect(got.map((e) => [e.name, e.type])).toEqual([['d/', 'dir'], [long, 'file'], ['d/l', 'symlink'], ['d/cap', 'file'], ['d/h', 'link']]);
    expect(got[1]).toMatchObject({ data: 'L', uid: 3_000_000, mode: 0o4755 });
    expect(got[2]!.linkname).toHaveLength(201);
    expect(got[3]!.xattrs).toEqual({ 'security.capability': '0100ff80' });
  });

  it('is readable by GNU tar and reads GNU tar output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-tar-'));
    try {
      const name = `${'a'.repeat(120)}/${'b'.repeat(120)}`;
      writeFileSync(join(dir, 'mine.tar'), await tarBuffer([fileEntry(name, 'hello')]));
      expect(execFileSync('tar', ['-tf', join(dir, 'mine.tar')], { encoding: 'utf8' }).trim()).toBe(name);
      for (const format of ['gnu', 'posix', 'ustar']) {
        execFileSync('tar', [`--format=${format}`, '-C', dir, '-cf', join(dir, `${format}.tar`), 'mine.tar']);
        const got = await entries(execFileSync('cat', [join(dir, `${format}.tar`)]));
        expect(got[0]!.name).toBe('mine.tar');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects garbage and truncated archives', async () => {
    await expect(entries(Buffer.from('garbage\n'))).rejects.toThrow(TarFormatError);
    const bad = encodeHeader({ ...emptyHeader('x', 'file'), size: 10 });
    await expect(entries(bad)).rejects.toThrow('unexpected EOF');
    bad[0] = 0x41;
    await expect(entries(Buffer.concat([bad, Buffer.alloc(1024)]))).rejects.toThrow('invalid tar header');
  });

  it('skips unread bodies', async () => {
    const buf = await tarBuffer([fileEntry('a', 'x'.repeat(1000)), fileEntry('b', 'y')]);
    const names: string[] = [];
    for await (const e of readTar(Readable.from([buf]))) names.push(e.header.name);
    expect(names).toEqual(['a', 'b']);
  });

  // docker parity: `docker cp CTR:/x -` recorded from Docker 20.10 (testdata/docker-cp-x.tar): type bits
  // in the mode, Go's ustar prefix split, PAX for non-ASCII and long names with zeroed x headers.
  it('writes the bytes docker cp writes', async () => {
    const [f98, d60] = ['f'.repeat(98), 'd'.repeat(60)];
    const at = { mtime: 1_700_000_000, uname: 'root', gname: 'root' };
    const dir = (name: string) => headerEntry(name, 'dir', at);
    const buf = await tarBuffer([
      dir('x/'), dir('x/a/'), dir('x/a/b/'), fileEntry(`x/a/b/${f98}`, '', { ...at, mode: 0o4755 }),
      fileEntry('x/caf\u00e9', 'hi\n', at), dir(`x/${d60}/`), dir(`x/${d60}/${d60}/`), dir(`x/${d60}/${d60}/${d60}/`),
      fileEntry(`x/${d60}/${d60}/${d60}/${f98}`, '', at), headerEntry('x/fifo', 'fifo', at),
      headerEntry('x/hard', 'link', { ...at, mode: 0o4755, linkname: `x/a/b/${f98}` }),
      headerEntry('x/longlink', 'symlink', { ...at, mode: 0o777, linkname: 't'.repeat(120) }),
      fileEntry(`x/${'n'.repeat(120)}`, '', at),
    ]);
    expect(buf.equals(readFileSync(new URL('./testdata/docker-cp-x.tar', import.meta.url)))).toBe(true);
  });

  it('leaves the type bits out of hand-made markers (whiteouts)', async () => {
    const buf = await tarBuffer([fileEntry('.wh.x', '', { mode: 0o600, bareMode: true }), fileEntry('y', '', { mode: 0o600 })]);
    expect([buf.subarray(100, 108).toString(), buf.subarray(612, 620).toString()]).toEqual(['0000600\0', '0100600\0']);
    expect((await entries(buf)).map((e) => e.mode)).toEqual([0o600, 0o600]);
  });
});
