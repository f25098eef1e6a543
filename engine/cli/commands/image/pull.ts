import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { referenceString, withDefaultTag } from '../../../images/reference.js';
import { parseRemote, pullWithProgress, registryAccess } from './remote.js';

// docker parity: docker/cli cli/command/image/pull.go
const pull: CommandSpec = {
  path: 'image pull', aliases: ['pull'], usage: '[OPTIONS] NAME[:TAG|@DIGEST]', description: 'Download an image from a registry',
  args: { min: 1, max: 1 },
  flags: [
    { name: 'all-tags', short: 'a', type: 'bool', usage: 'Download all tagged images in the repository' },
    { name: 'disable-content-trust', type: 'bool', usage: 'Skip image verification (default true)', defaultValue: true },
    { name: 'platform', type: 'string', usage: 'Set platform if server is multi-platform capable' },
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
    const platform = (ctx.flags.platform as string) || undefined;
    await pullWithProgress(engine, registryAccess(ctx, engine), { reference: referenceString(ref), allTags: all, platform: platform?.toLowerCase(), out: ctx.io.stdout, quiet });
    ctx.io.stdout.write(`${referenceString(ref)}\n`);
    return 0;
  },
};

export default pull;
