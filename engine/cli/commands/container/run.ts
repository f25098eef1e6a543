import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { CommandContext, CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import type { Engine } from '../../../context.js';
import { EngineError } from '../../../errors.js';
import { createContainer } from '../../../domain/containers/create.js';
import { removeContainer } from '../../../domain/containers/remove.js';
import { startContainer } from '../../../domain/containers/start.js';
import { prepareWait } from '../../../domain/containers/wait.js';
import { attachHandlers, enterRawTerminal, pumpStdin } from '../../attach-io.js';
import { daemonError, runFailureStatus } from '../../exit.js';
import { buildCreateBody } from '../../flags/create-body.js';
import { cidFileExists, cidFileNotCreated, ContainerOptionsError, renderCreateError } from '../../flags/create-errors.js';
import { CREATE_FLAGS as createFlags, RUN_FLAGS as runFlags } from '../../flags/container-flags.js';
import { createWithPull } from '../image/pull-on-create.js';

type Built = ReturnType<typeof buildCreateBody>;

/** Create the container, pulling its image first or when missing as --pull says. */
async function create(ctx: CommandContext, engine: Engine, built: Built, command: 'run' | 'create'): Promise<string> {
  const fail = (e: unknown): never => {
    const known = e instanceof EngineError || e instanceof ContainerOptionsError;
    const r = renderCreateError(known ? e : new EngineError('internal', 'create-failed', String((e as Error)?.message ?? e)), command, ctx.prog)!;
    throw new StatusError(r.stderr.replace(/\n$/, ''), r.status);
  };
  const cid = built.cidfile ? openCidFile(built.cidfile) : undefined;
  if (cid instanceof Error) return fail(cid);
  try {
    const report = await createWithPull(ctx, engine, { image: built.body.Image, pull: built.pull, quiet: built.quiet, platform: built.platform },
      () => createContainer(engine, { name: built.name, body: built.body }));
    for (const w of [...built.warnings, ...report.Warnings]) ctx.io.stderr.write(`WARNING: ${w}\n`);
    if (cid) writeFileSync(cid, report.Id);
    return report.Id;
  } catch (e) {
    if (cid) rmSync(cid, { force: true });
    return fail(e);
  }
}

// docker parity: docker/cli cli/command/container/create.go newCIDFile — refuse an existing file, create
// it empty before the API call (os.Create), remove it again if creating the container fails.
function openCidFile(path: string): string | Error {
  if (existsSync(path)) return cidFileExists(path);
  try {
    writeFileSync(path, '', { flag: 'w', mode: 0o666 });
    return path;
  } catch (e) {
    return cidFileNotCreated(`open ${path}: ${goErrnoText(e)}`);
  }
}

/** Go's syscall.Errno text for the errors creating a file can give. */
function goErrnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const texts: Record<string, string> = {
    ENOENT: 'no such file or directory', EACCES: 'permission denied', EISDIR: 'is a directory', ENOTDIR: 'not a directory',
    EROFS: 'read-only file system', ENOSPC: 'no space left on device', EPERM: 'operation not permitted',
  };
  return texts[code] ?? (e instanceof Error ? e.message : String(e));
}

function parse(ctx: CommandContext, command: 'run' | 'create'): Built {
  try {
    return buildCreateBody({ flags: ctx.flags, changed: ctx.changed, args: ctx.args }, ctx.io.env, (p: string) => readFileSync(p, 'utf8'), {
      command,
      ttySize: ctx.io.stdout.isTTY ? [ctx.io.stdout.rows ?? 24, ctx.io.stdout.columns ?? 80] : undefined,
      stdinIsTerminal: ctx.io.stdin.isTTY === true,
    });
  } catch (e) {
    const rendered = renderCreateError(e, command, ctx.prog);
    if (rendered) throw new StatusError(rendered.stderr.replace(/\n$/, ''), rendered.status);
    throw e;
  }
}

const createCmd: CommandSpec = {
  path: 'container create', aliases: ['create'], usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]', description: 'Create a new container',
  args: { min: 1 }, interspersed: false, flags: createFlags,
  async run(ctx) {
    const built = parse(ctx, 'create');
    const engine = await ctx.engine();
    ctx.io.stdout.write(`${await create(ctx, engine, built, 'create')}\n`);
    return 0;
  },
};

const runCmd: CommandSpec = {
  path: 'container run', aliases: ['run'], usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]', description: 'Create and run a new container from an image',
  args: { min: 1 }, interspersed: false, flags: runFlags,
  async run(ctx) {
    const built = parse(ctx, 'run');
    const engine = await ctx.engine();
    const id = await create(ctx, engine, built, 'run');
    if (built.detach) return startDetached(ctx, engine, id, built);
    return runAttached(ctx, engine, id, built);
  },
};

async function startDetached(ctx: CommandContext, engine: Engine, id: string, built: Built): Promise<number> {
  // docker parity: cli@28.2 container/run.go runContainer prints the id of a detached container before starting it
  ctx.io.stdout.write(`${id}\n`);
  try {
    await startContainer(engine, { ref: id });
  } catch (e) {
    if (built.body.HostConfig?.AutoRemove) await removeContainer(engine, { ref: id, force: true, volumes: true }).catch(() => undefined);
    throw new StatusError(`${ctx.prog}: ${daemonError(e)}\n\nRun '${ctx.invokedAs} --help' for more information`, runFailureStatus(e));
  }
  return 0;
}

async function runAttached(ctx: CommandContext, engine: Engine, id: string, built: Built): Promise<number> {
  const tty = built.body.Tty === true;
  const streams = { stdout: built.body.AttachStdout !== false, stderr: built.body.AttachStderr !== false };
  const session = attachHandlers(ctx.io, streams, tty);
  // docker parity: docker/cli run.go waitExitOrRemoved — the waiter is registered before start (next exit,
  // or removal with --rm: conmon's exit command may remove the container before we ask for its code).
  const waiter = prepareWait(engine, { ref: id, condition: 'next-exit' });
  const restoreTerminal = built.body.OpenStdin && built.body.AttachStdin ? enterRawTerminal(ctx.io, tty) : () => undefined;
  let report;
  try {
    report = await startContainer(engine, { ref: id, attach: { ...session.handlers, stdin: built.body.OpenStdin === true && built.body.AttachStdin === true } });
  } catch (e) {
    restoreTerminal();
    if (built.body.HostConfig?.AutoRemove) await removeContainer(engine, { ref: id, force: true, volumes: true }).catch(() => undefined);
    throw new StatusError(`${ctx.prog}: ${daemonError(e)}\n\nRun '${ctx.invokedAs} --help' for more information`, runFailureStatus(e));
  }
  const pump = report.attach && built.body.OpenStdin && built.body.AttachStdin
    ? pumpStdin(engine, id, ctx.io, report.attach, { tty, detachKeys: built.detachKeys }) : undefined;
  const detached = await Promise.race([session.ended.then(() => false), pump?.detached.then(() => true) ?? new Promise<boolean>(() => undefined)]);
  pump?.stop();
  restoreTerminal();
  report.attach?.close();
  if (detached) return 0;
  const { StatusCode } = await waiter.wait();
  // Without a conmon exit command that ran (it failed, or is still running), --rm is ours to finish.
  if (built.body.HostConfig?.AutoRemove) await removeContainer(engine, { ref: id, force: true, volumes: true }).catch(() => undefined);
  return StatusCode;
}

export default [createCmd, runCmd];
