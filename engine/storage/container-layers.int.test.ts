// Real overlay mounts (root): layers from the busybox fixture plus a layer with whiteouts, an opaque
// dir and hard links; a container layer on top; changes() and diffTar() after writes and deletes.
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, linkSync, unlinkSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBusyboxArchive } from '../../fixtures/images/build-busybox.js';
import { loadConfig } from '../config/config.js';
import { SqliteStore } from '../state/sqlite-store.js';
import { readTar } from './tar/reader.js';
import { fileEntry, headerEntry, tarBuffer } from './tar/writer.js';
import { openContainerStorage } from './index.js';
import { hostFsOps } from './fs-ops.js';

const quiet = { debug() {}, info() {}, warn() {} };

async function busyboxLayer(): Promise<Buffer> {
  const { archive } = await buildBusyboxArchive('bb:1');
  for await (const e of readTar(Readable.from([archive]))) if (e.header.name.endsWith('/layer.tar')) return e.bytes();
  throw new Error('no layer');
}

async function secondLayer(): Promise<Buffer> {
  return tarBuffer([
    headerEntry('etc/', 'dir', { mode: 0o755 }),
    fileEntry('etc/.wh.group', ''),
    headerEntry('var/', 'dir'),
    headerEntry('var/spool/', 'dir'),
    fileEntry('var/spool/.wh..wh..opq', ''),
    fileEntry('var/spool/new', 'n'),
    fileEntry('data/f', 'data'),
    headerEntry('data/hl', 'link', { linkname: 'data/f' }),
  ]);
}

describe.each(['overlay', 'vfs'] as const)('%s container storage', (driver) => {
let root: string;
let store: SqliteStore;
let storage: Awaited<ReturnType<typeof openContainerStorage>>;
let chain: string[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'skiff-cl-'));
  const config = loadConfig({ ...process.env, SKIFF_ROOT: join(root, 'data'), SKIFF_RUNROOT: join(root, 'run') }, { storageDriver: driver });
  mkdirSync(config.paths.dataRoot, { recursive: true });
  store = new SqliteStore(join(root, 'db.sqlite'));
  storage = await openContainerStorage(config, store, quiet);
  const l1 = await storage.images.layers.create('', Readable.from([await busyboxLayer()]));
  const l2 = await storage.images.layers.create(l1.ChainId, Readable.from([await secondLayer()]));
  chain = [l1.ChainId, l2.ChainId];
});

afterAll(async () => {
  await storage?.removeContainerLayer('c1').catch(() => undefined);
  store?.close();
  rmSync(root, { recursive: true, force: true });
});

  it('stores layers in overlay format', () => {
    const diff = storage.images.layers.diffDir(chain[1]!);
    const wh = lstatSync(join(diff, 'etc/group'));
    expect(wh.isCharacterDevice() && wh.rdev === 0).toBe(true);
    expect(lstatSync(join(diff, 'data/hl')).ino).toBe(lstatSync(join(diff, 'data/f')).ino);
    expect(storage.images.layers.opaqueDirs(chain[1]!)).toEqual(new Set(['var/spool']));
  });

  it('mounts, records changes and produces the layer tar', async () => {
    await storage.createContainerLayer('c1', chain);
    const merged = await storage.mount('c1');
    expect(await storage.mount('c1')).toBe(merged); // idempotent
    expect(storage.driver).toBe(driver);
    expect(existsSync(join(merged, 'etc/group'))).toBe(false);
    expect(readdirSync(join(merged, 'var/spool'))).toEqual(['new']);
    expect(readFileSync(join(merged, 'etc/passwd'), 'utf8')).toContain('root:x:0:0');
    expect(await storage.changes('c1')).toEqual([]);

    writeFileSync(join(merged, 'etc/newfile'), 'x\n');
    unlinkSync(join(merged, 'etc/shadow'));
    rmSync(join(merged, 'var/www'), { recursive: true });
    mkdirSync(join(merged, 'opt/a'), { recursive: true });
    rmSync(join(merged, 'home'), { recursive: true });
    mkdirSync(join(merged, 'home'));
    writeFileSync(join(merged, 'home/u'), 'u');
    linkSync(join(merged, 'etc/newfile'), join(merged, 'etc/newlink'));

    const changes = (await storage.changes('c1')).map((c) => `${'CAD'[c.Kind]} ${c.Path}`);
    expect(changes).toEqual(['C /etc', 'A /etc/newfile', 'A /etc/newlink', 'D /etc/shadow', 'C /home', 'A /home/u', 'A /opt', 'A /opt/a', 'C /var', 'D /var/www']);

    const entries: string[] = [];
    for await (const e of readTar(await storage.diffTar('c1'))) entries.push(`${e.header.type} ${e.header.name}${e.header.linkname ? ` -> ${e.header.linkname}` : ''}`);
    expect(entries).toEqual([
      'dir etc/', 'file etc/newfile', 'link etc/newlink -> etc/newfile', 'file etc/.wh.shadow',
      'dir home/', ...(driver === 'overlay' ? ['file home/.wh..wh..opq'] : []), 'file home/u', 'dir opt/', 'dir opt/a/', 'dir var/', 'file var/.wh.www',
    ]);
    expect(await storage.sizeRw('c1')).toBe(3);
    await storage.unmount('c1');
    expect(hostFsOps.isMounted(merged)).toBe(false);
    if (driver === 'vfs') expect(readFileSync(join(merged, 'etc/newfile'), 'utf8')).toBe('x\n');
  });

  it('removes the container layer', async () => {
    await storage.removeContainerLayer('c1');
    expect(existsSync(join(root, 'data/containers/c1'))).toBe(false);
  });
});
