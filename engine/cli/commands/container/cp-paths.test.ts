import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  copyInfoDestinationPath, copyInfoSourcePath, getRebaseName, prepareArchiveCopy, resolveLocalPath, splitCpArg, splitPathDirEntry,
  validateOutputPath,
} from './cp-paths.js';

describe('docker cp path rules (moby/go-archive copy.go)', () => {
  it('splits CONTAINER:PATH unless the argument is a local path', () => {
    expect(splitCpArg('c1:/etc')).toEqual({ container: 'c1', path: '/etc' });
    expect(splitCpArg('/abs:x')).toEqual({ container: '', path: '/abs:x' });
    expect(splitCpArg('./rel:x')).toEqual({ container: '', path: './rel:x' });
    expect(splitCpArg('file')).toEqual({ container: '', path: 'file' });
    expect(splitCpArg('c1:')).toEqual({ container: 'c1', path: '' });
  });

  it('keeps "/." and "/" through path resolution', () => {
    expect(resolveLocalPath('x/', '/w')).toBe('/w/x/');
    expect(resolveLocalPath('x/.', '/w')).toBe('/w/x/.');
    expect(splitPathDirEntry('/a/b/.')).toEqual(['/a/b', '.']);
    expect(splitPathDirEntry('/a/b/')).toEqual(['/a', 'b']);
    expect(getRebaseName('/ly', '/d/y')).toEqual(['/d/y', 'ly']);
    expect(getRebaseName('/l/', '/d')).toEqual(['/d/', 'l']);
  });

  it('decides where to extract and how to rename, with docker errors', () => {
    const file = { path: '/s/f', exists: true, isDir: false };
    const dir = { path: '/s/d', exists: true, isDir: true };
    expect(prepareArchiveCopy(file, { path: '/t', exists: true, isDir: true })).toEqual({ dstDir: '/t' });
    expect(prepareArchiveCopy(file, { path: '/t/g', exists: true, isDir: false })).toEqual({ dstDir: '/t', rebase: ['f', 'g'] });
    expect(prepareArchiveCopy(dir, { path: '/t/new', exists: false, isDir: false })).toEqual({ dstDir: '/t', rebase: ['d', 'new'] });
    expect(prepareArchiveCopy({ ...file, rebaseName: 'ly' }, { path: '/t/n', exists: false, isDir: false })).toEqual({ dstDir: '/t', rebase: ['ly', 'n'] });
    expect(() => prepareArchiveCopy(dir, { path: '/t/g', exists: true, isDir: false })).toThrow('cannot copy directory');
    expect(() => prepareArchiveCopy(file, { path: '/t/nd/', exists: false, isDir: false })).toThrow('no such directory');
  });

  it('looks at local sources and destinations as docker does', () => {
    const root = mkdtempSync(join(tmpdir(), 'skiff-cp-'));
    mkdirSync(join(root, 'd'));
    writeFileSync(join(root, 'f'), 'x');
    symlinkSync('f', join(root, 'l'));
    expect(copyInfoSourcePath(join(root, 'l'), false)).toEqual({ path: join(root, 'l'), exists: true, isDir: false, rebaseName: undefined });
    expect(copyInfoSourcePath(join(root, 'l'), true)).toEqual({ path: join(root, 'f'), exists: true, isDir: false, rebaseName: 'l' });
    expect(() => copyInfoSourcePath(join(root, 'nope'), false)).toThrow(`lstat ${root}/nope: no such file or directory`);
    expect(copyInfoDestinationPath(join(root, 'l'))).toEqual({ path: join(root, 'f'), exists: true, isDir: false });
    expect(copyInfoDestinationPath(join(root, 'new'))).toEqual({ path: join(root, 'new'), exists: false, isDir: false });
    expect(() => validateOutputPath(join(root, 'no/x'))).toThrow(`invalid output path: directory "${root}/no" does not exist`);
  });
});
