import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import type { CommandContext, CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import type { Engine } from '../../../context.js';
import { EngineError, isEngineError } from '../../../errors.js';
import { createContainer } from '../../../domain/containers/create.js';
import { removeContainer } from '../../../domain/containers/remove.js';
import { startContainer } from '../../../domain/containers/start.js';
import { waitContainer } from '../../../domain/containers/wait.js';
import { attachHandlers, pumpStdin } from '../../attach-io.js';
import { daemonError, runFailureStatus } from '../../exit.js';
import { buildCreateBody } from '../../flags/create-body.js';
import { renderCreateError } from '../../flags/create-errors.js';
import { CREATE_FLAGS as createFlags, RUN_FLAGS as runFlags } from '../../flags/container-flags.js';
import { familiarString, parseNormalizedNamed, withDefaultTag } from '../../../images/reference.js';

const familiarNameWithTag = (ref: string) => {
  try { return familiarString(withDefaultTag(parseNormalizedNamed(ref))); } catch { return ref; }
};

type Built = ReturnType<typeof buildCreateBody>;

/** Create the container, and print Docker's pull hint when the image is missing (no registry pull yet). */
async function create(ctx: CommandContext, engine: Engine, built: Built): Promise<string> {
  if (built.cidfile && existsSync(built.cidfile)) {
    // docker parity: docker/cli container/create.go newCIDFile
    throw new StatusError(`${ctx.prog}: Error response from daemon: Container ID file found, make sure the other container isn't running or delete ${built.cidfile}.\n\nRun '${ctx.invokedAs} --help' for more information`, 125);
  }
  try {
    const report = await createContainer(engine, { name: built.name, body: built.body });
    for (const w of [...built.warnings, ...report.Warnings]) ctx.io.stderr.write(`WARNING: ${w}\n`);
    if (built.cidfile) writeFileSync(built.cidfile, report.Id);
    return report.Id;
  } catch (e) {
    if (isEngineError(e, 'not-found') && (e as EngineError).code === 'no-such-image') {
      ctx.io.stderr.write(`Unable to find image '${familiarNameWithTag(built.body.Image)}' locally\n`);
      throw new StatusError(`${ctx.prog}: Error response from daemon: pull access denied for ${familiarNameWithTag(built.body.Image).replace(/:[^:/]*$/, '')}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\nRun '${ctx.invokedAs} --help' for more information`, 125);
    }
    throw new StatusError(`${ctx.prog}: ${daemonError(e)}\n\nRun '${ctx.invokedAs} --help' for more information`, 125);
  }
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
    ctx.io.stdout.write(`${await create(ctx, engine, built)}\n`);
    return 0;
  },
};

const runCmd: CommandSpec = {
  path: 'container run', aliases: ['run'], usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]', description: 'Create and run a new container from an image',
  args: { min: 1 }, interspersed: false, flags: runFlags,
  async run(ctx) {
    const built = parse(ctx, 'run');
    const engine = await ctx.engine();
    const id = await create(ctx, engine, built);
    if (built.detach) return startDetached(ctx, engine, id, built);
    return runAttached(ctx, engine, id, built);
  },
};

async function startDetached(ctx: CommandContext, engine: Engine, id: string, built: Built): Promise<number> {
  try {
    await startContainer(engine, { ref: id });
  } catch (e) {
    if (built.body.HostConfig?.AutoRemove) await removeContainer(engine, { ref: id, force: true }).catch(() => undefined);
    throw new StatusError(`${ctx.prog}: ${daemonError(e)}\n\nRun '${ctx.invokedAs} --help' for more information`, runFailureStatus(e));
  }
  ctx.io.stdout.write(`${id}\n`);
  return 0;
}

async function runAttached(ctx: CommandContext, engine: Engine, id: string, built: Built): Promise<number> {
  const tty = built.body.Tty === true;
  const streams = { stdout: built.body.AttachStdout !== false, stderr: built.body.AttachStderr !== false };
  const session = attachHandlers(ctx.io, streams, tty);
  let report;
  try {
    report = await startContainer(engine, { ref: id, attach: session.handlers });
  } catch (e) {
    if (built.body.HostConfig?.AutoRemove) await removeContainer(engine, { ref: id, force: true }).catch(() => undefined);
    throw new StatusError(`${ctx.prog}: ${daemonError(e)}\n\nRun '${ctx.invokedAs} --help' for more information`, runFailureStatus(e));
  }
  const pump = report.attach && built.body.OpenStdin && built.body.AttachStdin
    ? pumpStdin(engine, id, ctx.io, report.attach, { tty, detachKeys: built.detachKeys }) : undefined;
  const detached = await Promise.race([session.ended.then(() => false), pump?.detached.then(() => true) ?? new Promise<boolean>(() => undefined)]);
  pump?.stop();
  report.attach?.close();
  if (detached) return 0;
  const { StatusCode } = await waitContainer(engine, { ref: id });
  if (built.body.HostConfig?.AutoRemove) await removeContainer(engine, { ref: id, force: true }).catch(() => undefined);
  return StatusCode;
}

export default [createCmd, runCmd];
