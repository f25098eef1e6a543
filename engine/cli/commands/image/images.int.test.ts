// End to end with the built CLI: load → images → tag → save (which real docker loads) → rmi, import
// with --change, history, prune, commit; as root and as the rootless test user.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, rootTarget, rootlessAvailable, rootlessTarget, uniqueName, type Target } from '../../../test-support/cli.js';
import { tarBuffer, fileEntry } from '../../../storage/tar/writer.js';

const BB_ID = 'sha256:7cec26eab73baaa9aacade62fccba98389c4d31db1251504f4823e970ead576c';
const dockerAvailable = (() => { try { execFileSync('docker', ['version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
const targets: Array<() => Target> = [rootTarget];
if (rootlessAvailable()) targets.push(rootlessTarget);

describe.each(targets.map((make) => ({ make, label: make === rootTarget ? 'root' : 'rootless' })))('image commands ($label)', ({ make, label }) => {
  let t: Target;
  let dir: string;
  const name = uniqueName('skiff-img');

  beforeAll(async () => {
    t = make();
    dir = mkdtempSync(join(tmpdir(), 'skiff-imgcli-'));
    chmodSync(dir, 0o777);
  });
  afterAll(async () => {
    // The rootless target keeps the test user's own storage: leave no image of ours behind.
    await t.run(['rmi', '-f', `${name}-commit:1`, `${name}-imp:1`, `${name}:1`]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the busybox archive with Docker\'s id and output', async () => {
    expect(await t.run(['load', '-i', await busyboxArchive()])).toMatchObject({ code: 0, stdout: 'Loaded image: busybox:latest\n', stderr: '' });
    const ids = await t.run(['images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}} {{.Size}}', 'busybox']);
    expect(ids.stdout).toBe(`${BB_ID} busybox:latest 1.98MB\n`);
  });

  it('tags and lists like docker images', async () => {
    expect(await t.run(['tag', 'busybox', `${name}:1`])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const r = await t.run(['images', name]);
    expect(r.stdout).toMatch(new RegExp(`^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE\n${name} +1 +7cec26eab73b +\\d+ years ago +1\\.98MB\n$`));
    expect((await t.run(['tag', 'busybox', 'Bad'])).stderr).toBe('Error parsing reference: "Bad" is not a valid repository/tag: invalid reference format: repository name (library/Bad) must be lowercase\n');
    expect(await t.run(['images', '--filter', 'bogus'])).toMatchObject({ code: 125 });
    expect(await t.run(['images', '--filter', 'bogus=1'])).toMatchObject({ code: 1, stderr: "Error response from daemon: Invalid filter 'bogus'\n" });
  });

  it.skipIf(!dockerAvailable || label !== 'root')('saves an archive that docker loads', async () => {
    const file = join(dir, 'out.tar');
    expect(await t.run(['save', '-o', file, `${name}:1`])).toMatchObject({ code: 0, stdout: '' });
    try {
      expect(execFileSync('docker', ['load', '-i', file], { encoding: 'utf8' })).toBe(`Loaded image: ${name}:1\n`);
      expect(execFileSync('docker', ['image', 'inspect', '-f', '{{.Id}}', `${name}:1`], { encoding: 'utf8' })).toBe(`${BB_ID}\n`);
    } finally {
      execFileSync('docker', ['rmi', `${name}:1`], { stdio: 'ignore' });
    }
  });

  it('removes tags and images with Docker\'s messages', async () => {
    expect(await t.run(['rmi', '7cec26eab73b'])).toMatchObject({ code: 1, stderr: 'Error response from daemon: conflict: unable to delete 7cec26eab73b (must be forced) - image is referenced in multiple repositories\n' });
    expect(await t.run(['rmi', `${name}:1`, 'nope'])).toMatchObject({ code: 1, stdout: `Untagged: ${name}:1\n`, stderr: 'Error response from daemon: No such image: nope:latest\n' });
  });

  it('imports with --change and -m, and shows history', async () => {
    const tarFile = join(dir, 'imp.tar');
    writeFileSync(tarFile, await tarBuffer([fileEntry('etc/hello', 'hi\n')]));
    chmodSync(tarFile, 0o644);
    const r = await t.run(['import', '-c', 'CMD ["sh"]', '-c', 'ENV A=1', '-m', 'my msg', tarFile, `${name}-imp:1`]);
    expect(r.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect((await t.run(['image', 'inspect', '-f', '{{json .Config.Cmd}} {{.Config.Env}} {{.Comment}} {{.Size}}', `${name}-imp:1`])).stdout).toBe('["sh"] [A=1] my msg 3\n');
    const h = await t.run(['history', `${name}-imp:1`]);
    expect(h.stdout).toMatch(/^IMAGE +CREATED +CREATED BY +SIZE +COMMENT\n[0-9a-f]{12} +(Less than a second|\d+ seconds?) ago +3B +my msg\n$/);
    expect((await t.run(['import', '-c', 'STOPSIGNAL 9', tarFile])).stderr).toBe('Error response from daemon: stopsignal is not a valid change command\n');
  });

  it('prunes dangling images', async () => {
    const tarFile = join(dir, 'imp.tar');
    const id = (await t.run(['import', tarFile])).stdout.trim();
    expect((await t.run(['image', 'prune'], { input: 'n\n' })).stdout).toBe('WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ');
    const r = await t.run(['image', 'prune', '-f']);
    expect(r.stdout).toContain(`deleted: ${id}\n`);
    expect(r.stdout).toMatch(/\n\nTotal reclaimed space: \d+B\n$/);
  });

  it('commits a container', async () => {
    const c = `${name}-c`;
    const run = await t.run(['run', '--name', c, 'busybox', 'sh', '-c', 'echo x > /etc/newfile; rm /etc/group']);
    expect(run.code).toBe(0);
    try {
      const r = await t.run(['commit', '-a', 'me', '-m', 'msg', '-c', 'CMD ["cat", "/etc/newfile"]', c, `${name}-commit:1`]);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      const out = await t.run(['run', '--rm', `${name}-commit:1`]);
      expect(out.stdout).toBe('x\n');
      expect((await t.run(['run', '--rm', `${name}-commit:1`, 'ls', '/etc/group'])).code).not.toBe(0);
      expect((await t.run(['history', '--format', '{{.Comment}}', `${name}-commit:1`])).stdout).toBe('msg\n\n\n');
      expect((await t.run(['commit', 'nope'])).stderr).toBe('Error response from daemon: No such container: nope\n');
    } finally {
      await t.run(['rm', '-f', c]);
    }
  });
});
