// The image verbs end to end on a private storage root (root only: layer files are chowned).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBusyboxArchive } from '../../../fixtures/images/build-busybox.js';
import { loadConfig } from '../../config/config.js';
import type { Engine } from '../../context.js';
import { initialState, type ContainerRecord } from '../../model/container.js';
import { SqliteStore } from '../../state/sqlite-store.js';
import { openContainerStorage } from '../../storage/index.js';
import { readTar } from '../../storage/tar/reader.js';
import { fileEntry, tarBuffer } from '../../storage/tar/writer.js';
import { importImage } from './import.js';
import { imageHistory } from './history.js';
import { listImages } from './list.js';
import { loadImages } from './load.js';
import { pruneImages } from './prune.js';
import { removeImage } from './remove.js';
import { findImage, resolveImage } from './resolve.js';
import { saveImages } from './save.js';
import { tagImage } from './tag.js';

const quiet = { debug() {}, info() {}, warn() {} };
let root: string;
let engine: Engine;
let bbId: string;
let archive: Buffer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'skiff-img-'));
  const config = loadConfig({ ...process.env, SKIFF_ROOT: join(root, 'data'), SKIFF_RUNROOT: join(root, 'run') }, { storageDriver: 'vfs' });
  const state = new SqliteStore(':memory:');
  engine = { config, state, storage: await openContainerStorage(config, state, quiet), clock: () => new Date(), log: quiet };
  ({ archive, imageId: bbId } = await buildBusyboxArchive('busybox:latest'));
});
afterAll(() => { engine?.state.close(); rmSync(root, { recursive: true, force: true }); });

const fakeContainer = (id: string, imageId: string, status: 'running' | 'exited'): ContainerRecord =>
  ({ Id: id, Name: id.slice(0, 6), Created: new Date().toISOString(), ImageId: imageId, State: { ...initialState(), Status: status } }) as unknown as ContainerRecord;

describe.skipIf(process.getuid?.() !== 0)('image verbs', () => {
  it('loads with Docker\'s image id and output', async () => {
    const r = await loadImages(engine, { input: Readable.from([archive]) });
    expect(r.lines).toEqual(['Loaded image: busybox:latest']);
    expect(r.images[0]!.id).toBe(bbId);
    expect((await loadImages(engine, { input: Readable.from([archive]) })).lines).toEqual(['Loaded image: busybox:latest']);
  });

  it('resolves ids, prefixes and names', () => {
    for (const ref of ['busybox', 'busybox:latest', 'docker.io/library/busybox', bbId, bbId.slice(7), bbId.slice(7, 13), `sha256:${bbId.slice(7, 13)}`]) {
      expect(resolveImage(engine, ref).Id).toBe(bbId);
    }
    expect(() => resolveImage(engine, 'nope')).toThrow('No such image: nope:latest');
    expect(() => resolveImage(engine, 'Nope')).toThrow('invalid reference format: repository name must be lowercase');
    expect(findImage(engine, `busybox@sha256:${'a'.repeat(64)}`)).toBeUndefined();
  });

  it('tags, lists with filters and saves an archive that loads back', async () => {
    tagImage(engine, { source: 'busybox', target: 'localhost:5000/x/y:1' });
    expect(listImages(engine).map((l) => l.repoTags)).toEqual([['busybox:latest', 'localhost:5000/x/y:1']]);
    expect(listImages(engine, { filters: new Map([['reference', ['localhost:5000/*/*']]]) })[0]!.repoTags).toEqual(['localhost:5000/x/y:1']);
    expect(listImages(engine, { filters: new Map([['dangling', ['true']]]) })).toEqual([]);
    expect(() => listImages(engine, { filters: new Map([['dangling', ['maybe']]]) })).toThrow("Invalid filter 'dangling=[maybe]'");
    const names: string[] = [];
    let manifest = '';
    for await (const e of readTar(saveImages(engine, { names: ['busybox', 'localhost:5000/x/y:1'] }))) {
      names.push(e.header.name);
      if (e.header.name === 'manifest.json') manifest = (await e.bytes()).toString();
    }
    expect(names).toContain(`${bbId.slice(7)}.json`);
    expect(JSON.parse(manifest)[0].RepoTags).toEqual(['busybox:latest', 'localhost:5000/x/y:1']);
    expect(() => saveImages(engine, { names: ['nope:1'] })).toThrow('reference does not exist');
  });

  it('follows Docker\'s rmi rules', async () => {
    await expect(removeImage(engine, { ref: bbId.slice(7, 19) })).rejects.toThrow(`conflict: unable to delete ${bbId.slice(7, 19)} (must be forced) - image is referenced in multiple repositories`);
    expect(await removeImage(engine, { ref: 'localhost:5000/x/y:1' })).toEqual([{ Untagged: 'localhost:5000/x/y:1' }]);
    engine.state.insertContainer(fakeContainer('c'.repeat(64), bbId, 'exited'));
    await expect(removeImage(engine, { ref: 'busybox' })).rejects.toThrow(`conflict: unable to remove repository reference "busybox" (must force) - container cccccccccccc is using its referenced image ${bbId.slice(7, 19)}`);
    await expect(removeImage(engine, { ref: bbId })).rejects.toThrow('(must be forced) - image is being used by stopped container cccccccccccc');
    engine.state.deleteContainer('c'.repeat(64));
  });

  it('imports with --change and shows its history', async () => {
    const tar = await tarBuffer([fileEntry('etc/hello', 'hi\n')]);
    const { id } = await importImage(engine, { input: Readable.from([tar]), reference: 'imp:1', changes: ['CMD ["sh"]', 'ENV A=1'], message: 'my msg' });
    const img = resolveImage(engine, 'imp:1');
    expect(img.Id).toBe(id);
    expect(img.Config.config).toMatchObject({ Cmd: ['sh'], Env: ['A=1'], Labels: null });
    expect(imageHistory(engine, 'imp:1')).toMatchObject([{ Comment: 'my msg', Id: id, Size: 3, Tags: ['imp:1'], CreatedBy: '' }]);
  });

  it('prunes dangling images and everything unused with -a', async () => {
    const tar = await tarBuffer([fileEntry('x', 'x')]);
    const { id } = await importImage(engine, { input: Readable.from([tar]) });
    const dangling = await pruneImages(engine, { filters: new Map([['dangling', ['true']]]) });
    expect(dangling.ImagesDeleted?.[0]).toEqual({ Deleted: id });
    expect(dangling.SpaceReclaimed).toBe(1);
    const all = await pruneImages(engine, { filters: new Map([['dangling', ['false']]]) });
    expect(all.ImagesDeleted?.filter((d) => d.Untagged).map((d) => d.Untagged).sort()).toEqual(['busybox:latest', 'imp:1']);
    expect(engine.state.listImages()).toEqual([]);
    expect(engine.state.listLayers()).toEqual([]);
  });
});
