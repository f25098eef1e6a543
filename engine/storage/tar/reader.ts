// A pull-based tar reader: `for await (const e of readTar(stream))` yields each entry with a body the
// caller may read or ignore (the rest is skipped). PAX and GNU long names are applied to the header.
import { applyPax, BLOCK, checksumOk, decodeHeader, decodePax, isZeroBlock, padding, type TarHeader } from './header.js';

export interface TarEntry {
  header: TarHeader;
  /** The entry's content in chunks; read at most once, before the next entry. */
  body(): AsyncGenerator<Buffer>;
  /** The whole content in memory (manifests, configs). */
  bytes(): Promise<Buffer>;
}

export class TarFormatError extends Error {}

/** Reads exact byte counts from an async chunk source. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private readonly it: AsyncIterator<Buffer | string>;
  private done = false;

  constructor(src: AsyncIterable<Buffer | string>) { this.it = src[Symbol.asyncIterator](); }

  private async fill(n: number): Promise<void> {
    while (this.buf.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else {
        // Buffer.from(buffer) would copy every chunk of a layer; only strings need converting.
        const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
        this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      }
    }
  }

  /** Exactly n bytes, or fewer at end of input. */
  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(out.length);
    return out;
  }

  /** Up to n bytes as they arrive (for streaming bodies). */
  async readSome(n: number): Promise<Buffer> {
    if (this.buf.length === 0) await this.fill(1);
    const out = this.buf.subarray(0, Math.min(n, this.buf.length));
    this.buf = this.buf.subarray(out.length);
    return out;
  }

  async drain(): Promise<void> {
    while (!this.done) { const r = await this.it.next(); if (r.done) this.done = true; }
  }
}

async function readExact(r: ByteReader, n: number): Promise<Buffer> {
  const b = await r.read(n);
  if (b.length !== n) throw new TarFormatError('unexpected EOF');
  return b;
}

export async function* readTar(src: AsyncIterable<Buffer | string>): AsyncGenerator<TarEntry> {
  const r = new ByteReader(src);
  let pax = new Map<string, Buffer>();
  let globalPax = new Map<string, Buffer>();
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const block = await r.read(BLOCK);
    if (block.length === 0) return; // tolerate a missing end-of-archive marker
    if (block.length < BLOCK) throw new TarFormatError('unexpected EOF');
    if (isZeroBlock(block)) { await r.drain(); return; }
    if (!checksumOk(block)) throw new TarFormatError('archive/tar: invalid tar header');
    const h = decodeHeader(block);
    const pad = padding(h.size);
    if (h.type === 'pax' || h.type === 'pax-global' || h.type === 'gnu-longname' || h.type === 'gnu-longlink') {
      const data = await readExact(r, h.size);
      await readExact(r, pad);
      if (h.type === 'pax') pax = new Map([...pax, ...decodePax(data)]);
      else if (h.type === 'pax-global') globalPax = new Map([...globalPax, ...decodePax(data)]);
      else if (h.type === 'gnu-longname') longName = data.toString('utf8').replace(/\0+$/, '');
      else longLink = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (longName !== undefined) h.name = longName;
    if (longLink !== undefined) h.linkname = longLink;
    applyPax(h, new Map([...globalPax, ...pax]));
    [pax, longName, longLink] = [new Map(), undefined, undefined];
    // Only regular files carry content (hard links and devices may claim a size; it is not data).
    const dataSize = h.type === 'file' || h.type === 'other' ? h.size : 0;
    let remaining = dataSize;
    async function* body(): AsyncGenerator<Buffer> {
      while (remaining > 0) {
        const chunk = await r.readSome(Math.min(remaining, 1 << 20));
        if (chunk.length === 0) throw new TarFormatError('unexpected EOF');
        remaining -= chunk.length;
        yield chunk;
      }
    }
    const bytes = async () => {
      const parts: Buffer[] = [];
      for await (const c of body()) parts.push(Buffer.from(c));
      return Buffer.concat(parts);
    };
    yield { header: h, body, bytes };
    while (remaining > 0) remaining -= (await readExact(r, Math.min(remaining, 1 << 20))).length;
    await readExact(r, dataSize > 0 ? padding(dataSize) : 0);
  }
}
