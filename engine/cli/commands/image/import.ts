import { createReadStream, existsSync } from 'node:fs';
import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { importImage } from '../../../domain/images/import.js';
import { parseNormalizedNamed } from '../../../images/reference.js';
import { clientReferenceError } from './common.js';

const importCmd: CommandSpec = {
  path: 'image import', aliases: ['import'], usage: '[OPTIONS] file|URL|- [REPOSITORY[:TAG]]', description: 'Import the contents from a tarball to create a filesystem image',
  args: { min: 1, max: 2 },
  flags: [
    { name: 'change', short: 'c', type: 'stringArray', usage: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', type: 'string', usage: 'Set commit message for imported image' },
    { name: 'platform', type: 'string', usage: 'Set platform if server is multi-platform capable' },
  ],
  async run(ctx) {
    const [source, reference] = ctx.args as [string, string | undefined];
    // docker parity: docker/cli image/import.go checks the name and opens the file itself
    if (reference) { try { parseNormalizedNamed(reference); } catch (e) { clientReferenceError(e); } }
    if (/^https?:\/\//.test(source)) throw new StatusError('importing from a URL is not supported by skiff', 1);
    if (source !== '-' && !existsSync(source)) throw new StatusError(`open ${source}: no such file or directory`, 1);
    const input = source === '-' ? ctx.io.stdin : createReadStream(source);
    const engine = await ctx.engine();
    const report = await importImage(engine, { input, source: '-', reference, changes: ctx.flags.change as string[], message: ctx.flags.message as string });
    ctx.io.stdout.write(`${report.id}\n`);
    return 0;
  },
};

export default importCmd;
