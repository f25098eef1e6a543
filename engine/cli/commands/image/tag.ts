import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { parseTagTarget, tagImage } from '../../../domain/images/tag.js';
import { parseAnyReference, ReferenceError } from '../../../images/reference.js';
import { isEngineError } from '../../../errors.js';

const tag: CommandSpec = {
  path: 'image tag', aliases: ['tag'], usage: 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]', description: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  args: { min: 2, max: 2 }, interspersed: false, flags: [],
  async run(ctx) {
    const [source, target] = ctx.args as [string, string];
    // docker parity: docker/cli client/image_tag.go validates both names before calling the daemon
    for (const [name, parse] of [[source, parseAnyReference], [target, parseTagTarget]] as const) {
      try { parse(name); } catch (e) {
        if (e instanceof ReferenceError) throw new StatusError(`Error parsing reference: "${name}" is not a valid repository/tag: ${e.clientMessage}`, 1);
        if (isEngineError(e)) throw new StatusError(e.message, 1);
        throw e;
      }
    }
    const engine = await ctx.engine();
    tagImage(engine, { source, target });
    return 0;
  },
};

export default tag;
