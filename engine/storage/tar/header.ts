// Tar headers (ustar + GNU + PAX) decoded and encoded binary-safe: PAX values stay bytes because
// SCHILY.xattr values such as security.capability are binary (tar-stream decodes them as UTF-8).

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

const fits = (s: string, max: number) => Buffer.byteLength(s) <= max;

function writeOctal(block: Buffer, off: number, len: number, n: number): void {
  block.write(`${Math.floor(n).toString(8).padStart(len - 1, '0')}\0`, off, len, 'latin1');
}

/** PAX records needed for fields that do not fit ustar (long names, big numbers, xattrs). */
export function paxFor(h: TarHeader): Buffer | undefined {
  const recs: Buffer[] = [];
  if (!fits(h.name, 100) && !splitUstarName(h.name)) recs.push(paxRecord('path', Buffer.from(h.name)));
  if (!fits(h.linkname, 100)) recs.push(paxRecord('linkpath', Buffer.from(h.linkname)));
  if (h.size > 0o77777777777) recs.push(paxRecord('size', Buffer.from(String(h.size))));
  if (h.uid > 0o7777777) recs.push(paxRecord('uid', Buffer.from(String(h.uid))));
  if (h.gid > 0o7777777) recs.push(paxRecord('gid', Buffer.from(String(h.gid))));
  for (const [k, v] of [...h.xattrs].sort(([a], [b]) => (a < b ? -1 : 1))) recs.push(paxRecord(`SCHILY.xattr.${k}`, v));
  return recs.length ? Buffer.concat(recs) : undefined;
}

function splitUstarName(name: string): [string, string] | undefined {
  for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) {
    const [prefix, rest] = [name.slice(0, i), name.slice(i + 1)];
    if (fits(prefix, 155) && fits(rest, 100) && rest !== '') return [prefix, rest];
  }
  return undefined;
}

/** Encode a ustar header block; fields too large for ustar must also go in a preceding PAX header. */
export function encodeHeader(h: TarHeader): Buffer {
  const block = Buffer.alloc(BLOCK);
  let [prefix, name] = ['', h.name];
  if (!fits(name, 100)) [prefix, name] = splitUstarName(name) ?? ['', Buffer.from(name).subarray(0, 100).toString('utf8')];
  block.write(name, 0, 100, 'utf8');
  writeOctal(block, 100, 8, h.mode & 0o7777);
  writeOctal(block, 108, 8, Math.min(h.uid, 0o7777777));
  writeOctal(block, 116, 8, Math.min(h.gid, 0o7777777));
  writeOctal(block, 124, 12, h.size > 0o77777777777 ? 0 : h.size);
  writeOctal(block, 136, 12, Math.max(0, h.mtime));
  block.write(FLAGS[h.type] ?? '0', 156, 1, 'latin1');
  block.write(h.linkname, 157, 100, 'utf8');
  block.write('ustar\x0000', 257, 8, 'latin1');
  block.write(h.uname, 265, 32, 'utf8');
  block.write(h.gname, 297, 32, 'utf8');
  writeOctal(block, 329, 8, h.devmajor);
  writeOctal(block, 337, 8, h.devminor);
  block.write(prefix, 345, 155, 'utf8');
  block.fill(32, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i]!;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

export const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

export function emptyHeader(name: string, type: TarType): TarHeader {
  return { name, type, mode: type === 'dir' ? 0o755 : 0o644, uid: 0, gid: 0, size: 0, mtime: 0, linkname: '', uname: '', gname: '', devmajor: 0, devminor: 0, xattrs: new Map() };
}
