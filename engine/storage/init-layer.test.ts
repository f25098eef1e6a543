import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { populateInitLayer } from './init-layer.js';
import { LowerView } from './lower-view.js';

const OLD = 1_700_000_000;
let dirs: string[] = [];
afterEach(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); dirs = []; });

function scratch(): { image: string; init: string } {
  const root = mkdtempSync(join(tmpdir(), 'skiff-init-'));
  dirs.push(root);
  mkdirSync(join(root, 'image'));
  mkdirSync(join(root, 'init'));
  return { image: join(root, 'image'), init: join(root, 'init') };
}

function imageDir(image: string, rel: string): void {
  mkdirSync(join(image, rel), { recursive: true });
  utimesSync(join(image, rel), OLD, OLD);
}

/** rel → "type mode" of everything in the init dir, as `tar tv` would show the kind and permissions. */
function listing(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    const st = lstatSync(join(dir, r));
    const kind = st.isDirectory() ? 'd' : st.isSymbolicLink() ? `l->${readlinkSync(join(dir, r))}` : `f${st.size}`;
    out[r] = `${kind} ${(st.mode & 0o7777).toString(8)}`;
    if (st.isDirectory()) Object.assign(out, listing(dir, r));
  }
  return out;
}

describe('populateInitLayer', () => {
  it('adds /.dockerenv and the mountpoints with Docker\'s modes, stamping the dirs it writes into', async () => {
    const { image, init } = scratch();
    for (const d of ['dev', 'etc', 'proc']) imageDir(image, d);
    const before = Math.floor(Date.now() / 1000);
    await populateInitLayer(init, new LowerView([{ dir: image, opaque: new Set() }]));
    // docker parity: `docker export` of a fresh busybox container (Docker 20.10, overlay2).
    expect(listing(init)).toEqual({
      '.dockerenv': 'f0 755', dev: 'd 755', 'dev/console': 'f0 755', 'dev/pts': 'd 755', 'dev/shm': 'd 755',
      etc: 'd 755', 'etc/hostname': 'f0 755', 'etc/hosts': 'f0 755', 'etc/mtab': 'l->/proc/mounts 777', 'etc/resolv.conf': 'f0 755',
      sys: 'd 755',
    });
    // proc stays the image's (untouched); dev and etc were copied up and written into, so they carry the time.
    for (const rel of ['dev', 'etc', 'dev/pts', '.dockerenv']) expect(lstatSync(join(init, rel)).mtimeMs / 1000).toBeGreaterThanOrEqual(before);
  });

  it('replaces the image\'s files and symlinks on the paths, keeps its directories', async () => {
    const { image, init } = scratch();
    imageDir(image, 'etc');
    mkdirSync(join(image, 'real-dev'));
    symlinkSync('real-dev', join(image, 'dev'));
    symlinkSync('../proc/self/mounts', join(image, 'etc/mtab'));
    symlinkSync('/run/resolv.conf', join(image, 'etc/resolv.conf'));
    writeFileSync(join(image, 'etc/hosts'), '127.0.0.1 x\n');
    mkdirSync(join(image, 'etc/hostname'));
    mkdirSync(join(image, 'proc'), { mode: 0o555 });
    await populateInitLayer(init, new LowerView([{ dir: image, opaque: new Set() }]));
    const got = listing(init);
    expect(got).toMatchObject({ dev: 'd 755', 'dev/console': 'f0 755', 'etc/hosts': 'f0 755', 'etc/resolv.conf': 'f0 755', 'etc/mtab': 'l->/proc/mounts 777' });
    expect(got['etc/hostname']).toBeUndefined(); // a directory there stays (Setup only unlinks non-directories)
    expect(got.proc).toBeUndefined();
  });

  it('copies an image directory\'s mode when it has to write into it', async () => {
    const { image, init } = scratch();
    mkdirSync(join(image, 'etc'), { mode: 0o700 });
    await populateInitLayer(init, new LowerView([{ dir: image, opaque: new Set() }]));
    expect(lstatSync(join(init, 'etc')).mode & 0o7777).toBe(0o700);
  });
});
