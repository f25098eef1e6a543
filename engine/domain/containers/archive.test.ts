import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync, linkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readTar } from '../../storage/tar/reader.js';
import { fileEntry, headerEntry, tarBuffer, type TarSource } from '../../storage/tar/writer.js';
import { goBase, goFileMode, goTimeJson, preserveTrailing, resolvePath } from './archive.js';
import { rebaseTar, tarTree } from './archive-tar.js';
import { untar, UntarError } from './archive-untar.js';
import { containerView, localView } from './fs-view.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'skiff-archive-'));

async function names(src: AsyncIterable<Buffer | string>): Promise<string[]> {
  const out: string[] = [];
  for await (const e of readTar(src)) out.push(e.header.type === 'link' || e.header.type === 'symlink' ? `${e.header.name}->${e.header.linkname}` : e.header.name);
  return out;
}

function tree(): string {
  const root = tmp();
  mkdirSync(join(root, 'd/e'), { recursive: true });
  writeFileSync(join(root, 'd/y'), 'y');
  writeFileSync(join(root, 'd/e/x'), 'x');
  linkSync(join(root, 'd/y'), join(root, 'd/z'));
  symlinkSync('e', join(root, 'd/le'));
  symlinkSync('/etc', join(root, 'evil'));
  return root;
}

describe('tarTree (moby TarWithOptions)', () => {
  it('names a directory by the rebase name, parents first, hard links to the first name', async () => {
    const root = tree();
    expect(await names(tarTree({ srcDir: join(root, 'd'), include: '.', includeSourceDir: true, rebaseName: 'd' })))
      .toEqual(['d/', 'd/e/', 'd/e/x', 'd/le->e', 'd/y', 'd/z->d/y']);
    expect(await names(tarTree({ srcDir: join(root, 'd'), include: '.', includeSourceDir: true, rebaseName: '.' })))
      .toEqual(['./', './e/', './e/x', './le->e', './y', './z->./y']);
    expect(await names(tarTree({ srcDir: join(root, 'd'), include: 'y', includeSourceDir: true, rebaseName: 'other' }))).toEqual(['other']);
    expect(await names(tarTree({ srcDir: join(root, 'd'), include: '.' }))).toEqual(['e/', 'e/x', 'le->e', 'y', 'z->y']);
  });

  it('rebases the first occurrence of a base in names and link targets', async () => {
    const root = tree();
    const src = tarTree({ srcDir: join(root, 'd'), include: '.', includeSourceDir: true, rebaseName: 'd' });
    expect(await names(rebaseTar(src, 'd', 'new'))).toEqual(['new/', 'new/e/', 'new/e/x', 'new/le->e', 'new/y', 'new/z->new/y']);
  });
});

describe('container view', () => {
  it('maps bind mounts and resolves symlinks inside the root', () => {
    const root = tree();
    const hosts = join(tmp(), 'hosts');
    writeFileSync(hosts, '127.0.0.1 localhost\n');
    const view = containerView(root, [{ destination: '/etc/hosts', source: hosts, readOnly: false }]);
    expect(view.hostOf('/etc/hosts')).toBe(hosts);
    expect(view.hostOf('/d/y')).toBe(join(root, 'd/y'));
    expect(view.resolve('/evil/passwd')).toBe('/etc/passwd'); // the host's /etc is never reached
    expect(view.resolve('/d/le/x')).toBe('/d/e/x');
    expect(view.mountOf('/etc/hosts')?.source).toBe(hosts);
  });

  it('ResolvePath keeps the last element unresolved and the trailing forms', () => {
    const view = containerView(tree(), []);
    expect(resolvePath(view, 'd/le')).toEqual({ resolved: '/d/le', abs: '/d/le' });
    expect(resolvePath(view, '/d/le/')).toEqual({ resolved: '/d/e/', abs: '/d/le/' });
    expect(resolvePath(view, '/d/.')).toEqual({ resolved: '/d/.', abs: '/d/.' });
    expect(resolvePath(view, '/')).toEqual({ resolved: '/', abs: '/' });
  });
});

describe('untar (moby Untar)', () => {
  const tarOf = async (...entries: TarSource[]) => Readable.from([await tarBuffer(entries)]);

  it('creates parents, replaces files, merges directories, keeps modes', async () => {
    const dest = tmp();
    writeFileSync(join(dest, 'f'), 'old');
    const tar = await tarOf(fileEntry('a/b/c', 'C', { mode: 0o640 }), fileEntry('f', 'new'), headerEntry('a/', 'dir', { mode: 0o700 }));
    await untar(tar, { view: localView, dest, noLchown: true, noOverwriteDirNonDir: true });
    expect(readFileSync(join(dest, 'a/b/c'), 'utf8')).toBe('C');
    expect(lstatSync(join(dest, 'a/b/c')).mode & 0o777).toBe(0o640);
    expect(lstatSync(join(dest, 'a')).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dest, 'f'), 'utf8')).toBe('new');
  });

  it('refuses to replace a directory by a file with docker text', async () => {
    const dest = tmp();
    mkdirSync(join(dest, 'y'));
    const run = async () => untar(await tarOf(fileEntry('y', 'x')), { view: localView, dest: `${dest}/`, noLchown: true, noOverwriteDirNonDir: true });
    await expect(run()).rejects.toThrow(new UntarError(`cannot overwrite directory "${dest}/y" with non-directory "${dest}"`));
  });

  it('keeps symlinks and hard links inside the extraction directory', async () => {
    const dest = tmp();
    await expect(untar(await tarOf(headerEntry('l', 'symlink', { linkname: '../../x' })), { view: localView, dest, noLchown: true }))
      .rejects.toThrow(`invalid symlink "${dest}/l" -> "../../x"`);
    await expect(untar(await tarOf(headerEntry('h', 'link', { linkname: '../x' })), { view: localView, dest, noLchown: true }))
      .rejects.toThrow('invalid hardlink');
    await untar(await tarOf(fileEntry('t', 'T'), headerEntry('h', 'link', { linkname: 't' }), headerEntry('s', 'symlink', { linkname: 't' })), { view: localView, dest, noLchown: true });
    expect(lstatSync(join(dest, 'h')).nlink).toBe(2);
    expect(readlinkSync(join(dest, 's'))).toBe('t');
  });

  it('writes through a container symlink without leaving the container root', async () => {
    const root = tree();
    const outside = tmp();
    symlinkSync(outside, join(root, 'out'));
    await untar(await tarOf(fileEntry('out/f', 'F')), { view: containerView(root, []), dest: '/', noLchown: true });
    expect(existsSync(join(outside, 'f'))).toBe(false);
    expect(readFileSync(join(root, outside, 'f'), 'utf8')).toBe('F');
  });
});

describe('path helpers', () => {
  it('preserves a trailing separator or "/." as docker does', () => {
    expect(preserveTrailing('/a', 'a/')).toBe('/a/');
    expect(preserveTrailing('/a', 'a/.')).toBe('/a/.');
    expect(preserveTrailing('/', '')).toBe('/.');
    expect(goBase('/a/b/')).toBe('b');
    expect(goBase('/')).toBe('/');
    expect(goBase('')).toBe('.');
  });

  it('encodes Go file modes and times', () => {
    const root = tree();
    expect(goFileMode(lstatSync(join(root, 'd')))).toBe(2 ** 31 + (lstatSync(join(root, 'd')).mode & 0o777));
    expect(goFileMode(lstatSync(join(root, 'd/le')))).toBe(134218239);
    expect(goTimeJson(1_700_000_000_123_000_000n)).toBe('2023-11-14T22:13:20.123Z');
    expect(goTimeJson(1_700_000_000_000_000_000n)).toBe('2023-11-14T22:13:20Z');
  });
});
