import type { CommandSpec } from '../../command.js';
import { inspectContainer } from '../../../domain/containers/inspect.js';
import { daemonError } from '../../exit.js';
import { inspectRefs } from '../../inspect-output.js';

const containerInspectCmd: CommandSpec = {
  path: 'container inspect', usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Display detailed information on one or more containers',
  args: { min: 1 },
  flags: [
    { name: 'format', short: 'f', type: 'string', usage: 'Format output using a custom template' },
    { name: 'size', short: 's', type: 'bool', usage: 'Display total file sizes' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const size = ctx.flags.size as boolean;
    return inspectRefs(ctx.io, ctx.args, (ctx.flags.format as string) || undefined, (ref) => inspectContainer(engine, { ref, size }), daemonError);
  },
};

export default containerInspectCmd;
