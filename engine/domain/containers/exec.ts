// `exec` runs a process in a running container with `runc exec`, which takes the container's own
// process settings (env, capabilities, cwd, user) from its bundle and applies our overrides; runc
// proxies the pty itself for -t, so the CLI needs no attach socket.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
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
  /** Resolves a user spec against the container's rootfs into "uid:gid" and extra gids. */
  resolveUser?: (rootfs: string, user: string) => { uid: number; gid: number; additionalGids: number[] };
}


export async function execInContainer(engine: Engine, opts: ExecOptions): Promise<{ exitCode: number; id: string }> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  // docker parity: moby daemon/exec.go
  if (rec.State.Status === 'paused') throw conflict('paused', `Container ${rec.Id} is paused, unpause the container before exec`);
  if (rec.State.Status !== 'running') throw conflict('not-running', `Container ${rec.Id} is not running`);
  const execId = generateId();
  const logFile = join(engine.config.paths.runRoot, `exec-${execId}.log`);
  const args = ['--root', engine.config.paths.runcRoot, '--log', logFile, '--log-format', 'json', 'exec'];
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
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(engine.config.runtimePath, args, { stdio: opts.stdio, env: runtimeEnv(engine) });
    child.on('error', reject);
    child.on('exit', (c, sig) => resolve(c ?? 128 + (sig ? 9 : 0)));
  });
  const failure = readExecFailure(logFile);
  rmSync(logFile, { force: true });
  if (failure) {
    // docker parity: observed on Docker 20.10: every exec start failure exits 126.
    throw new EngineError('internal', 'oci-runtime-exec', `OCI runtime exec failed: ${failure}: unknown`, { exitStatus: 126 });
  }
  return { exitCode: code, id: execId };
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
