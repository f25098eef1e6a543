import type { Readable } from 'node:stream';
import type { CommandSpec } from '../../command.js';
import { addFilter } from '../../../domain/images/filters.js';
import { pruneImages } from '../../../domain/images/prune.js';
import { humanSize } from '../../../format/index.js';
import { filterFlag, filtersFrom } from './common.js';

// docker parity: docker/cli image/prune.go
const DANGLING_WARNING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';
const ALL_WARNING = 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?';

/** One line from stdin (docker's prompt.Confirm: bufio.Scanner, trimmed, y/Y confirms). */
export function readLine(stdin: Readable): Promise<string> {
  return new Promise((resolve) => {
    let buf = '';
    const done = () => { stdin.off('data', onData); stdin.off('end', done); stdin.pause(); resolve(buf.split('\n')[0]!.trim()); };
    const onData = (c: Buffer) => { buf += c.toString(); if (buf.includes('\n')) done(); };
    stdin.on('data', onData);
    stdin.once('end', done);
    stdin.resume();
  });
}

const prune: CommandSpec = {
  path: 'image prune', usage: '[OPTIONS]', description: 'Remove unused images',
  args: { max: 0 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', usage: 'Remove all unused images, not just dangling ones' },
    filterFlag('Provide filter values (e.g. "until=<timestamp>")', null),
    { name: 'force', short: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  async run(ctx) {
    const all = ctx.flags.all as boolean;
    const filters = filtersFrom(ctx.flags.filter);
    addFilter(filters, 'dangling', String(!all));
    if (!(ctx.flags.force as boolean)) {
      ctx.io.stdout.write(`${all ? ALL_WARNING : DANGLING_WARNING} [y/N] `);
      if ((await readLine(ctx.io.stdin)).toLowerCase() !== 'y') return 0;
    }
    const engine = await ctx.engine();
    const report = await pruneImages(engine, { filters });
    if (report.ImagesDeleted?.length) {
      const lines = report.ImagesDeleted.map((d) => (d.Untagged ? `untagged: ${d.Untagged}` : `deleted: ${d.Deleted}`));
      ctx.io.stdout.write(`Deleted Images:\n${lines.join('\n')}\n\n`);
    }
    ctx.io.stdout.write(`Total reclaimed space: ${humanSize(report.ImagesDeleted?.length ? report.SpaceReclaimed : 0)}\n`);
    return 0;
  },
};

export default prune;
