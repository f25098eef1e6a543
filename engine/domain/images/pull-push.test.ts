// pull and push end to end against an in-process registry, on a private storage root (root only:
// layer files are chowned as they are applied).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, buildIndex, randomEntries, type BuiltImage } from '../../../fixtures/images/layered-image.js';
import { loadConfig } from '../../config/config.js';
import type { Engine } from '../../context.js';
import type { RegistryConfig } from '../../registry/hosts.js';
import { FakeRegistry } from '../../registry/testing/fake-registry.js';
import { SqliteStore } from '../../state/sqlite-store.js';
import { openContainerStorage } from '../../storage/index.js';
import type { JsonMessage } from './progress.js';
import { pullImage } from './pull.js';
import { pushImage } from './push.js';
import type { RegistryAccess } from './registry-access.js';

const quiet = { debug() {}, info() {}, warn() {} };
const regConfig: RegistryConfig = { insecureRegistries: [], certsDirs: [], userAgent: 'skiff-test', maxDownloads: 3, maxUploads: 5 };
const access: RegistryAccess = { config: regConfig, auth: {} };
let root: string;
let engine: Engine;
let reg: FakeRegistry;

async function newEngine(): Promise<Engine> {
  const dir = mkdtempSync(join(root, 'e-'));
  const config = loadConfig({ ...process.env, SKIFF_ROOT: join(dir, 'data'), SKIFF_RUNROOT: join(dir, 'run') }, { storageDriver: 'vfs' });
  const state = new SqliteStore(':memory:');
  return { config, state, storage: await openContainerStorage(config, state, quiet), clock: () => new Date(), log: quiet };
}

function publish(repo: string, tag: string, img: BuiltImage): void {
  for (const l of img.layers) reg.putBlob(repo, l.blob);
  reg.putBlob(repo, img.config);
  reg.putManifest(repo, tag, img.manifest, img.manifestType);
}

async function pull(e: Engine, reference: string, extra: { allTags?: boolean; platform?: string } = {}): Promise<{ lines: string[]; report: Awaited<ReturnType<typeof pullImage>> }> {
  const lines: string[] = [];
  const report = await pullImage(e, { reference, registry: access, ...extra, onProgress: (m: JsonMessage) => { if (!m.progressDetail?.total) lines.push(`${m.id ? `${m.id}: ` : ''}${m.status}`); } });
  return { lines, report };
}

const short = (d: string) => d.slice(7, 19);
const base = [{ type: 'dir' as const, name: 'bin' }, { type: 'file' as const, name: 'bin/tool', data: 'v1', mode: 0o755 }, { type: 'file' as const, name: 'etc/gone', data: 'x' }];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'skiff-pull-'));
  reg = await new FakeRegistry().start();
  engine = await newEngine();
});
afterAll(async () => { engine?.state.close(); await reg?.stop(); rmSync(root, { recursive: true, force: true }); });

describe.skipIf(process.getuid?.() !== 0)('pull and push', () => {
  it('pulls a layered image with Docker\'s messages, its id, tag and repo digest', async () => {
    const img = await buildImage({ layers: [base, [{ type: 'whiteout', name: 'etc/gone' }, { type: 'file', name: 'bin/new', data: 'n' }, { type: 'link', name: 'bin/new2', target: 'bin/new' }]], label: 'one' });
    publish('t/one', 'v1', img);
    const ref = `${reg.host}/t/one:v1`;
    const { lines } = await pull(engine, ref);
    const [l0, l1] = img.layers.map((l) => short(l.digest));
    expect(lines.slice(0, 3)).toEqual(['v1: Pulling from t/one', `${l0}: Pulling fs layer`, `${l1}: Pulling fs layer`]);
    for (const id of [l0, l1]) expect(lines.filter((l) => l.startsWith(`${id}:`)).slice(1)).toEqual([`${id}: Verifying Checksum`, `${id}: Download complete`, `${id}: Pull complete`]);
    expect(lines.slice(-2)).toEqual([`Digest: ${img.manifestDigest}`, `Status: Downloaded newer image for ${ref}`]);
    const stored = engine.state.getImage(img.configDigest)!;
    expect(stored.RepoTags).toEqual([`${reg.host}/t/one:v1`]);
    expect(stored.RepoDigests).toEqual([`${reg.host}/t/one@${img.manifestDigest}`]);
    expect((await pull(engine, ref)).lines).toEqual(['v1: Pulling from t/one', `Digest: ${img.manifestDigest}`, `Status: Image is up to date for ${ref}`]);
  });

  it('reports stored layers as "Already exists" and fetches only the rest', async () => {
    const img = await buildImage({ layers: [base, randomEntries('data', 4096, 2)], label: 'two' });
    publish('t/two', 'latest', img);
    reg.log.length = 0;
    const { lines } = await pull(engine, `${reg.host}/t/two`);
    expect(lines[1]).toBe(`${short(img.layers[0]!.digest)}: Already exists`);
    expect(reg.log.filter((r) => r.method === 'GET' && r.path.includes('/blobs/')).map((r) => r.path.split('/').pop())).toEqual([img.configDigest, img.layers[1]!.digest]);
  });

  it('picks the host platform from an index, pulls by digest, and records the index digest', async () => {
    const amd = await buildImage({ layers: [randomEntries('amd', 1024, 1)], label: 'amd64' });
    const arm = await buildImage({ layers: [randomEntries('arm', 1024, 1)], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }, label: 'arm64', format: 'oci' });
    const idx = buildIndex([arm, amd]);
    publish('t/multi', 'ignored', amd);
    publish('t/multi', 'ignored2', arm);
    reg.putManifest('t/multi', 'v1', idx.index, idx.mediaType);
    const byDigest = `${reg.host}/t/multi@${idx.digest}`;
    const { lines } = await pull(engine, byDigest);
    expect(lines[0]).toBe(`${byDigest}: Pulling from t/multi`);
    expect(engine.state.getImage(amd.configDigest)!.RepoDigests).toEqual([byDigest]);
    await pull(engine, `${reg.host}/t/multi:v1`, { platform: 'linux/arm64' });
    expect(engine.state.imageIdForTag(`${reg.host}/t/multi:v1`)).toBe(arm.configDigest);
    await expect(pull(engine, `${reg.host}/t/multi:v1`, { platform: 'linux/s390x' })).rejects.toThrow('no matching manifest for linux/s390x in the manifest list entries');
  });

  it('pulls every tag with -a and translates unknown names and tags as Docker does', async () => {
    const img = await buildImage({ layers: [base], label: 'tags' });
    publish('t/tags', 'a', img);
    publish('t/tags', 'b', img);
    const { lines, report } = await pull(engine, `${reg.host}/t/tags`, { allTags: true });
    expect(report.images.map((i) => i.reference)).toEqual([`${reg.host}/t/tags:a`, `${reg.host}/t/tags:b`]);
    expect(lines.at(-1)).toBe(`Status: Downloaded newer image for ${reg.host}/t/tags`);
    await expect(pull(engine, `${reg.host}/t/none`, { allTags: true })).rejects.toThrow(`repository ${reg.host}/t/none not found: name unknown: repository name not known to registry`);
    await expect(pull(engine, `${reg.host}/t/tags:zz`)).rejects.toThrow(`manifest for ${reg.host}/t/tags:zz not found: manifest unknown: manifest unknown`);
  });

  it('refuses a blob that does not match its digest and commits nothing', async () => {
    const e = await newEngine();
    const img = await buildImage({ layers: [randomEntries('ok', 2048, 1), randomEntries('bad', 64 * 1024, 2)], label: 'corrupt' });
    publish('t/corrupt', 'v1', img);
    reg.corrupt.add(img.layers[1]!.digest);
    try {
      await expect(pull(e, `${reg.host}/t/corrupt:v1`)).rejects.toThrow(`filesystem layer verification failed for digest ${img.layers[1]!.digest}`);
    } finally {
      reg.corrupt.clear();
    }
    expect(e.state.listImages()).toEqual([]);
    expect(e.state.listLayers().map((l) => l.DiffId)).not.toContain(img.layers[1]!.diffId);
    expect(existsSync(join(e.config.paths.blobs, 'sha256', img.layers[1]!.diffId.slice(7)))).toBe(false);
    expect(readdirSync(e.config.paths.layers).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    await pull(e, `${reg.host}/t/corrupt:v1`);
    expect(e.state.getImage(img.configDigest)).toBeDefined();
    e.state.close();
  });

  it('refuses a layer whose content does not match the config\'s diff id', async () => {
    const e = await newEngine();
    const good = await buildImage({ layers: [randomEntries('d', 512, 1)], label: 'diffid' });
    const other = await buildImage({ layers: [randomEntries('e', 512, 1)], label: 'diffid' });
    // The manifest names other's layer while the config promises good's diff id.
    const manifest = Buffer.from(good.manifest.toString().replace(good.layers[0]!.digest, other.layers[0]!.digest).replace(`"size": ${good.layers[0]!.blob.length}`, `"size": ${other.layers[0]!.blob.length}`));
    reg.putBlob('t/diffid', other.layers[0]!.blob);
    reg.putBlob('t/diffid', good.config);
    reg.putManifest('t/diffid', 'v1', manifest, good.manifestType);
    await expect(pull(e, `${reg.host}/t/diffid:v1`)).rejects.toThrow('failed to register layer');
    expect(e.state.listImages()).toEqual([]);
    expect(e.state.listLayers()).toEqual([]);
    e.state.close();
  });

  it('refuses hostile layers (.. paths, writes through symlinks) without writing outside the layer', async () => {
    const e = await newEngine();
    const outside = join(root, `escape-${Date.now()}`);
    for (const [i, layer] of [
      [{ type: 'file' as const, name: `../../../../../../../..${outside}`, data: 'x' }],
      [{ type: 'symlink' as const, name: 'link', target: root }, { type: 'file' as const, name: `link/escape-${Date.now()}`, data: 'x' }],
    ].entries()) {
      const img = await buildImage({ layers: [layer], label: `hostile-${i}` });
      publish('t/hostile', `v${i}`, img);
      await expect(pull(e, `${reg.host}/t/hostile:v${i}`)).rejects.toThrow();
    }
    expect(existsSync(outside)).toBe(false);
    expect(readdirSync(root).filter((n) => n.startsWith('escape-'))).toEqual([]);
    expect(e.state.listImages()).toEqual([]);
    e.state.close();
  });

  it('survives 503 replies while fetching blobs', async () => {
    const e = await newEngine();
    const img = await buildImage({ layers: [randomEntries('r', 1024, 1)], label: 'retry' });
    publish('t/retry', 'v1', img);
    reg.failNext = 2;
    await pull(e, `${reg.host}/t/retry:v1`);
    expect(e.state.getImage(img.configDigest)).toBeDefined();
    e.state.close();
  });

  it('two pulls at once of images sharing a layer fetch it once and both succeed', async () => {
    const e = await newEngine();
    const shared = randomEntries('shared', 256 * 1024, 2);
    const a = await buildImage({ layers: [shared, randomEntries('a', 1024, 1)], label: 'ca' });
    const b = await buildImage({ layers: [shared, randomEntries('b', 1024, 1)], label: 'cb' });
    publish('t/ca', 'v1', a);
    publish('t/cb', 'v1', b);
    reg.log.length = 0;
    await Promise.all([pull(e, `${reg.host}/t/ca:v1`), pull(e, `${reg.host}/t/cb:v1`)]);
    expect(e.state.getImage(a.configDigest)!.Layers[0]).toBe(e.state.getImage(b.configDigest)!.Layers[0]);
    expect(reg.log.filter((r) => r.method === 'GET' && r.path.endsWith(a.layers[0]!.digest))).toHaveLength(1);
    e.state.close();
  });

  it('pushes with Docker\'s lines and manifest bytes, then mounts or skips what the registry has', async () => {
    const img = await buildImage({ layers: [base, randomEntries('p', 2048, 1)], label: 'push' });
    publish('t/src', 'v1', img);
    await pull(engine, `${reg.host}/t/src:v1`);
    engine.state.setTag(`${reg.host}/t/dst:v1`, img.configDigest);
    const lines: string[] = [];
    const aux: unknown[] = [];
    const push = () => pushImage(engine, { reference: `${reg.host}/t/dst:v1`, registry: access, onProgress: (m) => { if (m.aux) aux.push(m.aux); else if (!m.progressDetail?.total) lines.push(`${m.id ? `${m.id}: ` : ''}${m.status}`); } });
    const report = await push();
    const [d0, d1] = img.layers.map((l) => short(l.diffId));
    expect(lines.slice(0, 3)).toEqual([`The push refers to repository [${reg.host}/t/dst]`, `${d1}: Preparing`, `${d0}: Preparing`]);
    expect(lines.slice(3, 5).sort()).toEqual([`${d0}: Mounted from t/src`, `${d1}: Mounted from t/src`].sort());
    // Same layers, same digests: the manifest Docker would write, byte for byte.
    expect(report.pushed[0]).toEqual({ tag: 'v1', digest: img.manifestDigest, size: img.manifest.length });
    expect(lines.at(-1)).toBe(`v1: digest: ${img.manifestDigest} size: ${img.manifest.length}`);
    expect(aux).toEqual([{ Tag: 'v1', Digest: img.manifestDigest, Size: img.manifest.length }]);
    lines.length = 0;
    await push();
    expect(lines.filter((l) => l.endsWith('Layer already exists'))).toHaveLength(2);
    expect(engine.state.getImage(img.configDigest)!.RepoDigests).toContain(`${reg.host}/t/dst@${img.manifestDigest}`);
  });

  it('uploads what the registry lacks, gzipped, and refuses names it has no image for', async () => {
    const e = await newEngine();
    const img = await buildImage({ layers: [randomEntries('u', 4096, 1)], label: 'upload' });
    publish('t/up-src', 'v1', img);
    await pull(e, `${reg.host}/t/up-src:v1`);
    const other = new FakeRegistry();
    await other.start();
    try {
      e.state.setTag(`${other.host}/t/new:v2`, img.configDigest);
      const lines: string[] = [];
      await pushImage(e, { reference: `${other.host}/t/new:v2`, registry: access, onProgress: (m) => { if (!m.progressDetail?.total && m.status) lines.push(`${m.id ? `${m.id}: ` : ''}${m.status}`); } });
      expect(lines).toContain(`${short(img.layers[0]!.diffId)}: Pushed`);
      const pulled = await newEngine();
      await pull(pulled, `${other.host}/t/new:v2`);
      expect(pulled.state.getImage(img.configDigest)).toBeDefined();
      pulled.state.close();
      await expect(pushImage(e, { reference: `${other.host}/t/new:nope`, registry: access })).rejects.toThrow(`tag does not exist: ${other.host}/t/new:nope`);
      await expect(pushImage(e, { reference: `${other.host}/t/absent:v1`, registry: access })).rejects.toThrow(`An image does not exist locally with the tag: ${other.host}/t/absent`);
    } finally {
      await other.stop();
      e.state.close();
    }
  });
});
