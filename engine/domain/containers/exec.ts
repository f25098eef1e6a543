// Exec instances, as Docker splits them: `createExec` records the instance (ID, config, not yet run),
// `startExec` runs it under conmon (engine/runtime/conmon-exec.ts) with its stdio on conmon's attach
// socket — pipes, or a pty with Tty — or detached. The record lives in the state store so any skiff
// process can inspect it; conmon's exit file settles it when no skiff process was watching.
// Instances go away with their container (removal) and when it starts again, as in Docker.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Engine } from '../../context.js';
import { conflict, EngineError, invalidArgument, notFound } from '../../errors.js';
import type { ContainerRecord } from '../../model/container.js';
import type { ExecRecord } from '../../state/store.js';
import { attachToConmon, resizeTerminal, type AttachConnection } from '../../runtime/attach.js';
import { execWithConmon, readExitFile } from '../../runtime/conmon-exec.js';
import { bundleDir, runtimeEnv } from '../../runtime/index.js';
import { runcMessage } from '../../runtime/runc.js';
import { buildExecProcess } from '../../runtime/spec/exec-process.js';
import type { OciProcess } from '../../runtime/spec/types.js';
import { resolveUserInRootfs } from '../../runtime/user-lookup.js';
import { boundingCapabilities, capLastCap } from '../../sys/host-facts.js';
import { CAPABILITY_NAMES } from '../../runtime/spec/capabilities.js';
import { ensureDir, removeTree, writeFileAtomic } from '../../sys/fs.js';
import { generateId } from '../../sys/ids.js';
import { pidAlive, sleep } from '../../sys/process.js';
import { rfc3339Nano } from '../../views/time.js';
import { getContainer } from './lookup.js';
import { syncContainer } from './sync.js';
import { execAction, recordContainerEvent, recordContainerEventById } from '../events/emit.js';

/** The body of POST /containers/{id}/exec (the CLI builds the same one). */
export interface ExecConfig {
  User?: string;
  Privileged?: boolean;
  Tty?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  Detach?: boolean;
  DetachKeys?: string;
  Env?: string[] | null;
  WorkingDir?: string;
  Cmd?: string[] | null;
}

export interface CreateExecOptions { ref: string; config: ExecConfig }

export interface ExecOutput {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
}

export interface StartExecOptions {
  id: string;
  /** Run without attaching: resolves once the process runs. */
  detach?: boolean;
  /** Where the process's output goes (attached sessions). */
  output?: ExecOutput;
  /** Initial pty size (Tty). */
  size?: { rows: number; cols: number };
}

export interface ExecSession {
  id: string;
  pid: number;
  /** The process's stdin, when the exec was created with AttachStdin (attached sessions). */
  stdin?: Pick<AttachConnection, 'write' | 'closeStdin'>;
  /** Resolves with the exit code once the output is drained and the record says so (undefined: not known). */
  ended: Promise<number | undefined>;
  /** Stop relaying output (the client went away); the process carries on. */
  detach(): void;
}

const execDir = (engine: Engine, containerId: string, execId: string) => join(bundleDir(engine, containerId), 'exec', execId);

// docker parity: moby daemon/exec.go getActiveContainer
function activeContainer(engine: Engine, ref: string): ContainerRecord {
  const rec = syncContainer(engine, getContainer(engine, ref));
  if (rec.State.Status === 'paused') throw conflict('paused', `Container ${ref} is paused, unpause the container before exec`);
  if (rec.State.Status !== 'running') throw conflict('not-running', `Container ${rec.Id} is not running`);
  return rec;
}

export function createExec(engine: Engine, opts: CreateExecOptions): { id: string } {
  // docker parity: moby daemon/exec.go ContainerExecCreate
  if (!opts.config.Cmd || opts.config.Cmd.length === 0) throw invalidArgument('no-exec-command', 'No exec command specified');
  const rec = activeContainer(engine, opts.ref);
  const id = generateId();
  const c = opts.config;
  const config: ExecConfig = {
    User: c.User ?? '', Privileged: c.Privileged === true, Tty: c.Tty === true, AttachStdin: c.AttachStdin === true,
    AttachStdout: c.AttachStdout === true, AttachStderr: c.AttachStderr === true, Detach: c.Detach === true,
    DetachKeys: c.DetachKeys ?? '', Env: c.Env ?? [], WorkingDir: c.WorkingDir ?? '', Cmd: [...c.Cmd!],
  };
  engine.state.putExec({ Id: id, ContainerId: rec.Id, Config: config as Record<string, unknown>, Running: false, ExitCode: null, Pid: 0, Created: rfc3339Nano(engine.clock()) });
  recordContainerEvent(engine, rec, execAction('exec_create', config.Cmd!), { execID: id });
  return { id };
}

/** The stored instance, settled against conmon's exit file when no skiff process saw it end. */
export function getExec(engine: Engine, id: string): ExecRecord {
  const rec = engine.state.getExec(id);
  // docker parity: moby daemon/exec.go getExecConfig (errExecNotFound)
  if (!rec) throw notFound('no-such-exec', `No such exec instance: ${id}`);
  return syncExec(engine, rec);
}

function syncExec(engine: Engine, rec: ExecRecord): ExecRecord {
  // Pid 0: claimed and still starting; the starter settles it.
  if (!rec.Running || rec.Pid === 0) return rec;
  const dir = execDir(engine, rec.ContainerId, rec.Id);
  const code = readExitFile(dir);
  if (code < 0 && pidAlive(conmonPid(dir))) return rec;
  return finishExec(engine, rec.Id, code < 0 ? 137 : code);
}

const conmonPid = (dir: string) => { try { return Number(readFileSync(join(dir, 'conmon.pid'), 'utf8').trim()) || 0; } catch { return 0; } };

/** `ran` false: the process never started, so there is no exec_die (as in Docker). */
function finishExec(engine: Engine, id: string, exitCode: number, ran = true): ExecRecord {
  return engine.state.transaction(() => {
    const fresh = engine.state.getExec(id);
    if (!fresh) return { Id: id, ContainerId: '', Config: {}, Running: false, ExitCode: exitCode, Pid: 0, Created: '' };
    if (fresh.ExitCode !== null && !fresh.Running) return fresh;
    const done = { ...fresh, Running: false, ExitCode: exitCode };
    engine.state.putExec(done);
    if (ran) recordContainerEventById(engine, fresh.ContainerId, 'exec_die', { execID: id, exitCode: String(exitCode) });
    return done;
  });
}

export const execConfig = (rec: ExecRecord) => rec.Config as ExecConfig;

export async function startExec(engine: Engine, opts: StartExecOptions): Promise<ExecSession> {
  const rec = claimExec(engine, opts.id);
  const cfg = execConfig(rec);
  recordContainerEventById(engine, rec.ContainerId, execAction('exec_start', cfg.Cmd ?? []), { execID: rec.Id });
  const dir = execDir(engine, rec.ContainerId, rec.Id);
  try {
    const container = activeContainer(engine, rec.ContainerId);
    ensureDir(dir, 0o700);
    writeFileAtomic(join(dir, 'process.json'), JSON.stringify(execProcess(engine, container, cfg)), 0o600);
    return await launchExec(engine, rec, cfg, container, dir, opts);
  } catch (e) {
    // docker parity: moby daemon/exec.go ContainerExecStart — a failed start leaves exit code 126
    finishExec(engine, rec.Id, 126, false);
    if (e instanceof EngineError && e.code === 'oci-runtime-exec') {
      throw new EngineError('internal', 'oci-runtime-exec', `OCI runtime exec failed: ${runcMessage(e.message).replace(/^runc exec failed: /, 'exec failed: ')}: unknown`, { exitStatus: 126 });
    }
    throw e;
  }
}

/** Marks the instance as running, once: a second start is a conflict, as in Docker. */
function claimExec(engine: Engine, id: string): ExecRecord {
  return engine.state.transaction(() => {
    const rec = engine.state.getExec(id);
    if (!rec) throw notFound('no-such-exec', `No such exec instance: ${id}`);
    // docker parity: moby daemon/exec.go ContainerExecStart
    if (rec.ExitCode !== null) throw conflict('exec-already-ran', `Error: Exec command ${id} has already run`);
    if (rec.Running) throw conflict('exec-running', `Error: Exec command ${id} is already running`);
    const claimed = { ...rec, Running: true };
    engine.state.putExec(claimed);
    return claimed;
  });
}

function execProcess(engine: Engine, container: ContainerRecord, cfg: ExecConfig): OciProcess {
  const bundle = bundleDir(engine, container.Id);
  const base = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8')).process as OciProcess;
  const rootfs = engine.storage.describe(container.Id).mergedDir;
  const user = resolveUserInRootfs(rootfs, cfg.User || container.Config.User || '0');
  const host = { capLastCap: capLastCap(), boundingSet: boundingCapabilities(CAPABILITY_NAMES) };
  if (!cfg.User) Object.assign(user, { uid: base.user.uid, gid: base.user.gid, additionalGids: base.user.additionalGids ?? [] });
  return buildExecProcess({
    record: container, process: base, args: cfg.Cmd ?? [], env: cfg.Env ?? [], tty: cfg.Tty === true, user,
    cwd: cfg.WorkingDir || undefined, privileged: cfg.Privileged, host,
  });
}

async function launchExec(engine: Engine, rec: ExecRecord, cfg: ExecConfig, container: ContainerRecord, dir: string, opts: StartExecOptions): Promise<ExecSession> {
  const tty = cfg.Tty === true;
  const stdin = cfg.AttachStdin === true && !opts.detach;
  let conn: AttachConnection | undefined;
  let outputEnded: () => void = () => undefined;
  const drained = new Promise<void>((r) => { outputEnded = r; });
  let relay = true;
  const c = engine.config;
  const attach = opts.detach ? undefined : async () => {
    conn = await attachToConmon(dir, {
      stdout: (b) => { if (relay && (tty || cfg.AttachStdout)) opts.output?.stdout(b); },
      stderr: (b) => { if (relay && cfg.AttachStderr) opts.output?.stderr(b); },
      end: () => outputEnded(),
    });
    if (tty && opts.size) resizeTerminal(dir, opts.size.rows, opts.size.cols);
  };
  const started = await execWithConmon({
    conmonPath: c.conmonPath, runtimePath: c.runtimePath, runcRoot: c.paths.runcRoot, containerId: container.Id, execId: rec.Id,
    name: container.Name, dir, tty, stdin, env: runtimeEnv(engine),
  }, attach);
  engine.state.transaction(() => {
    const fresh = engine.state.getExec(rec.Id);
    if (fresh && fresh.ExitCode === null) engine.state.putExec({ ...fresh, Running: true, Pid: started.pid });
  });
  const settled = started.exited.then((code) => (code === undefined ? getExec(engine, rec.Id).ExitCode ?? undefined : finishExec(engine, rec.Id, code).ExitCode ?? code));
  if (opts.detach) {
    // Settle the record if this process is still alive when it ends; otherwise syncExec reads the exit file.
    void settled.catch(() => undefined);
    return { id: rec.Id, pid: started.pid, ended: settled, detach: () => started.release() };
  }
  const ended = (async () => { await drained; const code = await settled; conn?.close(); return code; })();
  return {
    id: rec.Id, pid: started.pid, ended,
    stdin: stdin && conn ? { write: (b) => conn!.write(b), closeStdin: () => conn!.closeStdin() } : undefined,
    detach: () => { relay = false; conn?.close(); started.release(); },
  };
}

/** POST /exec/{id}/resize: through conmon's ctl FIFO; waits (as dockerd does) for a session that is starting. */
export async function resizeExec(engine: Engine, id: string, rows: number, cols: number): Promise<void> {
  for (let waited = 0; ; waited += 100) {
    const rec = getExec(engine, id);
    if (rec.Running && rec.Pid > 0) { resizeTerminal(execDir(engine, rec.ContainerId, rec.Id), rows, cols); return; }
    // docker parity: containerd's answer for a process that is gone
    if (rec.ExitCode !== null) throw notFound('no-such-exec', 'no such exec');
    // docker parity: moby daemon/resize.go ContainerExecResize
    if (waited >= 10_000) throw new EngineError('internal', 'exec-not-ready', 'timeout waiting for exec session ready');
    await sleep(100);
  }
}

/** A container that starts again forgets its exec instances (Docker resets them on start). */
export function forgetExecs(engine: Engine, containerId: string): void {
  engine.state.transaction(() => { for (const e of engine.state.listExecs(containerId)) engine.state.deleteExec(e.Id); });
  removeTree(join(bundleDir(engine, containerId), 'exec'));
}

/** Exec IDs Docker lists on the container: instances not yet finished. */
export const pendingExecIds = (engine: Engine, containerId: string) =>
  engine.state.listExecs(containerId).map((e) => syncExec(engine, e)).filter((e) => e.ExitCode === null).map((e) => e.Id);
