import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { saveImages } from '../../../domain/images/save.js';

const save: CommandSpec = {
  path: 'image save', aliases: ['save'], usage: '[OPTIONS] IMAGE [IMAGE...]', description: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
  args: { min: 1 },
  flags: [
    { name: 'output', short: 'o', type: 'string', usage: 'Write to a file, instead of STDOUT' },
    { name: 'platform', type: 'string', usage: 'Save only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' },
  ],
  async run(ctx) {
    const output = ctx.flags.output as string;
    // docker parity: docker/cli image/save.go
    if (!output && ctx.io.stdout.isTTY) throw new StatusError('cowardly refusing to save to a terminal. Use the -o flag or redirect', 1);
    const engine = await ctx.engine();
    const tar = saveImages(engine, { names: ctx.args });
    if (!output) {
      try {
        await pipeline(tar, ctx.io.stdout, { end: false });
      } catch (e) {
        // A reader that went away (`save | head`): Go's CLI dies of SIGPIPE, silently.
        if ((e as NodeJS.ErrnoException).code === 'EPIPE') return 141;
        throw e;
      }
      return 0;
    }
    // Like docker's atomicwriter: a temp file beside the target, renamed when complete.
    const tmp = join(dirname(output), `.${basename(output)}.tmp-${process.pid}`);
    try {
      await pipeline(tar, createWriteStream(tmp, { mode: 0o600 }));
      renameSync(tmp, output);
    } catch (e) {
      rmSync(tmp, { force: true });
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EACCES') throw new StatusError(`failed to save image: ${(e as Error).message}`, 1);
      throw e;
    }
    return 0;
  },
};

export default save;
