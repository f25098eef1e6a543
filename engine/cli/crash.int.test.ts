// A skiff killed with SIGKILL at any point of `create`/`run -d` must leave storage consistent: no
// half record, and the next command sweeps what the dead one left.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, rootTarget, SKIFF } from '../test-support/cli.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SIGKILL during create', () => {
  const t = rootTarget();
  beforeAll(async () => {
    expect((await t.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });

  it('sweeps what a create killed after laying down the layer, and what a killed rm left', async () => {
    const dirs = () => readdirSync(join(t.root, 'containers')).filter((n) => /^[0-9a-f]{64}$/.test(n));
    const killed = await t.run(['create', '--name', 'half', 'busybox', 'true'], { env: { SKIFF_FAILPOINT: 'create-after-layer' } });
    expect(killed.code).not.toBe(0);
    expect(dirs().length).toBe(1); // a layer that no record points to
    expect((await t.run(['ps', '-a', '-q'])).stdout).toBe('');
    const victim = (await t.run(['create', '--name', 'half', 'busybox', 'true'])).stdout.trim();
    expect(dirs()).toEqual([victim]); // the create swept the orphan, and the name was free
    const rmKilled = await t.run(['rm', victim], { env: { SKIFF_FAILPOINT: 'remove-after-record' } });
    expect(rmKilled.code).not.toBe(0);
    expect(dirs()).toEqual([victim]);
    expect((await t.run(['ps', '-a', '-q'])).stdout).toBe('');
    const fresh = (await t.run(['create', 'busybox', 'true'])).stdout.trim();
    expect(dirs()).toEqual([fresh]);
    expect((await t.run(['rm', fresh])).code).toBe(0);
  });

  it('never leaves a broken record when killed at random moments', async () => {
    for (const delay of [20, 60, 100, 140, 180, 220, 260, 300]) {
      const child = spawn(process.execPath, [SKIFF, '--root', t.root, '--runroot', t.runroot, 'run', '-d', '--label', 'crash=1', 'busybox', 'sleep', '30'], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      await sleep(delay);
      child.kill('SIGKILL');
      await exited;
    }
    const ps = await t.run(['ps', '-a', '-q', '--no-trunc', '--filter', 'label=crash=1']);
    expect(ps.code).toBe(0);
    const ids = ps.stdout.split('\n').filter(Boolean);
    for (const id of ids) {
      const inspect = await t.run(['inspect', '--format', '{{.Id}}', id]);
      expect(inspect.stdout.trim()).toBe(id);
    }
    // A fresh create runs the sweep; afterwards every container directory belongs to a record.
    const fresh = await t.run(['create', '--label', 'crash=1', 'busybox', 'true']);
    expect(fresh.code).toBe(0);
    const all = (await t.run(['ps', '-a', '-q', '--no-trunc'])).stdout.split('\n').filter(Boolean).sort();
    const dirs = readdirSync(join(t.root, 'containers')).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort();
    expect(dirs).toEqual(all);
    const rm = await t.run(['rm', '-f', ...all]);
    expect(rm.code).toBe(0);
    expect((await t.run(['ps', '-a', '-q'])).stdout).toBe('');
  });
});
