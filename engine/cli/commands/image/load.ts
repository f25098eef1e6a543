import { createReadStream, existsSync } from 'node:fs';
import type { CommandSpec, CliIO } from '../../command.js';
import { StatusError } from '../../command.js';
import { loadImages } from '../../../domain/images/load.js';
import { humanSize } from '../../../format/index.js';

/** docker/cli's jsonmessage rendering of one finished "Loading layer" progress line on a terminal. */
function progressWriter(io: CliIO): (id: string, size: number) => void {
  const width = io.stdout.columns ?? 80;
  return (id, size) => {
    const bar = width > 110 ? `[${'='.repeat(50)}>] ` : '';
    const box = `${humanSize(size).padStart(8)}/${humanSize(size)}`;
    io.stdout.write(`\n\x1b[1A\x1b[2K\r${id}: Loading layer ${bar}${box}\r\x1b[1B`);
  };
}

const load: CommandSpec = {
  path: 'image load', aliases: ['load'], usage: '[OPTIONS]', description: 'Load an image from a tar archive or STDIN',
  args: { max: 0 },
  flags: [
    { name: 'input', short: 'i', type: 'string', usage: 'Read from tar archive file, instead of STDIN' },
    { name: 'platform', type: 'string', usage: 'Load only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Suppress the load output' },
  ],
  async run(ctx) {
    const file = ctx.flags.input as string;
    // docker parity: docker/cli image/load.go
    if (!file && ctx.io.stdin.isTTY) throw new StatusError('requested load from stdin, but stdin is empty', 1);
    if (file && !existsSync(file)) throw new StatusError(`open ${file}: no such file or directory`, 1);
    const input = file ? createReadStream(file) : ctx.io.stdin;
    const engine = await ctx.engine();
    const quiet = (ctx.flags.quiet as boolean) || !ctx.io.stdout.isTTY;
    const report = await loadImages(engine, { input, onLayer: quiet ? undefined : progressWriter(ctx.io) });
    for (const line of report.lines) ctx.io.stdout.write(`${line}\n`);
    return 0;
  },
};

export default load;
