import { readFileSync } from 'node:fs';
import type { CommandContext, CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { createExec, resizeExec, startExec, type ExecSession } from '../../../domain/containers/exec.js';
import { isEngineError } from '../../../errors.js';
import { daemonError } from '../../exit.js';
import { enterRawTerminal, pumpStdin } from '../../attach-io.js';
import { ContainerOptionsError } from '../../flags/create-errors.js';
import { buildExecConfig, checkExecTty, EXEC_FLAGS } from '../../flags/exec-flags.js';
import { getContainer } from '../../../domain/containers/lookup.js';

function parseExec(ctx: CommandContext) {
  try {
    return buildExecConfig({ flags: ctx.flags, changed: ctx.changed, args: ctx.args }, ctx.io.env, (p: string) => readFileSync(p, 'utf8')).body;
  } catch (e) {
    if (e instanceof ContainerOptionsError) throw new StatusError(e.stage === 'parse' ? `${ctx.prog}: ${e.message}` : e.message, e.stage === 'parse' ? 125 : 1);
    throw e;
  }
}

const exec: CommandSpec = {
  path: 'container exec', aliases: ['exec'], usage: '[OPTIONS] CONTAINER COMMAND [ARG...]', description: 'Execute a command in a running container',
  args: { min: 2 }, interspersed: false, flags: EXEC_FLAGS,
  async run(ctx) {
    const cfg = parseExec(ctx);
    const engine = await ctx.engine();
    // docker parity: docker/cli container/exec.go RunExec — inspect first (so "No such container" wins), then CheckTty
    let containerId: string;
    try {
      containerId = getContainer(engine, ctx.args[0]!).Id;
    } catch (e) {
      throw new StatusError(daemonError(e), 1);
    }
    try {
      checkExecTty(cfg, ctx.io.stdin.isTTY === true);
    } catch (e) {
      if (e instanceof ContainerOptionsError) throw new StatusError(e.message, 1);
      throw e;
    }
    let execId: string;
    try {
      execId = createExec(engine, { ref: ctx.args[0]!, config: cfg }).id;
    } catch (e) {
      throw new StatusError(daemonError(e), 1);
    }
    const size = cfg.Tty && ctx.io.stdout.isTTY ? { rows: ctx.io.stdout.rows ?? 24, cols: ctx.io.stdout.columns ?? 80 } : undefined;
    // docker parity: cli@28.2 hijack.go setupInput — the terminal goes raw only when stdin is attached (-i).
    const restoreTerminal = cfg.Detach || !cfg.AttachStdin ? () => undefined : enterRawTerminal(ctx.io, cfg.Tty);
    let session: ExecSession;
    try {
      session = await startExec(engine, {
        id: execId, detach: cfg.Detach, size,
        output: { stdout: (b) => ctx.io.stdout.write(b), stderr: (b) => ctx.io.stderr.write(b) },
      });
    } catch (e) {
      restoreTerminal();
      // docker parity: moby api/server/router/container/exec.go writes a failed start into the attached stdout.
      if (isEngineError(e) && e.code === 'oci-runtime-exec') { ctx.io.stdout.write(`${e.message}\r\n`); return e.exitStatus ?? 126; }
      if (isEngineError(e) && e.exitStatus !== undefined) throw new StatusError(e.message, e.exitStatus);
      // docker parity: an unknown user fails the exec start, printed bare with 126
      if (isEngineError(e, 'invalid-argument')) throw new StatusError(e.message, 126);
      throw new StatusError(daemonError(e), 1);
    }
    if (cfg.Detach) { session.detach(); return 0; }
    const pump = session.stdin ? pumpStdin(engine, containerId, ctx.io, session.stdin, {
      tty: cfg.Tty, detachKeys: cfg.DetachKeys, resize: (rows, cols) => { void resizeExec(engine, execId, rows, cols).catch(() => undefined); },
    }) : undefined;
    const detached = await Promise.race([session.ended.then(() => false), pump?.detached.then(() => true) ?? new Promise<boolean>(() => undefined)]);
    pump?.stop();
    restoreTerminal();
    if (detached) { session.detach(); return 0; }
    return (await session.ended) ?? 1;
  },
};

export default exec;
