import { readFileSync } from 'node:fs';
import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { execInContainer } from '../../../domain/containers/exec.js';
import { daemonError } from '../../exit.js';
import { buildExecConfig } from '../../flags/exec-flags.js';
import { execFlags } from '../../flags/exec-flags.js';
import { isEngineError } from '../../../errors.js';
import { resolveUserInRootfs } from '../../../runtime/user-lookup.js';

const exec: CommandSpec = {
  path: 'container exec', aliases: ['exec'], usage: '[OPTIONS] CONTAINER COMMAND [ARG...]', description: 'Execute a command in a running container',
  args: { min: 2 }, interspersed: false, flags: execFlags,
  async run(ctx) {
    const cfg = buildExecConfig({ flags: ctx.flags, changed: ctx.changed, args: ctx.args }, ctx.io.env, (p) => readFileSync(p, 'utf8'));
    const engine = await ctx.engine();
    const tty = cfg.Tty === true;
    try {
      const r = await execInContainer(engine, {
        ref: ctx.args[0]!, cmd: cfg.Cmd, env: cfg.Env ?? [], user: cfg.User || undefined, workdir: cfg.WorkingDir || undefined,
        tty, detach: cfg.Detach === true, privileged: cfg.Privileged === true,
        stdio: [cfg.AttachStdin ? 'inherit' : 'ignore', 'inherit', 'inherit'],
        resolveUser: resolveUserInRootfs,
      });
      return r.exitCode;
    } catch (e) {
      if (isEngineError(e) && e.exitStatus !== undefined) throw new StatusError(e.message, e.exitStatus);
      throw new StatusError(daemonError(e), isEngineError(e, 'not-found') || isEngineError(e, 'conflict') ? 1 : 126);
    }
  },
};

export default exec;
