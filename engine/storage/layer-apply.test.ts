import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Digest } from './digest.js';
import type { FsOps, NodeSpec, XattrSpec } from './fs-ops.js';
import { applyLayer } from './layer-apply.js';
import { fileEntry, headerEntry, tarBuffer, type TarSource } from './tar/writer.js';

/** Records what would need mknod/setfattr; stands nodes in with empty files. */
function fakeOps() {
  const nodes: NodeSpec[] = [];
  const xattrs: XattrSpec[] = [];
  const ops: FsOps = {
    makeNodes: async (n) => { nodes.push(...n); for (const x of n) writeFileSync(x.path, ''); return []; },
    setXattrs: async (x) => { xattrs.push(...x); return []; },
    readXattrsTree: async () => new Map(),
    mount: async () => undefined,
    unmount: async () => undefined,
    isMounted: () => false,
  };
  return { ops, nodes, xattrs };
}

let dir: string;
let dest: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'skiff-apply-')); dest = join(dir, 'diff'); mkdirSync(dest); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const chown = process.getuid?.() === 0;
async function apply(entries: TarSource[], extra: Partial<Parameters<typeof applyLayer>[2]> = {}) {
  const tar = await tarBuffer(entries);
  const f = fakeOps();
  const r = await applyLayer(Readable.from([tar]), dest, { ops: f.ops, rootless: false, chown, ...extra });
  return { ...r, tar, ...f };
}

describe('applyLayer', () => {
  it('creates files, dirs, symlinks and hard links with their metadata', async () => {
    const r = await apply([
      headerEntry('./etc/', 'dir', { mode: 0o750, mtime: 1_700_000_000 }),
      fileEntry('./etc/passwd', 'root:x:0:0\n', { mode: 0o644, mtime: 1_600_000_000 }),
      fileEntry('bin/tool', 'xx', { mode: 0o4755 }),
      headerEntry('bin/alias', 'symlink', { linkname: 'tool' }),
      headerEntry('bin/hard', 'link', { linkname: './bin/tool' }),
    ]);
    expect(readFileSync(join(dest, 'etc/passwd'), 'utf8')).toBe('root:x:0:0\n');
    expect(lstatSync(join(dest, 'etc')).mode & 0o7777).toBe(0o750);
    expect(lstatSync(join(dest, 'etc')).mtimeMs).toBe(1_700_000_000_000);
    expect(lstatSync(join(dest, 'etc/passwd')).mtimeMs).toBe(1_600_000_000_000);
    expect(lstatSync(join(dest, 'bin/tool')).mode & 0o7777).toBe(0o4755);
    expect(readlinkSync(join(dest, 'bin/alias'))).toBe('tool');
    expect(lstatSync(join(dest, 'bin/hard')).ino).toBe(lstatSync(join(dest, 'bin/tool')).ino);
    expect(r.size).toBe(11 + 2 + 4);
    expect(r.diffId).toBe(sha256Digest(r.tar));
    expect(r.tarSize).toBe(r.tar.length);
  });

  it('turns whiteouts into 0/0 char devices and never materialises .wh. files', async () => {
    const r = await apply([headerEntry('etc/', 'dir'), fileEntry('etc/.wh.group', ''), fileEntry('.wh.opt', '')]);
    expect(r.nodes.map((n) => [n.path.slice(dest.length), n.kind, n.major, n.minor])).toEqual([['/etc/group', 'c', 0, 0], ['/opt', 'c', 0, 0]]);
    expect(existsSync(join(dest, 'etc/.wh.group'))).toBe(false);
  });

  it('marks opaque directories wherever the marker appears', async () => {
    const r = await apply([headerEntry('opt/', 'dir'), fileEntry('opt/b', 'b'), fileEntry('opt/.wh..wh..opq', ''), fileEntry('.wh..wh.plnk', '')]);
    expect(r.xattrs).toEqual([{ path: join(dest, 'opt'), name: 'trusted.overlay.opaque', value: Buffer.from('y') }]);
    expect(r.opaqueDirs).toEqual(['opt']);
    expect(readFileSync(join(dest, 'opt/b'), 'utf8')).toBe('b');
  });

  it('uses user.overlay.opaque rootless and skips devices', async () => {
    const warnings: string[] = [];
    const r = await apply([fileEntry('d/.wh..wh..opq', ''), headerEntry('dev/null', 'char', { devmajor: 1, devminor: 3 }), headerEntry('p', 'fifo')], { rootless: true, warn: (m) => warnings.push(m) });
    expect(r.xattrs[0]!.name).toBe('user.overlay.opaque');
    expect(r.nodes.map((n) => n.kind)).toEqual(['p']);
    expect(warnings[0]).toContain('/dev/null');
  });

  it('keeps xattrs from PAX headers but drops forged overlay ones', async () => {
    const xattrs = new Map([['security.capability', Buffer.from([1, 2, 0xff])], ['trusted.overlay.opaque', Buffer.from('y')]]);
    const r = await apply([fileEntry('bin/ping', 'p', { xattrs })]);
    expect(r.xattrs).toEqual([{ path: join(dest, 'bin/ping'), name: 'security.capability', value: Buffer.from([1, 2, 0xff]) }]);
  });

  it('replaces an earlier entry of the same path', async () => {
    await apply([fileEntry('a', 'file'), headerEntry('a/', 'dir'), fileEntry('a/x', 'x'), fileEntry('b/c', 'c'), fileEntry('b', 'now a file')]);
    expect(lstatSync(join(dest, 'a')).isDirectory()).toBe(true);
    expect(readFileSync(join(dest, 'b'), 'utf8')).toBe('now a file');
  });

  describe('hostile layers', () => {
    it.each([
      [[fileEntry('../evil', 'x')]],
      [[fileEntry('a/../../evil', 'x')]],
      [[fileEntry('.wh...', '')]],
    ])('refuses .. in names', async (entries) => {
      await expect(apply(entries)).rejects.toThrow(/invalid layer entry/);
      expect(existsSync(join(dir, 'evil'))).toBe(false);
    });

    it('refuses to write through a symlinked parent (absolute or relative)', async () => {
      const outside = join(dir, 'outside');
      mkdirSync(outside);
      await expect(apply([headerEntry('s', 'symlink', { linkname: outside }), fileEntry('s/pwned', 'x')])).rejects.toThrow(/not one/);
      await expect(apply([headerEntry('r', 'symlink', { linkname: '../outside' }), fileEntry('r/pwned', 'x')])).rejects.toThrow(/not one/);
      expect(existsSync(join(outside, 'pwned'))).toBe(false);
    });

    it('creates escaping symlinks without following them', async () => {
      await apply([headerEntry('etc/link', 'symlink', { linkname: '../../../../etc/shadow' })]);
      expect(readlinkSync(join(dest, 'etc/link'))).toBe('../../../../etc/shadow');
    });

    it('refuses hard links outside the layer or to missing files', async () => {
      writeFileSync(join(dir, 'secret'), 's');
      await expect(apply([headerEntry('h', 'link', { linkname: '../secret' })])).rejects.toThrow(/invalid layer entry/);
      await expect(apply([headerEntry('h2', 'link', { linkname: 'nope' })])).rejects.toThrow(/invalid hard link/);
    });

    it('refuses hard links through a symlinked directory', async () => {
      await expect(apply([headerEntry('s', 'symlink', { linkname: dir }), headerEntry('h', 'link', { linkname: 's/secret' })])).rejects.toThrow(/invalid hard link/);
    });
  });

  describe('delete mode (vfs)', () => {
    it('deletes whited-out lower files and clears opaque dirs of lower content only', async () => {
      mkdirSync(join(dest, 'opt'));
      writeFileSync(join(dest, 'opt/old'), 'old');
      writeFileSync(join(dest, 'gone'), 'x');
      await apply([fileEntry('opt/new', 'n'), fileEntry('opt/.wh..wh..opq', ''), fileEntry('.wh.gone', '')], { whiteouts: 'delete' });
      expect(existsSync(join(dest, 'opt/old'))).toBe(false);
      expect(existsSync(join(dest, 'opt/new'))).toBe(true);
      expect(existsSync(join(dest, 'gone'))).toBe(false);
    });
  });
});
