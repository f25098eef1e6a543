// Tar headers (ustar + GNU + PAX) decoded and encoded binary-safe: PAX values stay bytes because
// SCHILY.xattr values such as security.capability are binary (tar-stream decodes them as UTF-8).
import { posix } from 'node:path';

export type TarType = 'file' | 'link' | 'symlink' | 'char' | 'block' | 'dir' | 'fifo' | 'pax' | 'pax-global' | 'gnu-longname' | 'gnu-longlink' | 'other';

export interface TarHeader {
  name: string;
  type: TarType;
  /** Permission and special bits (07777). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Seconds since the epoch (fractional when PAX says so). */
  mtime: number;
  linkname: string;
  uname: string;
  gname: string;
  devmajor: number;
  devminor: number;
  /** Extended attributes from PAX SCHILY.xattr.<name>. */
  xattrs: Map<string, Buffer>;
  /** Write the mode without the file-type bits (moby builds whiteout and opaque markers by hand). */
  bareMode?: boolean;
}

export const BLOCK = 512;

const TYPES: Record<string, TarType> = {
  '0': 'file', '\0': 'file', '7': 'file', '1': 'link', '2': 'symlink', '3': 'char', '4': 'block', '5': 'dir', '6': 'fifo',
  x: 'pax', g: 'pax-global', L: 'gnu-longname', K: 'gnu-longlink',
};
const FLAGS: Partial<Record<TarType, string>> = { file: '0', link: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6', pax: 'x' };

const cstring = (b: Buffer) => {
  const nul = b.indexOf(0);
  return (nul === -1 ? b : b.subarray(0, nul)).toString('utf8');
};

/** Octal ASCII, or GNU base-256 when the high bit of the first byte is set. */
function parseNumeric(b: Buffer): number {
  if (b[0]! & 0x80) {
    let n = b[0]! & 0x7f;
    for (let i = 1; i < b.length; i++) n = n * 256 + b[i]!;
    return n;
  }
  const s = cstring(b).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

export function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return parseNumeric(block.subarray(148, 156)) === sum;
}

export const isZeroBlock = (b: Buffer) => b.every((x) => x === 0);

/** Decode one 512-byte header block (without PAX/GNU overrides applied). */
export function decodeHeader(block: Buffer): TarHeader {
  const magic = block.subarray(257, 263).toString('latin1');
  let name = cstring(block.subarray(0, 100));
  if (magic === 'ustar\0') {
    const prefix = cstring(block.subarray(345, 500));
    if (prefix) name = `${prefix}/${name}`;
  }
  const flag = String.fromCharCode(block[156]!);
  return {
    name,
    type: TYPES[flag] ?? 'other',
    mode: parseNumeric(block.subarray(100, 108)) & 0o7777,
    uid: parseNumeric(block.subarray(108, 116)),
    gid: parseNumeric(block.subarray(116, 124)),
    size: parseNumeric(block.subarray(124, 136)),
    mtime: parseNumeric(block.subarray(136, 148)),
    linkname: cstring(block.subarray(157, 257)),
    uname: cstring(block.subarray(265, 297)),
    gname: cstring(block.subarray(297, 329)),
    devmajor: parseNumeric(block.subarray(329, 337)),
    devminor: parseNumeric(block.subarray(337, 345)),
    xattrs: new Map(),
  };
}

/** PAX records "LEN key=value\n", values kept as bytes. */
export function decodePax(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let pos = 0;
  while (pos < buf.length) {
    const sp = buf.indexOf(0x20, pos);
    if (sp === -1) break;
    const len = parseInt(buf.subarray(pos, sp).toString('latin1'), 10);
    if (!Number.isFinite(len) || len <= 0 || pos + len > buf.length) throw new Error('archive/tar: invalid PAX record');
    const rec = buf.subarray(sp + 1, pos + len - 1);
    const eq = rec.indexOf(0x3d);
    if (eq > 0) out.set(rec.subarray(0, eq).toString('utf8'), Buffer.from(rec.subarray(eq + 1)));
    pos += len;
  }
  return out;
}

export function applyPax(h: TarHeader, pax: Map<string, Buffer>): void {
  for (const [key, value] of pax) {
    const text = value.toString('utf8');
    if (key === 'path') h.name = text;
    else if (key === 'linkpath') h.linkname = text;
    else if (key === 'size') h.size = Number(text);
    else if (key === 'uid') h.uid = Number(text);
    else if (key === 'gid') h.gid = Number(text);
    else if (key === 'mtime') h.mtime = Number(text);
    else if (key === 'uname') h.uname = text;
    else if (key === 'gname') h.gname = text;
    else if (key.startsWith('SCHILY.xattr.')) h.xattrs.set(key.slice('SCHILY.xattr.'.length), value);
    else if (key.startsWith('GNU.sparse.')) throw new Error('archive/tar: sparse files are not supported');
  }
}

function paxRecord(key: string, value: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
  let len = body.length + 1;
  while (String(len).length + body.length !== len) len = String(len).length + body.length;
  return Buffer.concat([Buffer.from(String(len)), body]);
}

// docker parity: Go's archive/tar puts the file type in the mode too (c_ISREG…; moby fillGo18FileTypeBits).
const TYPE_BITS: Partial<Record<TarType, number>> = { file: 0o100000, link: 0o100000, dir: 0o40000, symlink: 0o120000, char: 0o20000, block: 0o60000, fifo: 0o10000 };
const MAX_ID = 0o7777777;
const MAX_SIZE = 0o77777777777;

function writeOctal(block: Buffer, off: number, len: number, n: number): void {
  block.write(`${Math.floor(n).toString(8).padStart(len - 1, '0')}\0`, off, len, 'latin1');
}

const isAscii = (s: string) => !/[^\x01-\x7f]/.test(s);
// Go's toASCII: header string fields keep only the ASCII characters (the real value goes in PAX).
const toAscii = (s: string) => s.replace(/[^\x01-\x7f]/g, '');
const needsPaxString = (s: string, max: number) => s.length > max || !isAscii(s);

/** PAX records needed for fields that do not fit ustar (long names, big numbers, xattrs), keys sorted as Go does. */
export function paxFor(h: TarHeader): Buffer | undefined {
  const recs = new Map<string, Buffer>();
  if (needsPaxString(h.name, 100)) recs.set('path', Buffer.from(h.name));
  if (needsPaxString(h.linkname, 100)) recs.set('linkpath', Buffer.from(h.linkname));
  if (needsPaxString(h.uname, 32)) recs.set('uname', Buffer.from(h.uname));
  if (needsPaxString(h.gname, 32)) recs.set('gname', Buffer.from(h.gname));
  if (h.size > MAX_SIZE) recs.set('size', Buffer.from(String(h.size)));
  if (h.uid > MAX_ID) recs.set('uid', Buffer.from(String(h.uid)));
  if (h.gid > MAX_ID) recs.set('gid', Buffer.from(String(h.gid)));
  for (const [k, v] of h.xattrs) recs.set(`SCHILY.xattr.${k}`, v);
  // A long ASCII name alone splits into ustar's prefix and name: Go then writes plain USTAR.
  if (recs.size === 0 || (recs.size === 1 && recs.has('path') && splitUstarName(h.name))) return undefined;
  const keys = [...recs.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Buffer.concat(keys.map((k) => paxRecord(k, recs.get(k)!)));
}

// docker parity: Go's splitUSTARPath takes the last slash that leaves a prefix of at most 155 bytes.
function splitUstarName(name: string): [string, string] | undefined {
  if (name.length <= 100 || !isAscii(name)) return undefined;
  let end = name.length;
  if (end > 156) end = 156;
  else if (name.endsWith('/')) end--;
  const i = name.lastIndexOf('/', end - 1);
  const rest = name.length - i - 1;
  if (i <= 0 || rest > 100 || rest === 0 || i > 155) return undefined;
  return [name.slice(0, i), name.slice(i + 1)];
}

function writeField(block: Buffer, off: number, len: number, s: string): void {
  block.write(toAscii(s).slice(0, len), off, len, 'latin1');
}

function writeChecksum(block: Buffer): Buffer {
  block.fill(32, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i]!;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

/**
 * Encode a ustar header block. With PAX records (`paxed`) Go writes every field truncated and no
 * prefix; without, a long name is split into prefix and name.
 */
export function encodeHeader(h: TarHeader, paxed = paxFor(h) !== undefined): Buffer {
  const block = Buffer.alloc(BLOCK);
  const [prefix, name] = paxed ? ['', h.name] : splitUstarName(h.name) ?? ['', h.name];
  writeField(block, 0, 100, name);
  writeOctal(block, 100, 8, (h.mode & 0o7777) | (h.bareMode ? 0 : TYPE_BITS[h.type] ?? 0));
  writeOctal(block, 108, 8, h.uid > MAX_ID ? 0 : h.uid);
  writeOctal(block, 116, 8, h.gid > MAX_ID ? 0 : h.gid);
  writeOctal(block, 124, 12, h.size > MAX_SIZE ? 0 : h.size);
  writeOctal(block, 136, 12, Math.max(0, h.mtime));
  block.write(FLAGS[h.type] ?? '0', 156, 1, 'latin1');
  writeField(block, 157, 100, h.linkname);
  block.write('ustar\x0000', 257, 8, 'latin1');
  writeField(block, 265, 32, h.uname);
  writeField(block, 297, 32, h.gname);
  writeOctal(block, 329, 8, h.devmajor);
  writeOctal(block, 337, 8, h.devminor);
  writeField(block, 345, 155, prefix);
  return writeChecksum(block);
}

/** The 'x' block before an entry: Go names it DIR/PaxHeaders.0/FILE and leaves every other field zero. */
export function encodePaxHeader(entryName: string, size: number): Buffer {
  const cut = entryName.lastIndexOf('/') + 1;
  const joined = posix.join(entryName.slice(0, cut), 'PaxHeaders.0', entryName.slice(cut));
  const block = Buffer.alloc(BLOCK);
  writeField(block, 0, 100, toAscii(joined).slice(0, 100).replace(/\/+$/, ''));
  for (const off of [100, 108, 116]) writeOctal(block, off, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, 0);
  block.write('x', 156, 1, 'latin1');
  block.write('ustar\x0000', 257, 8, 'latin1');
  return writeChecksum(block);
}

export const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

export function emptyHeader(name: string, type: TarType): TarHeader {
  return { name, type, mode: type === 'dir' ? 0o755 : 0o644, uid: 0, gid: 0, size: 0, mtime: 0, linkname: '', uname: '', gname: '', devmajor: 0, devminor: 0, xattrs: new Map() };
}
