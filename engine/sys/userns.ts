// Rootless skiff runs every command inside one long-lived user + mount namespace per user, held by a
// `catatonit -P` pause process (Podman's model): the first command creates it with unshare(1), which
// writes the maps through the setuid newuidmap/newgidmap; later commands join it with nsenter(1).
// Inside, the process is uid 0 with the user's subordinate ids mapped, so storage, mounts, conmon and
// runc behave as they do for root, and containers outlive the command that started them.
import { spawn } from 'node:child_process';
import { LISTEN_FDS_START, listenFds, PASSED_ENV } from './socket-activation.js';
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { constants, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOTLESS_GID_ENV, ROOTLESS_UID_ENV, USERNS_ENV } from '../config/identity.js';
import { pidAlive, sleep } from './process.js';
import { subIdRanges } from './subid.js';

const CATATONIT = ['/usr/bin/catatonit', '/usr/libexec/podman/catatonit'];

/** Returns undefined when this process should go on (root, or already inside); else the exit code of the re-executed command. */
export async function enterUserNamespaceIfNeeded(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number | undefined> {
  const uid = process.geteuid?.() ?? 0;
  if (uid === 0 || env[USERNS_ENV]) return undefined;
  const gid = process.getegid?.() ?? 0;
  const runtimeDir = ensureRuntimeDir(uid, env);
  const pausePid = await ensurePauseProcess(uid, runtimeDir);
  return reexecInside(pausePid, argv, { ...env, XDG_RUNTIME_DIR: runtimeDir, [USERNS_ENV]: '1', [ROOTLESS_UID_ENV]: String(uid), [ROOTLESS_GID_ENV]: String(gid) });
}

function ensureRuntimeDir(uid: number, env: NodeJS.ProcessEnv): string {
  const candidates = [env.XDG_RUNTIME_DIR, `/run/user/${uid}`].filter((d): d is string => !!d);
  for (const dir of candidates) {
    try { if (statSync(dir).uid === uid) return dir; } catch { /* try the next one */ }
  }
  const fallback = join('/tmp', `skiff-run-${uid}`);
  mkdirSync(fallback, { recursive: true, mode: 0o700 });
  return fallback;
}

export const pauseFileFor = (runtimeDir: string) => join(runtimeDir, 'skiff', 'pause.pid');

async function ensurePauseProcess(uid: number, runtimeDir: string): Promise<number> {
  const file = pauseFileFor(runtimeDir);
  const existing = readPid(file);
  if (existing && isOurPause(existing)) return existing;
  if (existing) rmSync(file, { force: true });
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const pid = await startPauseProcess(uid);
  // Publish with link(2): it fails if another command published first, and then we use theirs.
  const tmp = `${file}.${pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  writeSync(fd, String(pid));
  closeSync(fd);
  try {
    linkSync(tmp, file);
    return pid;
  } catch {
    process.kill(pid, 'SIGTERM');
    const winner = readPid(file);
    if (!winner) throw new Error('rootless: cannot publish the user namespace holder');
    return winner;
  } finally {
    rmSync(tmp, { force: true });
  }
}

async function startPauseProcess(uid: number): Promise<number> {
  const user = safeUserName(uid);
  const uids = subIdRanges('/etc/subuid', user, uid);
  const gids = subIdRanges('/etc/subgid', user, uid);
  if (uids.length === 0 || gids.length === 0) {
    throw new Error(`rootless: no subordinate ids for user "${user}" in /etc/subuid and /etc/subgid (add a line such as ${user}:100000:65536 to both)`);
  }
  const catatonit = CATATONIT.find((p) => existsSync(p));
  if (!catatonit) throw new Error('rootless: catatonit is not installed (apt-get install catatonit)');
  const mapArgs = (flag: string, ranges: typeof uids) => {
    let inner = 1;
    return ranges.map((r) => { const a = `--map-${flag}=${r.start},${inner},${r.count}`; inner += r.count; return a; });
  };
  const child = spawn('unshare', ['--user', '--mount', '--propagation', 'private', '--map-root-user',
    ...mapArgs('users', uids), ...mapArgs('groups', gids), catatonit, '-P'], { detached: true, stdio: 'ignore' });
  child.unref();
  const pid = child.pid;
  if (!pid) throw new Error('rootless: cannot start unshare');
  for (let i = 0; i < 200; i++) {
    if (isOurPause(pid)) return pid;
    if (child.exitCode !== null) break;
    await sleep(10);
  }
  throw new Error('rootless: the user namespace could not be created (is newuidmap installed and /etc/subuid set up?)');
}

/** A pause process is ours when it runs catatonit in a namespace with more than one id mapped. */
function isOurPause(pid: number): boolean {
  if (!pidAlive(pid)) return false;
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const map = readFileSync(`/proc/${pid}/uid_map`, 'utf8').trim().split('\n');
    return cmd.includes('catatonit') && map.length > 1;
  } catch {
    return false;
  }
}

function readPid(file: string): number | undefined {
  try { return Number(readFileSync(file, 'utf8').trim()) || undefined; } catch { return undefined; }
}

function safeUserName(uid: number): string {
  try { return userInfo().username; } catch { return String(uid); }
}

function reexecInside(pid: number, argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = ['--user', '--mount', '--preserve-credentials', '-t', String(pid), '--', process.execPath, ...process.execArgv, '--', process.argv[1]!, ...argv];
  // Socket activation: hand the listening fds to the process inside, which has another pid.
  const fds = listenFds(env);
  const stdio = ['inherit', 'inherit', 'inherit', ...Array.from({ length: fds }, (_, i) => LISTEN_FDS_START + i)] as const;
  const child = spawn('nsenter', args, { stdio: [...stdio], env: fds > 0 ? { ...env, [PASSED_ENV]: '1' } : env });
  const forward = (sig: NodeJS.Signals) => () => { child.kill(sig); };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGWINCH', 'SIGUSR1', 'SIGUSR2'];
  const handlers = signals.map((s) => { const h = forward(s); process.on(s, h); return [s, h] as const; });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      for (const [s, h] of handlers) process.off(s, h);
      resolve(code ?? 128 + (signal ? (osSignalNumber(signal) ?? 1) : 1));
    });
    child.on('error', (e) => { process.stderr.write(`rootless: cannot enter the user namespace: ${e.message}\n`); resolve(125); });
  });
}

function osSignalNumber(sig: NodeJS.Signals): number | undefined {
  return (constants.signals as Record<string, number>)[sig];
}
