import type { CommandSpec } from '../../command.js';
import { commitContainer } from '../../../domain/images/commit.js';
import { notFound } from '../../../errors.js';
import { parseNormalizedNamed } from '../../../images/reference.js';
import { StatusError } from '../../command.js';
import { clientReferenceError } from './common.js';

const commit: CommandSpec = {
  path: 'container commit', aliases: ['commit'], usage: '[OPTIONS] CONTAINER [REPOSITORY[:TAG]]', description: "Create a new image from a container's changes",
  args: { min: 1, max: 2 },
  flags: [
    { name: 'author', short: 'a', type: 'string', usage: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    { name: 'change', short: 'c', type: 'stringArray', usage: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', type: 'string', usage: 'Commit message' },
    { name: 'pause', short: 'p', type: 'bool', defaultValue: true, usage: 'Pause container during commit' },
  ],
  async run(ctx) {
    const [ref, reference] = ctx.args as [string, string | undefined];
    // docker parity: docker/cli container/commit.go validates the name client-side
    if (reference) {
      let named;
      try { named = parseNormalizedNamed(reference); } catch (e) { clientReferenceError(e); }
      if (named.digest) throw new StatusError('refusing to create a tag with a digest reference', 1);
    }
    const engine = await ctx.engine();
    const container = engine.state.lookupContainer(ref);
    if (!container) throw notFound('no-such-container', `No such container: ${ref}`);
    const report = await commitContainer(engine, {
      container, reference, changes: ctx.flags.change as string[], message: ctx.flags.message as string,
      author: ctx.flags.author as string, pause: ctx.flags.pause as boolean,
    });
    ctx.io.stdout.write(`${report.id}\n`);
    return 0;
  },
};

export default commit;
