import type { CommandSpec } from '../../command.js';
import { inspectImages } from '../../../domain/images/inspect.js';
import { daemonError } from '../../exit.js';
import { writeInspect } from '../../inspect-output.js';

const imageInspectCmd: CommandSpec = {
  path: 'image inspect', usage: '[OPTIONS] IMAGE [IMAGE...]', description: 'Display detailed information on one or more images',
  args: { min: 1 },
  flags: [{ name: 'format', short: 'f', type: 'string', usage: 'Format output using a custom template' }],
  async run(ctx) {
    const engine = await ctx.engine();
    const reports = inspectImages(engine, ctx.args);
    writeInspect(ctx.io, reports.filter((r) => r.inspect).map((r) => r.inspect), (ctx.flags.format as string) || undefined);
    // docker parity: docker/cli image/inspect.go wraps every failure as "no such image: REF: …"
    const errors = reports.filter((r) => r.error).map((r) => daemonError(new Error(`no such image: ${r.input}: ${r.error!.message}`)));
    for (const e of errors) ctx.io.stderr.write(`${e}\n`);
    return errors.length ? 1 : 0;
  },
};

export default imageInspectCmd;
