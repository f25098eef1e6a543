// pull, push and pull-on-run against the loopback registry, each compared with docker doing the same.
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImage, buildIndex, dockerArchive, randomEntries, type BuiltImage, type EntrySpec } from '../../../../fixtures/images/layered-image.js';
import { uploadImage, uploadIndex } from '../../../../fixtures/images/registry-upload.js';
import { rootTarget, uniqueName } from '../../../test-support/cli.js';
import { dockerAvailable, dockerTarget, scratchDir } from '../../../test-support/paired.js';
import { anonymousLayers, hideDigests, shape } from './testdata/progress-shape.js';

const REGISTRY = '127.0.0.1:5000';
const docker = dockerTarget();
const skiff = rootTarget();
const u = uniqueName('it').replace(/[^a-z0-9-]/g, '');
const dockerRefs: string[] = [];

const files = (tag: string): EntrySpec[] => [
  { type: 'dir', name: 'app' }, { type: 'file', name: 'app/hello', data: `hello ${tag} ${u}\n` }, { type: 'file', name: 'app/old', data: 'old' },
  { type: 'dir', name: 'bin' }, { type: 'symlink', name: 'bin/hello', target: '../app/hello' },
];
// Layer contents are unique per run: docker remembers every layer it ever pushed (and mounts it).
const later = (): EntrySpec[] => [{ type: 'whiteout', name: 'app/old' }, { type: 'file', name: 'app/new', data: `new ${u}` }, { type: 'link', name: 'app/new2', target: 'app/new' }];

async function published(name: string, layers: EntrySpec[][], tag = 'v1'): Promise<{ ref: string; img: BuiltImage }> {
  const img = await buildImage({ layers, label: `${u}-${name}` });
  await uploadImage({ base: `http://${REGISTRY}`, repo: `skiff-it/${u}-${name}` }, img, tag);
  const ref = `${REGISTRY}/skiff-it/${u}-${name}:${tag}`;
  dockerRefs.push(ref);
  return { ref, img };
}

/** The same argv through both engines: exit codes and outputs. */
async function both(args: string[]) {
  const [d, s] = [await docker.run(args), await skiff.run(args)];
  return { d, s };
}

const available = dockerAvailable();

describe.skipIf(!available)('registry: pull, push, run against docker', () => {
  afterAll(async () => {
    for (const r of dockerRefs) await docker.run(['rmi', '-f', r]);
  });

  it('pulls a four-layer image line for line as docker does (Waiting, checksums, Digest, Status)', async () => {
    const { ref, img } = await published('pull', [files('a'), randomEntries('data', 300_000, 3), later(), randomEntries('more', 100_000, 2)]);
    const { d, s } = await both(['pull', ref]);
    expect([s.code, s.stderr]).toEqual([d.code, d.stderr]);
    const [ds, ss] = [shape(d.stdout), shape(s.stdout)];
    expect(ss.head).toEqual(ds.head);
    expect(ss.tail).toEqual(ds.tail);
    expect(ss.layers).toEqual(ds.layers);
    expect(ss.count).toBe(ds.count);
    expect(Object.values(ss.layers).some((seq) => seq.includes('Waiting'))).toBe(true);
    const again = await both(['pull', ref]);
    expect(again.s).toEqual(again.d);
    const inspect = await both(['image', 'inspect', '--format', '{{.Id}} {{.RepoTags}} {{.RepoDigests}} {{.Size}} {{.Os}}/{{.Architecture}}', ref]);
    expect(inspect.s).toEqual(inspect.d);
    expect(inspect.s.stdout).toContain(img.configDigest);
    const digests = await both(['images', '--digests', '--format', '{{.Repository}} {{.Tag}} {{.Digest}} {{.ID}}', ref.replace(/:v1$/, '')]);
    expect(digests.s).toEqual(digests.d);
  });

  it('pulls quietly, by digest, and every tag, as docker does', async () => {
    const { ref, img } = await published('tags', [files('t')], 'a');
    await uploadImage({ base: `http://${REGISTRY}`, repo: `skiff-it/${u}-tags` }, img, 'b');
    dockerRefs.push(ref.replace(/:a$/, ':b'));
    const quiet = await both(['pull', '-q', ref]);
    expect(quiet.s).toEqual(quiet.d);
    const byDigest = `${ref.replace(/:a$/, '')}@${img.manifestDigest}`;
    dockerRefs.push(byDigest);
    const dig = await both(['pull', byDigest]);
    expect(dig.s).toEqual(dig.d);
    const all = await both(['pull', '-a', ref.replace(/:a$/, '')]);
    expect(all.s).toEqual(all.d);
  });

  it('picks the same platform from a multi-platform index', async () => {
    const amd = await buildImage({ layers: [files('amd64')], label: `${u}-amd` });
    const arm = await buildImage({ layers: [files('arm64')], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }, label: `${u}-arm`, format: 'oci' });
    const repo = `skiff-it/${u}-multi`;
    await uploadIndex({ base: `http://${REGISTRY}`, repo }, buildIndex([arm, amd]), 'v1');
    const ref = `${REGISTRY}/${repo}:v1`;
    dockerRefs.push(ref);
    const { d, s } = await both(['pull', ref]);
    expect(shape(s.stdout)).toEqual(shape(d.stdout));
    const id = await both(['image', 'inspect', '--format', '{{.Id}} {{.RepoDigests}}', ref]);
    expect(id.s).toEqual(id.d);
    expect(id.s.stdout).toContain(amd.configDigest);
    await both(['rmi', ref]);
    const armPull = await both(['pull', '--platform', 'linux/arm64', ref]);
    expect(armPull.s.code).toBe(0);
    const armId = await both(['image', 'inspect', '--format', '{{.Id}} {{.Architecture}}', ref]);
    expect(armId.s).toEqual(armId.d);
    expect(armId.s.stdout).toBe(`${arm.configDigest} arm64\n`);
  });

  it('fails as docker does', async () => {
    const cases = [
      ['pull', `${REGISTRY}/skiff-it/${u}-none:v1`], ['pull', '-a', `${REGISTRY}/skiff-it/${u}-none`], ['pull', '-a', `${REGISTRY}/x/y:v1`],
      ['pull', 'UPPER/case'], ['pull', 'a%b'], ['pull', '127.0.0.1:5999/x/y:v1'], ['pull', '--platform', 'bogus', `${REGISTRY}/x/y:v1`],
      ['push', `${REGISTRY}/skiff-it/${u}-nothing:v1`], ['push', '-q', `${REGISTRY}/skiff-it/${u}-nothing:v1`],
    ];
    for (const args of cases) {
      const { d, s } = await both(args);
      expect({ args, ...s }).toEqual({ args, ...d });
    }
  });

  it('pushes line for line as docker does: uploads, then layers that exist, then mounts', async () => {
    const img = await buildImage({ layers: [files('p'), randomEntries('pushed', 200_000, 2), later()], label: `${u}-push` });
    const dir = scratchDir('skiff-push-');
    const archive = join(dir, 'img.tar');
    writeFileSync(archive, await dockerArchive(img, `skiff-it-${u}-push:v1`));
    for (const t of [docker, skiff]) expect((await t.run(['load', '-q', '-i', archive])).code).toBe(0);
    const repoOf = (who: string) => `${REGISTRY}/skiff-it/${u}-push-${who}`;
    const norm = (who: string) => (l: string) => hideDigests(l.split(repoOf(who)).join('<repo>').split(`skiff-it/${u}-push-${who}`).join('<path>'));
    const compare = async (args: (who: string) => string[]) => {
      const d = await docker.run(args('d'));
      const s = await skiff.run(args('s'));
      expect([s.code, s.stderr]).toEqual([d.code, d.stderr]);
      expect(anonymousLayers(shape(s.stdout, norm('s')))).toEqual(anonymousLayers(shape(d.stdout, norm('d'))));
      return { d, s };
    };
    for (const t of [docker, skiff]) for (const who of ['d', 's']) await t.run(['tag', `skiff-it-${u}-push:v1`, `${repoOf(who)}:v1`]);
    dockerRefs.push(`${repoOf('d')}:v1`, `${repoOf('s')}:v1`, `skiff-it-${u}-push:v1`);
    const first = await compare((w) => ['push', `${repoOf(w)}:v1`]);
    expect(first.s.stdout).toContain(': Pushed');
    const again = await compare((w) => ['push', `${repoOf(w)}:v1`]);
    expect(again.s.stdout).toContain(': Layer already exists');
    for (const t of [docker, skiff]) for (const who of ['d', 's']) await t.run(['tag', `skiff-it-${u}-push:v1`, `${repoOf(who)}-2:v1`]);
    dockerRefs.push(`${repoOf('d')}-2:v1`, `${repoOf('s')}-2:v1`);
    const mounted = await compare((w) => ['push', `${repoOf(w)}-2:v1`]);
    expect(mounted.s.stdout).toContain(`: Mounted from skiff-it/${u}-push-s`);
    const quiet = await compare((w) => ['push', '-q', `${repoOf(w)}:v1`]);
    expect(quiet.s.stdout).toBe(`${repoOf('s')}:v1\n`);
    const tagMissing = await both(['push', `${repoOf('s')}:nope`]);
    expect(tagMissing.s).toEqual(tagMissing.d);
    // What skiff pushed is an image docker can pull, with the same id.
    await docker.run(['rmi', `${repoOf('s')}:v1`]);
    const pulled = await docker.run(['pull', '-q', `${repoOf('s')}:v1`]);
    expect(pulled.code).toBe(0);
    expect((await docker.run(['image', 'inspect', '--format', '{{.Id}}', `${repoOf('s')}:v1`])).stdout).toBe(`${img.configDigest}\n`);
  });

  it('run and create pull a missing image first, and honour --pull', async () => {
    const bb = await skiff.run(['image', 'inspect', '--format', '{{.Id}}', 'busybox']);
    if (bb.code !== 0) {
      const { busyboxArchive } = await import('../../../test-support/cli.js');
      await skiff.run(['load', '-i', await busyboxArchive()]);
    }
    const repo = `${REGISTRY}/skiff-it/${u}-run`;
    for (const t of [docker, skiff]) { await t.run(['tag', 'busybox:latest', `${repo}:v1`]); await t.run(['push', '-q', `${repo}:v1`]); await t.run(['rmi', `${repo}:v1`]); }
    dockerRefs.push(`${repo}:v1`);
    const run = await both(['run', '--rm', `${repo}:v1`, 'echo', 'pulled-and-ran']);
    expect([run.s.code, run.s.stdout]).toEqual([run.d.code, run.d.stdout]);
    expect(shape(run.s.stderr)).toEqual(shape(run.d.stderr));
    const never = await both(['run', '--rm', '--pull', 'never', `${repo}:none`, 'true']);
    expect([never.s.code, never.s.stderr.replace(/^skiff: /, 'docker: ').replace("'skiff run", "'docker run")]).toEqual([never.d.code, never.d.stderr]);
    const missing = await both(['create', `${repo}:none`]);
    expect([missing.s.code, missing.s.stderr]).toEqual([missing.d.code, missing.d.stderr]);
    const always = await both(['run', '--rm', '--pull', 'always', `${repo}:v1`, 'true']);
    expect([always.s.code, always.s.stderr]).toEqual([always.d.code, always.d.stderr]);
    const quiet = await both(['run', '--rm', '-q', '--pull', 'always', `${repo}:v1`, 'true']);
    expect(quiet.s).toEqual(quiet.d);
  });

  it('removes by digest', async () => {
    const { ref, img } = await published('rmi', [files('r')]);
    await both(['pull', '-q', ref]);
    const byDigest = `${ref.replace(/:v1$/, '')}@${img.manifestDigest}`;
    await both(['rmi', ref]);
    const rm = await both(['rmi', byDigest]);
    expect(rm.s).toEqual(rm.d);
  });
});
