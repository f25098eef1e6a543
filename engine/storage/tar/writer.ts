// A tar writer over an async generator: each entry is a header plus optional content (bytes or chunks
// whose total must equal header.size). PAX headers carry long names and xattrs.
import { Readable } from 'node:stream';
import { BLOCK, encodeHeader, encodePaxHeader, emptyHeader, padding, paxFor, type TarHeader } from './header.js';

export interface TarSource {
  header: TarHeader;
  content?: Buffer | AsyncIterable<Buffer> | (() => AsyncIterable<Buffer>);
}

async function* contentChunks(src: TarSource['content']): AsyncGenerator<Buffer> {
  if (src === undefined) return;
  if (Buffer.isBuffer(src)) { yield src; return; }
  const it = typeof src === 'function' ? src() : src;
  for await (const c of it) yield Buffer.from(c);
}

export async function* packEntries(entries: AsyncIterable<TarSource> | Iterable<TarSource>): AsyncGenerator<Buffer> {
  for await (const e of entries) {
    const pax = paxFor(e.header);
    if (pax) {
      yield encodePaxHeader(e.header.name, pax.length);
      yield pax;
      yield Buffer.alloc(padding(pax.length));
    }
    yield encodeHeader(e.header, pax !== undefined);
    let written = 0;
    for await (const c of contentChunks(e.content)) { written += c.length; yield c; }
    if (written !== (e.header.type === 'file' ? e.header.size : 0)) {
      throw new Error(`tar: ${e.header.name}: wrote ${written} bytes, header says ${e.header.size}`);
    }
    yield Buffer.alloc(padding(written));
  }
  yield Buffer.alloc(BLOCK * 2);
}

/** A Readable tar stream of the entries. */
export const packTar = (entries: AsyncIterable<TarSource> | Iterable<TarSource>) => Readable.from(packEntries(entries), { objectMode: false });

/** Helper for building small in-memory tars (tests, archives). */
export async function tarBuffer(entries: Iterable<TarSource> | AsyncIterable<TarSource>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of packEntries(entries)) parts.push(c);
  return Buffer.concat(parts);
}

export function fileEntry(name: string, data: Buffer | string, over: Partial<TarHeader> = {}): TarSource {
  const content = Buffer.from(data);
  return { header: { ...emptyHeader(name, 'file'), size: content.length, ...over }, content };
}

export function headerEntry(name: string, type: TarHeader['type'], over: Partial<TarHeader> = {}): TarSource {
  return { header: { ...emptyHeader(name, type), ...over } };
}
