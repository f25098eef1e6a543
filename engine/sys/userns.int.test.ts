// Rootless skiff keeps one user namespace per user: concurrent first commands must agree on one
// holder process, and later commands must join it.
import { execa } from 'execa';
import { chownSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rootlessAvailable, SKIFF, TEST_USER } from '../test-support/cli.js';

const catatonits = async (uid: number) =>
  (await execa('ps', ['-u', String(uid), '-o', 'pid=,args='])).stdout.split('\n').filter((l) => l.includes('catatonit -P')).map((l) => Number(l.trim().split(/\s+/)[0]));

describe.skipIf(!rootlessAvailable())('rootless user namespace', () => {
  it('five concurrent first commands create exactly one namespace holder, which later commands join', async () => {
    const uid = Number((await execa('id', ['-u', TEST_USER])).stdout);
    const base = mkdtempSync(join(tmpdir(), 'skiff-userns-'));
    chownSync(base, uid, uid);
    const env = [`HOME=${base}`, `XDG_RUNTIME_DIR=${base}`, `XDG_DATA_HOME=${base}/data`, `USER=${TEST_USER}`, 'PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin'];
    const ps = () => execa('/usr/sbin/runuser', ['-u', TEST_USER, '--', 'env', ...env, process.execPath, '--', SKIFF, 'ps', '-a'], { reject: false, cwd: '/' });
    const before = new Set(await catatonits(uid));
    const results = await Promise.all([ps(), ps(), ps(), ps(), ps()]);
    expect(results.map((r) => r.exitCode)).toEqual([0, 0, 0, 0, 0]);
    const created = (await catatonits(uid)).filter((p) => !before.has(p));
    expect(created.length).toBe(1);
    const holder = Number(readFileSync(join(base, 'skiff', 'pause.pid'), 'utf8'));
    expect(created).toEqual([holder]);
    expect(readFileSync(`/proc/${holder}/uid_map`, 'utf8').trim().split('\n').length).toBeGreaterThan(1);
    expect((await ps()).exitCode).toBe(0);
    expect((await catatonits(uid)).filter((p) => !before.has(p))).toEqual([holder]);
    process.kill(holder, 'SIGTERM');
  });
});
