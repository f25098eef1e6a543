// Undo a layer's compression, decided by its magic number (media types lie): gzip in-process, zstd
// through the zstd program when it is installed, plain tars passed through.
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { EngineError } from '../errors.js';
import { pipeThrough } from '../sys/pipe.js';
import { sniffCompression } from './digest.js';

const ZSTD = ['/usr/bin/zstd', '/usr/local/bin/zstd'];

export async function* decompressLayer(src: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = src[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  // The magic may straddle chunks: gather at least 4 bytes before deciding.
  while (head.length < 4) {
    const r = await it.next();
    if (r.done) break;
    head = Buffer.concat([head, r.value]);
  }
  if (head.length === 0) return;
  async function* rest(): AsyncGenerator<Buffer> {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  const kind = sniffCompression(head);
  if (kind === 'none') { yield* rest(); return; }
  if (kind === 'zstd') {
    const zstd = ZSTD.find((p) => existsSync(p));
    if (!zstd) throw new EngineError('not-implemented', 'zstd-unsupported', 'zstd compressed layers need the zstd program, which is not installed');
    yield* pipeThrough(zstd, ['-dc', '-q'], rest());
    return;
  }
  const gunzip = createGunzip({ chunkSize: 1024 * 1024 });
  const feeding = pipeline(Readable.from(rest(), { objectMode: false, highWaterMark: 1 << 20 }), gunzip).catch((e: unknown) => { gunzip.destroy(e as Error); });
  for await (const c of gunzip) yield c as Buffer;
  await feeding;
}
