import type { CommandSpec } from '../../command.js';
import { inspectContainer } from '../../../domain/containers/inspect.js';
import { daemonError } from '../../exit.js';
import { writeInspect } from '../../inspect-output.js';

const containerInspectCmd: CommandSpec = {
  path: 'container inspect', usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Display detailed information on one or more containers',
  args: { min: 1 },
  flags: [
    { name: 'format', short: 'f', type: 'string', usage: 'Format output using a custom template' },
    { name: 'size', short: 's', type: 'bool', usage: 'Display total file sizes' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const found: unknown[] = [];
    const errors: string[] = [];
    for (const ref of ctx.args) {
      try { found.push(await inspectContainer(engine, { ref, size: ctx.flags.size as boolean })); } catch (e) { errors.push(daemonError(e)); }
    }
    writeInspect(ctx.io, found, (ctx.flags.format as string) || undefined);
    for (const e of errors) ctx.io.stderr.write(`${e}\n`);
    return errors.length > 0 ? 1 : 0;
  },
};

export default containerInspectCmd;
