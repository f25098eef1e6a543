// Starts a container under conmon, the per-container monitor that keeps skiff daemonless: conmon runs
// `runc create`, holds the container's stdio, writes the k8s-file log and the exit file, and runs
// our exit command (`skiff container cleanup ID`) when the container ends — with no skiff alive.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { EngineError } from '../errors.js';
import { runcMessage } from './runc.js';

export interface ConmonCreateOptions {
  conmonPath: string;
  runtimePath: string;
  runcRoot: string;
  id: string;
  name: string;
  bundle: string;
  logPath: string;
  exitDir: string;
  tty: boolean;
  stdin: boolean;
  /** Keep the container's stdin open when an attached client goes away (Docker's containers without StdinOnce). */
  leaveStdinOpen?: boolean;
  /** argv of the exit command, absolute program first. */
  exitCommand: string[];
  env: NodeJS.ProcessEnv;
  /** fds conmon inherits (from 5 on) and holds until it exits, e.g. slirp4netns's exit FIFO. */
  extraFds?: number[];
}

export interface ConmonCreateResult { pid: number; conmonPid: number }

export function conmonArgs(o: ConmonCreateOptions): string[] {
  const [exitProgram, ...exitArgs] = o.exitCommand;
  return [
    '--api-version', '1', '-c', o.id, '-u', o.id, '-r', o.runtimePath, '-b', o.bundle,
    '-p', join(o.bundle, 'pidfile'), '-n', o.name, '--exit-dir', o.exitDir, '--full-attach',
    '-0', o.bundle, '-l', `k8s-file:${o.logPath}`, '--log-level', 'warning',
    '--runtime-arg', '--root', '--runtime-arg', o.runcRoot,
    '--runtime-arg', '--log-format=json', '--runtime-arg', '--log', `--runtime-arg=${join(o.bundle, 'oci-log')}`,
    '--conmon-pidfile', join(o.bundle, 'conmon.pid'),
    ...(o.tty ? ['-t'] : o.stdin ? ['-i'] : []),
    ...(!o.tty && o.stdin && o.leaveStdinOpen ? ['--leave-stdin-open'] : []),
    ...(exitProgram ? ['--exit-command', exitProgram, ...exitArgs.flatMap((a) => ['--exit-command-arg', a])] : []),
  ];
}

/** Spawn conmon, release it, and wait until runc has created the container (status "created"). */
export async function createWithConmon(o: ConmonCreateOptions): Promise<ConmonCreateResult> {
  const child = spawn(o.conmonPath, conmonArgs(o), {
    cwd: o.bundle,
    detached: true,
    env: { ...o.env, _OCI_SYNCPIPE: '3', _OCI_STARTPIPE: '4' },
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe', ...(o.extraFds ?? [])],
  });
  const sync = child.stdio[3] as Readable;
  const start = child.stdio[4] as Writable;
  // conmon closes or resets its ends when it daemonizes; that is not an error for us.
  start.on('error', () => undefined);
  sync.on('error', () => undefined);
  const intermediateExit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  const spawnError = new Promise<never>((_, reject) => child.on('error', (e) => reject(new EngineError('unavailable', 'conmon-spawn', `conmon: ${e.message}`))));
  try {
    start.write(Buffer.from([0]));
    const message = await Promise.race([readSyncMessage(sync), spawnError]);
    await Promise.race([intermediateExit, spawnError]);
    if (message.data < 0) throw runtimeCreateError(message.message ?? '', o.bundle);
    return { pid: message.data, conmonPid: readConmonPid(o.bundle) };
  } finally {
    sync.destroy();
    start.destroy();
    child.unref();
  }
}

interface SyncMessage { data: number; message?: string }

/** conmon writes one JSON object per line on the sync pipe ({"data": pid} or {"data": -1, "message": …}). */
function readSyncMessage(sync: Readable): Promise<SyncMessage> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new EngineError('internal', 'conmon-timeout', 'timed out waiting for conmon to create the container')), 240_000);
    sync.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) { clearTimeout(timer); resolve(JSON.parse(buf.slice(0, nl)) as SyncMessage); }
    });
    sync.on('end', () => {
      clearTimeout(timer);
      if (buf.trim()) { try { resolve(JSON.parse(buf.trim()) as SyncMessage); return; } catch { /* fall through */ } }
      reject(new EngineError('internal', 'conmon-failed', 'conmon exited before the container was created'));
    });
    sync.on('error', () => { /* 'end' or the timer decides */ });
  });
}

function readConmonPid(bundle: string): number {
  try { return Number(readFileSync(join(bundle, 'conmon.pid'), 'utf8').trim()) || 0; } catch { return 0; }
}

/** conmon relays runc's stderr ("runc create failed: …"); runc's JSON log is the fallback. */
function runtimeCreateError(conmonMessage: string, bundle: string): EngineError {
  let text = conmonMessage.trim();
  if (!text) {
    try { text = `runc create failed: ${runcMessage(readFileSync(join(bundle, 'oci-log'), 'utf8')).split('\n').pop()}`; } catch { text = 'runc create failed'; }
  }
  // docker parity: moby/containerd wrap runtime failures this way (observed on Docker 20.10.24).
  const full = `failed to create shim task: OCI runtime create failed: ${text}: unknown`;
  const status = /executable file not found|no such file or directory/.test(text) ? 127 : /permission denied|is a directory/.test(text) ? 126 : undefined;
  return new EngineError('internal', 'oci-runtime-create', full, { exitStatus: status });
}
