import { readFileSync } from 'node:fs';
import type { CommandContext, CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { execInContainer } from '../../../domain/containers/exec.js';
import { isEngineError } from '../../../errors.js';
import { resolveUserInRootfs } from '../../../runtime/user-lookup.js';
import { daemonError } from '../../exit.js';
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
    try {
      getContainer(engine, ctx.args[0]!);
    } catch (e) {
      throw new StatusError(daemonError(e), 1);
    }
    try {
      checkExecTty(cfg, ctx.io.stdin.isTTY === true);
    } catch (e) {
      if (e instanceof ContainerOptionsError) throw new StatusError(e.message, 1);
      throw e;
    }
    try {
      const r = await execInContainer(engine, {
        ref: ctx.args[0]!, cmd: cfg.Cmd, env: cfg.Env ?? [], user: cfg.User || undefined, workdir: cfg.WorkingDir || undefined,
        tty: cfg.Tty, detach: cfg.Detach, privileged: cfg.Privileged,
        stdio: [cfg.AttachStdin ? 'inherit' : 'ignore', 'inherit', 'inherit'], stderrSink: ctx.io.stderr,
        resolveUser: resolveUserInRootfs,
      });
      return r.exitCode;
    } catch (e) {
      // docker parity: moby daemon/exec.go ContainerExecStart writes a failed start into the attached stdout.
      if (isEngineError(e) && e.code === 'oci-runtime-exec') { ctx.io.stdout.write(`${e.message}\r\n`); return e.exitStatus ?? 126; }
      if (isEngineError(e) && e.exitStatus !== undefined) throw new StatusError(e.message, e.exitStatus);
      // docker parity: an unknown user fails the exec start, printed bare with 126
      if (isEngineError(e, 'invalid-argument')) throw new StatusError(e.message, 126);
      throw new StatusError(daemonError(e), 1);
    }
  },
};

export default exec;
