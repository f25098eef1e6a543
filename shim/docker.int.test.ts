// The shim is `docker` for skiff: same arguments, skiff's behaviour, Docker's wording.
import { execa } from 'execa';
import { mkdtempSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, REPO, rootTarget } from '../engine/test-support/cli.js';

const SHIM = join(REPO, 'shim', 'docker.js');
const t = rootTarget();
const shim = (args: string[]) => execa(process.execPath, [SHIM, '--root', t.root, '--runroot', t.runroot, ...args], { reject: false });

describe('docker shim', () => {
  beforeAll(async () => {
    expect((await shim(['load', '-i', await busyboxArchive()])).exitCode).toBe(0);
  });

  it('runs skiff with the same arguments and prints nothing of its own', async () => {
    const r = await shim(['run', '--rm', 'busybox', 'sh', '-c', 'echo via-shim; exit 5']);
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toBe('via-shim');
    expect(r.stderr).toBe('');
  });

  it("speaks as docker in its messages, exactly as the docker CLI does", async () => {
    const ours = await shim(['ps', '--bogus']);
    const theirs = await execa('docker', ['ps', '--bogus'], { reject: false });
    expect(ours.exitCode).toBe(125);
    expect(ours.stderr).toBe(theirs.stderr);
    expect(ours.exitCode).toBe(theirs.exitCode);
    const missingArgs = await shim(['rm']);
    const theirsMissing = await execa('docker', ['rm'], { reject: false });
    expect(missingArgs.stderr).toBe(theirsMissing.stderr);
    expect(missingArgs.exitCode).toBe(theirsMissing.exitCode);
  });

  it('installs itself as docker and refuses to replace a foreign one without --force', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'skiff-bin-'));
    const sock = join(bin, 'docker.sock');
    const r = await shim(['system', 'install-docker-shim', '--bin-dir', bin, '--socket', sock]);
    expect(r.exitCode).toBe(0);
    expect(readlinkSync(join(bin, 'docker'))).toBe(SHIM);
    const viaPath = await execa(join(bin, 'docker'), ['--root', t.root, '--runroot', t.runroot, 'run', '--rm', 'busybox', 'echo', 'installed'], { reject: false });
    expect(viaPath.stdout).toBe('installed');
    const other = mkdtempSync(join(tmpdir(), 'skiff-bin-'));
    writeFileSync(join(other, 'docker'), '#!/bin/sh\n');
    const refused = await shim(['system', 'install-docker-shim', '--bin-dir', other, '--socket', join(other, 's.sock')]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('already exists and is not skiff');
    const forced = await shim(['system', 'install-docker-shim', '--bin-dir', other, '--socket', join(other, 's.sock'), '--force']);
    expect(forced.exitCode).toBe(0);
  });
});
