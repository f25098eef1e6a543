import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInRoot } from './rootfs-path.js';

describe('resolveInRoot', () => {
  const root = mkdtempSync(join(tmpdir(), 'skiff-rootfs-'));
  mkdirSync(join(root, 'etc'));
  writeFileSync(join(root, 'etc', 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
  symlinkSync('/etc', join(root, 'abs'));
  symlinkSync('../../../../etc', join(root, 'climb'));
  symlinkSync('/nonexistent/x', join(root, 'dangling'));

  it('follows absolute and relative symlinks inside the root only', () => {
    expect(resolveInRoot(root, '/abs/passwd')).toBe(join(root, 'etc/passwd'));
    expect(resolveInRoot(root, '/climb/passwd')).toBe(join(root, 'etc/passwd'));
    expect(resolveInRoot(root, '/../../etc/passwd')).toBe(join(root, 'etc/passwd'));
    expect(resolveInRoot(root, 'dangling')).toBe(join(root, 'nonexistent/x'));
  });

  it('gives up on symlink loops', () => {
    symlinkSync('loop2', join(root, 'loop1'));
    symlinkSync('loop1', join(root, 'loop2'));
    expect(() => resolveInRoot(root, '/loop1/x')).toThrow('too many levels of symbolic links');
  });
});
