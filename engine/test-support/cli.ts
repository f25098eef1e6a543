// Runs the built skiff CLI for integration tests, as root in a private storage root or as the
// rootless test user in that user's default storage.
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const SKIFF = join(REPO, 'dist', 'skiff.js');
export const TEST_USER = process.env.SKIFF_TEST_USER ?? 'skiffuser';

export interface Result { code: number; stdout: string; stderr: string }
export interface Target { name: 'root' | 'rootless'; run(args: string[], opts?: { input?: string | Buffer; timeoutMs?: number; env?: Record<string, string> }): Promise<Result> }

export function rootTarget(): Target & { root: string; runroot: string } {
  const base = mkdtempSync(join(tmpdir(), 'skiff-it-'));
  const root = join(base, 'root');
  const runroot = join(base, 'run');
  return {
    name: 'root', root, runroot,
    run: async (args, opts = {}) => {
      // `--` first: Node 20 reads a later `--env-file X` as its own option (nodejs/node#54232) and exits 9.
      const r = await execa(process.execPath, ['--', SKIFF, '--root', root, '--runroot', runroot, ...args], {
        reject: false, input: opts.input, timeout: opts.timeoutMs ?? 60_000, env: opts.env, stripFinalNewline: false,
      });
      return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    },
  };
}

export function rootlessAvailable(): boolean {
  try {
    execFileSync('id', ['-u', TEST_USER], { stdio: 'ignore' });
    return existsSync('/usr/bin/newuidmap') && process.geteuid?.() === 0;
  } catch {
    return false;
  }
}

export function rootlessTarget(): Target & { uid: number } {
  const uid = Number(execFileSync('id', ['-u', TEST_USER], { encoding: 'utf8' }).trim());
  const home = execFileSync('getent', ['passwd', TEST_USER], { encoding: 'utf8' }).split(':')[5]!;
  return {
    name: 'rootless', uid,
    run: async (args, opts = {}) => {
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, USER: TEST_USER, XDG_RUNTIME_DIR: `/run/user/${uid}`, ...opts.env };
      const r = await execa('/usr/sbin/runuser', ['-u', TEST_USER, '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, '--', SKIFF, ...args], {
        reject: false, input: opts.input, timeout: opts.timeoutMs ?? 60_000, stripFinalNewline: false, cwd: '/',
        env: {}, extendEnv: false,
      });
      return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: r.exitCode === undefined ? String(r.message) : String(r.stderr) };
    },
  };
}

/** The reproducible busybox test image as a docker-archive file, built once per process. */
let archive: string | undefined;
export async function busyboxArchive(): Promise<string> {
  if (archive) return archive;
  const { buildBusyboxArchive } = await import('../../fixtures/images/build-busybox.js');
  const { writeFileSync, chmodSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'skiff-img-'));
  chmodSync(dir, 0o755);
  const file = join(dir, 'busybox.tar');
  writeFileSync(file, (await buildBusyboxArchive('busybox:latest')).archive, { mode: 0o644 });
  archive = file;
  return file;
}

export const uniqueName = (prefix: string) => `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
