import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decompressLayer } from './decompress.js';

async function collect(src: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of src) parts.push(c);
  return Buffer.concat(parts);
}

async function* chunks(b: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

const data = Buffer.from('a layer tar, more or less '.repeat(5000));

describe('decompressLayer', () => {
  it('sniffs gzip by its magic even when it straddles chunks, and passes plain tars through', async () => {
    expect(await collect(decompressLayer(chunks(gzipSync(data), 1)))).toEqual(data);
    expect(await collect(decompressLayer(chunks(data, 3)))).toEqual(data);
    expect(await collect(decompressLayer(chunks(Buffer.alloc(0), 1)))).toEqual(Buffer.alloc(0));
  });

  it('fails on a corrupt gzip stream', async () => {
    const gz = gzipSync(data);
    gz[gz.length - 6]! ^= 0xff;
    await expect(collect(decompressLayer(chunks(gz, 1000)))).rejects.toThrow();
  });

  it.skipIf(!existsSync('/usr/bin/zstd'))('undoes zstd through the zstd program', async () => {
    const z = execFileSync('/usr/bin/zstd', ['-c', '-q'], { input: data });
    expect(await collect(decompressLayer(chunks(z, 4096)))).toEqual(data);
  });
});
