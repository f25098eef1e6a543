// A pull SIGKILLed at any moment leaves the store consistent: `images` never lists a broken image,
// nothing half-written stays under a final name, and the next pull completes. Two pulls at once of
// images that share a layer both succeed and fetch that layer once.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, randomEntries, type BuiltImage } from '../../../../fixtures/images/layered-image.js';
import { uploadImage } from '../../../../fixtures/images/registry-upload.js';
import { registryAvailable, startRegistry, type TestRegistry } from '../../../../fixtures/images/test-registry.js';
import { rootTarget, SKIFF } from '../../../test-support/cli.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!registryAvailable())('pull crash consistency', () => {
  let reg: TestRegistry;
  let a: BuiltImage;
  let b: BuiltImage;
  const shared = randomEntries('shared', 6 << 20, 3);
  beforeAll(async () => {
    reg = await startRegistry();
    a = await buildImage({ layers: [shared, randomEntries('a1', 6 << 20, 3), randomEntries('a2', 2 << 20, 2)], label: 'crash-a' });
    b = await buildImage({ layers: [shared, randomEntries('b1', 4 << 20, 2)], label: 'crash-b' });
    await uploadImage({ base: reg.base, repo: 'crash/a' }, a, 'v1');
    await uploadImage({ base: reg.base, repo: 'crash/b' }, b, 'v1');
  });
  afterAll(async () => { await reg?.stop(); });

  const refA = () => `${reg.host}/crash/a:v1`;

  /** Whatever `images` lists must be whole: inspectable, with every layer present. */
  async function assertConsistent(t: ReturnType<typeof rootTarget>): Promise<void> {
    const ids = (await t.run(['images', '-q', '--no-trunc'])).stdout.split('\n').filter(Boolean);
    for (const id of ids) {
      const r = await t.run(['image', 'inspect', '--format', '{{.Id}} {{len .RootFS.Layers}}', id]);
      expect(r.code).toBe(0);
      const c = await t.run(['create', id, 'true']);
      expect(c.code).toBe(0);
      await t.run(['rm', c.stdout.trim()]);
    }
  }

  it.each(['pull-after-download', 'pull-after-layer', 'pull-before-record'])('killed at %s: nothing listed, the next pull completes', async (fp) => {
    const t = rootTarget();
    const killed = await t.run(['pull', refA()], { env: { SKIFF_FAILPOINT: fp } });
    expect(killed.code).not.toBe(0);
    expect((await t.run(['images', '-q'])).stdout).toBe('');
    await assertConsistent(t);
    const again = await t.run(['pull', '-q', refA()]);
    expect(again).toEqual({ code: 0, stdout: `${refA()}\n`, stderr: '' });
    expect((await t.run(['image', 'inspect', '--format', '{{.Id}}', refA()])).stdout).toBe(`${a.configDigest}\n`);
    expect(readdirSync(join(t.root, 'layers')).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });

  it('killed at random moments: never a broken image, and the next pull completes', async () => {
    const t = rootTarget();
    for (const delay of [40, 90, 150, 220, 300, 420, 600]) {
      const child = spawn(process.execPath, [SKIFF, '--root', t.root, '--runroot', t.runroot, 'pull', refA()], { stdio: 'ignore' });
      // Listen before killing: a pull that finished before the delay has already emitted 'exit'.
      const exited = new Promise((r) => child.on('exit', r));
      await sleep(delay);
      child.kill('SIGKILL');
      await exited;
      await assertConsistent(t);
      await t.run(['rmi', '-f', refA()]);
    }
    const final = await t.run(['pull', refA()]);
    expect(final.code).toBe(0);
    expect(final.stdout).toContain(`Status: Downloaded newer image for ${refA()}`);
    expect(readdirSync(join(t.root, 'layers')).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    expect(readdirSync(join(t.root, 'blobs', 'tmp'))).toEqual([]);
  });

  it('two pulls at once sharing a layer both succeed and fetch it once', async () => {
    const t = rootTarget();
    const before = countGets(reg.log(), a.layers[0]!.digest);
    const [ra, rb] = await Promise.all([t.run(['pull', '-q', refA()]), t.run(['pull', '-q', `${reg.host}/crash/b:v1`])]);
    expect([ra.code, rb.code, ra.stderr, rb.stderr]).toEqual([0, 0, '', '']);
    expect(countGets(reg.log(), a.layers[0]!.digest) - before).toBe(1);
    const layers = await t.run(['image', 'inspect', '--format', '{{index .RootFS.Layers 0}}', refA(), `${reg.host}/crash/b:v1`]);
    expect(layers.stdout).toBe(`${a.layers[0]!.diffId}\n${b.layers[0]!.diffId}\n`);
    await assertConsistent(t);
  });
});

function countGets(log: string, digest: string): number {
  return log.split('\n').filter((l) => l.includes('response completed') && l.includes('http.request.method=GET') && l.includes(`/blobs/${digest}`)).length;
}
