// Runs an exec session under conmon (`conmon --exec`), as Podman does: conmon holds the process's
// stdio (pipes, or a pty through runc's --console-socket), serves it on an attach socket in the
// session directory, takes resizes on its ctl FIFO and writes the exit code to <dir>/exit — so the
// session outlives the skiff process that started it. With `attach`, conmon waits for our attach
// connection before it runs `runc exec`, so no output is lost.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { EngineError } from '../errors.js';

export interface ConmonExecOptions {
  conmonPath: string;
  runtimePath: string;
  runcRoot: string;
  containerId: string;
  execId: string;
  name: string;
  /** The session directory: process.json, attach socket, ctl FIFO, pid and exit files. */
  dir: string;
  tty: boolean;
  stdin: boolean;
  env: NodeJS.ProcessEnv;
}

export interface ConmonExecStarted {
  pid: number;
  /**
   * The exit code conmon reports (128+N for a signal), or from the exit file if the pipe breaks;
   * undefined when it is not known yet (released, or conmon died without one).
   */
  exited: Promise<number | undefined>;
  /** Stop listening for the exit (a detached session): conmon carries on alone. */
  release(): void;
}

export interface ConmonExecFailure { message: string }

export function conmonExecArgs(o: ConmonExecOptions, attach: boolean): string[] {
  return [
    '--api-version', '1', '-c', o.containerId, '-u', o.execId, '-r', o.runtimePath, '-b', o.dir,
    '-p', join(o.dir, 'pid'), '-n', o.name, '-0', o.dir, '--full-attach', '-l', 'none', '--log-level', 'warning',
    '--runtime-arg', '--root', '--runtime-arg', o.runcRoot,
    '--runtime-arg', '--log-format=json', '--runtime-arg', '--log', `--runtime-arg=${join(o.dir, 'oci-log')}`,
    '--conmon-pidfile', join(o.dir, 'conmon.pid'),
    '-e', '--exec-process-spec', join(o.dir, 'process.json'),
    ...(o.tty ? ['-t'] : o.stdin ? ['-i'] : []),
    ...(attach ? ['--exec-attach'] : []),
  ];
}

/**
 * Spawns conmon for the session. `beforeStart` (attached sessions) runs once conmon listens on the
 * attach socket and before the process runs. Resolves with the pid, or rejects with the runtime's
 * message (kind 'internal', code 'oci-runtime-exec').
 */
export async function execWithConmon(o: ConmonExecOptions, beforeStart?: () => Promise<void>): Promise<ConmonExecStarted> {
  const attach = beforeStart !== undefined;
  const child = spawn(o.conmonPath, conmonExecArgs(o, attach), {
    cwd: o.dir, detached: true,
    env: { ...o.env, _OCI_SYNCPIPE: '3', _OCI_STARTPIPE: '4', ...(attach ? { _OCI_ATTACHPIPE: '5' } : {}) },
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe', ...(attach ? ['pipe' as const] : [])],
  });
  const sync = lineReader(child.stdio[3] as Readable);
  const start = child.stdio[4] as Writable;
  const attachPipe = attach ? lineReader((child.stdio as unknown as Readable[])[5]!) : undefined;
  start.on('error', () => undefined);
  const spawnError = new Promise<never>((_, reject) => child.on('error', (e) => reject(new EngineError('unavailable', 'conmon-spawn', `conmon: ${e.message}`))));
  spawnError.catch(() => undefined);
  child.unref();
  const release = () => { sync.close(); attachPipe?.close(); start.destroy(); };
  try {
    start.write(Buffer.from([0]));
    if (attachPipe) {
      const ready = await Promise.race([attachPipe.next(), spawnError]);
      if (!ready) throw failure(o.dir, '');
      await beforeStart!();
      start.write(Buffer.from([0]));
    }
    const first = await Promise.race([sync.next(), spawnError]);
    if (!first || first.data <= 0) throw failure(o.dir, first?.message ?? '');
    start.destroy();
    attachPipe?.close();
    const exited = sync.next().then((m) => {
      if (m && m.message === undefined) return m.data;
      const code = readExitFile(o.dir);
      return code >= 0 ? code : undefined;
    });
    return { pid: first.data, exited, release };
  } catch (e) {
    release();
    throw e;
  }
}

/** conmon writes the decimal exit code to <dir>/exit when the process ends. */
export function readExitFile(dir: string): number {
  try {
    const text = readFileSync(join(dir, 'exit'), 'utf8').trim();
    return text === '' ? -1 : Number(text);
  } catch { return -1; }
}

interface SyncMessage { data: number; message?: string }

/** conmon's pipes carry one JSON object per line. next() gives undefined once the pipe is closed. */
function lineReader(stream: Readable): { next(): Promise<SyncMessage | undefined>; close(): void } {
  let buf = '';
  let ended = false;
  const queue: SyncMessage[] = [];
  let waiter: (() => void) | undefined;
  const wake = () => { const w = waiter; waiter = undefined; w?.(); };
  stream.on('data', (chunk: Buffer) => {
    buf += chunk.toString('utf8');
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (!line) continue;
      try { queue.push(JSON.parse(line) as SyncMessage); } catch { /* not conmon's */ }
    }
    wake();
  });
  const finish = () => { ended = true; wake(); };
  stream.on('end', finish);
  stream.on('close', finish);
  stream.on('error', finish);
  return {
    next: async () => {
      while (queue.length === 0 && !ended) await new Promise<void>((r) => { waiter = r; });
      return queue.shift();
    },
    close: () => { stream.destroy(); finish(); },
  };
}

/** runc's JSON log says why the exec failed; conmon relays runc's stderr as a fallback. */
function failure(dir: string, conmonMessage: string): EngineError {
  let text = '';
  try {
    const lines = readFileSync(join(dir, 'oci-log'), 'utf8').split('\n').filter(Boolean)
      .map((l) => { try { return JSON.parse(l) as { level?: string; msg?: string }; } catch { return {}; } });
    text = lines.filter((l) => l.level === 'error' || l.level === 'fatal').pop()?.msg ?? '';
  } catch { /* no log */ }
  if (!text) text = conmonMessage.trim().split('\n').pop() ?? '';
  return new EngineError('internal', 'oci-runtime-exec', text || 'exec failed');
}
