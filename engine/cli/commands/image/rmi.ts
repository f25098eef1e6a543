import type { CommandSpec } from '../../command.js';
import { removeImage } from '../../../domain/images/remove.js';
import { isEngineError } from '../../../errors.js';
import { daemonError } from '../../exit.js';

const rmi: CommandSpec = {
  path: 'image rm', aliases: ['rmi', 'image remove'], usage: '[OPTIONS] IMAGE [IMAGE...]', description: 'Remove one or more images',
  args: { min: 1 },
  flags: [
    { name: 'force', short: 'f', type: 'bool', usage: 'Force removal of the image' },
    { name: 'no-prune', type: 'bool', usage: 'Do not delete untagged parents' },
    { name: 'platform', type: 'string', usage: 'Remove only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const force = ctx.flags.force as boolean;
    const errors: string[] = [];
    let fatal = false;
    for (const ref of ctx.args) {
      try {
        for (const d of await removeImage(engine, { ref, force, noPrune: ctx.flags['no-prune'] as boolean })) {
          ctx.io.stdout.write(d.Deleted ? `Deleted: ${d.Deleted}\n` : `Untagged: ${d.Untagged}\n`);
        }
      } catch (e) {
        if (!isEngineError(e, 'not-found')) fatal = true;
        errors.push(daemonError(e));
      }
    }
    // docker parity: docker/cli image/remove.go (not-found errors do not fail a forced removal)
    for (const e of errors) ctx.io.stderr.write(`${e}\n`);
    return errors.length && (!force || fatal) ? 1 : 0;
  },
};

export default rmi;
