import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { pushImage } from '../../../domain/images/push.js';
import { referenceString, withDefaultTag } from '../../../images/reference.js';
import { parseRemote, progressRenderer, registryAccess } from './remote.js';

// docker parity: docker/cli cli/command/image/push.go (the daemon's first message is sent before any
// check, so every failure after the reference parses arrives in-band and prints without a prefix)
const push: CommandSpec = {
  path: 'image push', aliases: ['push'], usage: '[OPTIONS] NAME[:TAG]', description: 'Upload an image to a registry',
  args: { min: 1, max: 1 },
  flags: [
    { name: 'all-tags', short: 'a', type: 'bool', usage: 'Push all tags of an image to the repository' },
    { name: 'disable-content-trust', type: 'bool', usage: 'Skip image signing (default true)', defaultValue: true },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Suppress verbose output' },
  ],
  async run(ctx) {
    const all = ctx.flags['all-tags'] as boolean;
    const quiet = ctx.flags.quiet as boolean;
    const parsed = parseRemote(ctx.args[0]!);
    if (all && !parsed.nameOnly) throw new StatusError("tag can't be used with --all-tags/-a", 1);
    if (!all && parsed.nameOnly && !quiet) ctx.io.stdout.write('Using default tag: latest\n');
    if (parsed.daemonError) throw parsed.daemonError;
    const ref = all ? parsed.ref! : withDefaultTag(parsed.ref!);
    const engine = await ctx.engine();
    const render = progressRenderer(ctx.io.stdout, quiet);
    try {
      await pushImage(engine, { reference: referenceString(ref), registry: registryAccess(ctx, engine), onProgress: render });
    } catch (e) {
      throw new StatusError(e instanceof Error ? e.message : String(e), 1);
    }
    if (quiet) ctx.io.stdout.write(`${referenceString(ref)}\n`);
    return 0;
  },
};

export default push;
