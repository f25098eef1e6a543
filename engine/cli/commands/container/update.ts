import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { updateContainer, type UpdateBody } from '../../../domain/containers/update.js';
import { daemonError } from '../../exit.js';
import { ContainerOptionsError } from '../../flags/create-errors.js';
import { buildUpdateBody, UPDATE_FLAGS } from '../../flags/update-flags.js';

// docker parity: cli@28.2 cli/command/container/update.go runUpdate
const update: CommandSpec = {
  path: 'container update', aliases: ['update'], usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Update configuration of one or more containers',
  args: { min: 1 }, flags: UPDATE_FLAGS,
  async run(ctx) {
    let body: UpdateBody;
    try {
      body = buildUpdateBody({ flags: ctx.flags, changed: ctx.changed, args: ctx.args }).body as UpdateBody;
    } catch (e) {
      if (e instanceof ContainerOptionsError) throw new StatusError(e.message, 1);
      throw e;
    }
    const engine = await ctx.engine();
    const warnings: string[] = [];
    const errors: string[] = [];
    for (const ref of ctx.args) {
      try {
        warnings.push(...(await updateContainer(engine, { ref, body })).Warnings);
        ctx.io.stdout.write(`${ref}\n`);
      } catch (e) {
        errors.push(daemonError(e));
      }
    }
    if (warnings.length > 0) ctx.io.stdout.write(`${warnings.join('\n')}\n`);
    if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
    return 0;
  },
};

export default update;
