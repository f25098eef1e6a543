import { closeSync, rmSync } from 'node:fs';
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import type { ContainerRecord } from '../../model/container.js';
import { resizeTerminal, type AttachConnection, type AttachHandlers } from '../../runtime/attach.js';
import { followOutput, stdinOnly, type OutputStream } from './output-stream.js';
import { createWithConmon } from '../../runtime/conmon.js';
import { bundleDir, exitFile, logPath, runcFor, runtimeEnv } from '../../runtime/index.js';
import { prepareBundle } from '../../runtime/prepare-bundle.js';
import { attachNetworks, containerAddress, detachNetworks } from '../../network/index.js';
import { linkHostEntries } from './links.js';
import { ensureDir } from '../../sys/fs.js';
import { rfc3339Nano } from '../../views/time.js';
import { cleanupContainer } from './cleanup.js';
import { forgetExecs } from './exec.js';
import { getContainer } from './lookup.js';
import { syncContainer } from './sync.js';
import { mountVolumes } from '../volumes/activate.js';
import { withContainerLock } from './container-lock.js';
import { recordStarted } from '../events/emit.js';

export interface StartOptions {
  ref: string;
  /** Connect to the container's stdio before it runs (run without -d, start -a). */
  attach?: AttachHandlers & { size?: { rows: number; cols: number }; stdin?: boolean };
}
export interface StartReport { id: string; outcome: 'started' | 'already-running'; attach?: AttachConnection }

export async function startContainer(engine: Engine, opts: StartOptions): Promise<StartReport> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  if (rec.State.Status === 'running') return { id: rec.Id, outcome: 'already-running' };
  if (rec.State.Status === 'paused') throw new EngineError('conflict', 'paused', 'cannot start a paused container, try unpause instead');
  if (rec.State.Status === 'exited' || rec.State.Status === 'created') await cleanupContainer(engine, rec.Id, { quiet: true });
  forgetExecs(engine, rec.Id);
  try {
    return await withContainerLock(engine, rec.Id, () => launch(engine, rec, opts));
  } catch (e) {
    await markStartFailed(engine, rec, e);
    throw e;
  }
}

async function launch(engine: Engine, rec: ContainerRecord, opts: StartOptions): Promise<StartReport> {
  const bundle = bundleDir(engine, rec.Id);
  ensureDir(bundle, 0o700);
  rmSync(exitFile(engine, rec.Id), { force: true });
  for (const f of ['exit', 'oom']) rmSync(`${bundle}/${f}`, { force: true });
  const rootfs = await engine.storage.mount(rec.Id);
  await mountVolumes(engine, rec);
  const net = await attachNetworks(engine, rec);
  let created;
  try {
    net.links = linkHostEntries(engine, rec.HostConfig, (id) => containerAddress(engine, id));
    await prepareBundle(engine, rec, rootfs, net);
    created = await createWithConmon({
      conmonPath: engine.config.conmonPath, runtimePath: engine.config.runtimePath, runcRoot: engine.config.paths.runcRoot,
      id: rec.Id, name: rec.Name, bundle, logPath: logPath(engine, rec.Id), exitDir: engine.config.paths.exitDir,
      tty: rec.Config.Tty, stdin: rec.Config.OpenStdin, leaveStdinOpen: !rec.Config.StdinOnce, exitCommand: exitCommand(engine, rec), env: runtimeEnv(engine),
      extraFds: net.holdFd !== undefined ? [net.holdFd] : undefined,
    });
  } finally {
    if (net.holdFd !== undefined) closeSync(net.holdFd);
  }
  const { pid, conmonPid } = created;
  let attach: AttachConnection | undefined;
  let output: OutputStream | undefined;
  if (opts.attach) {
    output = await followOutput(engine, rec, opts.attach);
    if (opts.attach.stdin) attach = await stdinOnly(engine, rec.Id);
  }
  // The pty gets its size before the process runs: the attached terminal's, else the create request's ConsoleSize.
  const [rows = 0, cols = 0] = rec.HostConfig.ConsoleSize ?? [];
  const size = opts.attach?.size ?? (rows > 0 && cols > 0 ? { rows, cols } : undefined);
  if (rec.Config.Tty && size) resizeTerminal(bundle, size.rows, size.cols);
  try {
    await runcFor(engine).start(rec.Id);
  } catch (e) {
    output?.stop();
    attach?.close();
    throw e;
  }
  engine.state.transaction(() => {
    const fresh = engine.state.getContainer(rec.Id)!;
    fresh.State = { ...fresh.State, Status: 'running', Pid: pid, ConmonPid: conmonPid, ExitCode: 0, Error: '', OOMKilled: false,
      StartedAt: rfc3339Nano(engine.clock()), FinishedAt: '0001-01-01T00:00:00Z', StartCount: fresh.State.StartCount + 1 };
    engine.state.saveContainerState(rec.Id, fresh.State);
    recordStarted(engine, fresh, rec.Config.Tty ? opts.attach?.size : undefined);
  });
  output?.markStarted();
  return { id: rec.Id, outcome: 'started', attach };
}

/** conmon runs this when the container exits: `skiff [globals] container cleanup [--rm] ID`. */
function exitCommand(engine: Engine, rec: ContainerRecord): string[] {
  const c = engine.config;
  return [c.nodePath, '--', c.selfScript, '--root', c.paths.dataRoot, '--runroot', c.paths.runRoot,
    ...(c.storageDriver !== 'auto' ? ['--storage-driver', c.storageDriver] : []),
    'container', 'cleanup', ...(rec.HostConfig.AutoRemove ? ['--rm'] : []), rec.Id];
}

// docker parity: a container whose start failed stays "created" with the error and 127/126 recorded.
async function markStartFailed(engine: Engine, rec: ContainerRecord, e: unknown): Promise<void> {
  await runcFor(engine).delete(rec.Id).catch(() => undefined);
  await detachNetworks(engine, rec).catch(() => undefined);
  await engine.storage.unmount(rec.Id).catch(() => undefined);
  const status = e instanceof EngineError && e.exitStatus !== undefined ? e.exitStatus : 128;
  engine.state.transaction(() => {
    const fresh = engine.state.getContainer(rec.Id);
    if (!fresh) return;
    fresh.State = { ...fresh.State, Status: fresh.State.StartCount > 0 ? 'exited' : 'created', ExitCode: status, Error: (e as Error).message ?? String(e), Pid: 0, ConmonPid: 0 };
    engine.state.saveContainerState(fresh.Id, fresh.State);
  });
}
