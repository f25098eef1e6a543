import type { CommandSpec } from '../../command.js';
import { inspectImages } from '../../../domain/images/inspect.js';
import { daemonError } from '../../exit.js';
import { inspectRefs } from '../../inspect-output.js';

const imageInspectCmd: CommandSpec = {
  path: 'image inspect', usage: '[OPTIONS] IMAGE [IMAGE...]', description: 'Display detailed information on one or more images',
  args: { min: 1 },
  flags: [{ name: 'format', short: 'f', type: 'string', usage: 'Format output using a custom template' }],
  async run(ctx) {
    const engine = await ctx.engine();
    return inspectRefs(ctx.io, ctx.args, (ctx.flags.format as string) || undefined, async (ref) => {
      const [report] = inspectImages(engine, [ref]);
      // docker parity: docker/cli image/inspect.go wraps every failure as "no such image: REF: …"
      if (report?.error) throw new Error(`no such image: ${ref}: ${report.error.message}`);
      return report!.inspect;
    }, (e) => daemonError(e));
  },
};

export default imageInspectCmd;
