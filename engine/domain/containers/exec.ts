// `exec` runs a process in a running container with `runc exec`, which takes the container's own
// process settings (env, capabilities, cwd, user) from its bundle and applies our overrides; runc
// proxies the pty itself for -t, so the CLI needs no attach socket.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { join } from 'node:path';
import type { Engine } from '../../context.js';
import { conflict, EngineError } from '../../errors.js';
import { runtimeEnv } from '../../runtime/index.js';
import { runcMessage } from '../../runtime/runc.js';
import { generateId } from '../../sys/ids.js';
import { boundingCapabilities } from '../../sys/host-facts.js';
import { CAPABILITY_NAMES } from '../../runtime/spec/capabilities.js';
import { getContainer } from './lookup.js';
import { syncContainer } from './sync.js';

export interface ExecOptions {
  ref: string;
  cmd: string[];
  env?: string[];
  user?: string;
  workdir?: string;
  tty?: boolean;
  detach?: boolean;
  privileged?: boolean;
  stdio: ['inherit' | 'ignore' | 'pipe', 'inherit' | 'ignore' | 'pipe', 'inherit' | 'ignore' | 'pipe'];
  /** Where an inherited stderr goes: through skiff, so runc's own report of a failed start can be dropped. */
  stderrSink?: Writable;
  /** Resolves a user spec against the container's rootfs into "uid:gid" and extra gids. */
  resolveUser?: (rootfs: string, user: string) => { uid: number; gid: number; additionalGids: number[] };
}


export async function execInContainer(engine: Engine, opts: ExecOptions): Promise<{ exitCode: number; id: string }> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  // docker parity: moby daemon/exec.go getActiveContainer (the paused message names the container as given)
  if (rec.State.Status === 'paused') throw conflict('paused', `Container ${opts.ref} is paused, unpause the container before exec`);
  if (rec.State.Status !== 'running') throw conflict('not-running', `Container ${rec.Id} is not running`);
  const execId = generateId();
  const logFile = join(engine.config.paths.runRoot, `exec-${execId}.log`);
  const pidFile = join(engine.config.paths.runRoot, `exec-${execId}.pid`);
  const args = ['--root', engine.config.paths.runcRoot, '--log', logFile, '--log-format', 'json', 'exec', '--pid-file', pidFile];
  if (opts.tty) args.push('--tty');
  if (opts.detach) args.push('--detach');
  if (opts.workdir) args.push('--cwd', opts.workdir);
  for (const e of opts.env ?? []) args.push('--env', e);
  if (opts.user) {
    const rootfs = engine.storage.describe(rec.Id).mergedDir;
    const u = opts.resolveUser ? opts.resolveUser(rootfs, opts.user) : numericUser(opts.user);
    args.push('--user', `${u.uid}:${u.gid}`);
    if (u.additionalGids.length > 0) args.push('--additional-gids', u.additionalGids.join(','));
  }
  if (opts.privileged) for (const cap of boundingCapabilities(CAPABILITY_NAMES)) args.push('--cap', cap);
  args.push(rec.Id, ...opts.cmd);
  const gate = opts.stdio[2] === 'inherit' && opts.stderrSink ? stderrGate(opts.stderrSink, pidFile) : undefined;
  const code = await new Promise<number>((resolve, reject) => {
    const stdio = gate ? [opts.stdio[0], opts.stdio[1], 'pipe' as const] : opts.stdio;
    const child = spawn(engine.config.runtimePath, args, { stdio, env: runtimeEnv(engine) });
    child.stderr?.on('data', (b: Buffer) => gate?.write(b));
    child.on('error', reject);
    child.on('close', (c, sig) => resolve(c ?? 128 + (sig ? 9 : 0)));
  });
  const failure = readExecFailure(logFile);
  gate?.end(!failure);
  rmSync(logFile, { force: true });
  rmSync(pidFile, { force: true });
  if (failure) {
    // docker parity: observed on Docker 20.10: every exec start failure exits 126.
    throw new EngineError('internal', 'oci-runtime-exec', `OCI runtime exec failed: ${failure}: unknown`, { exitStatus: 126 });
  }
  return { exitCode: code, id: execId };
}

/**
 * runc hands the process its own stderr and also prints its errors there. Until the pid file shows the
 * process started, stderr is held back; if the start failed, what was held is runc's message and is dropped.
 */
function stderrGate(sink: Writable, pidFile: string): { write(b: Buffer): void; end(keep: boolean): void } {
  let started = false;
  const held: Buffer[] = [];
  const release = () => {
    if (!started && existsSync(pidFile)) { started = true; for (const b of held.splice(0)) sink.write(b); }
    return started;
  };
  const timer = setInterval(() => { if (held.length > 0) release(); }, 20);
  return {
    write: (b) => { if (release()) sink.write(b); else held.push(b); },
    end: (keep) => { clearInterval(timer); if (keep) for (const b of held.splice(0)) sink.write(b); },
  };
}

function readExecFailure(logFile: string): string | undefined {
  let text = '';
  try { text = readFileSync(logFile, 'utf8'); } catch { return undefined; }
  const lines = text.split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l) as { level?: string; msg?: string }; } catch { return {}; } });
  const err = lines.filter((l) => l.level === 'error' || l.level === 'fatal').pop();
  if (!err?.msg) return undefined;
  return runcMessage(err.msg).replace(/^runc exec failed: /, 'exec failed: ');
}

function numericUser(spec: string): { uid: number; gid: number; additionalGids: number[] } {
  const [u = '0', g] = spec.split(':');
  return { uid: Number(u), gid: Number(g ?? u), additionalGids: [] };
}
