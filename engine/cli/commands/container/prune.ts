import type { CommandSpec } from '../../command.js';
import { pruneContainers } from '../../../domain/containers/prune.js';
import { humanSize } from '../../../format/index.js';
import { filterFlag, filtersFrom } from '../image/common.js';
import { readLine } from '../image/prune.js';

// docker parity: cli@28.2 cli/command/container/prune.go
const WARNING = 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?';

const prune: CommandSpec = {
  path: 'container prune', usage: '[OPTIONS]', description: 'Remove all stopped containers',
  args: { max: 0 },
  flags: [
    filterFlag('Provide filter values (e.g. "until=<timestamp>")', ''),
    { name: 'force', short: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  async run(ctx) {
    const filters = filtersFrom(ctx.flags.filter);
    if (!(ctx.flags.force as boolean)) {
      ctx.io.stdout.write(`${WARNING} [y/N] `);
      // A "no" is a cancellation: docker exits 0 and prints nothing more.
      if ((await readLine(ctx.io.stdin)).toLowerCase() !== 'y') return 0;
    }
    const engine = await ctx.engine();
    const report = await pruneContainers(engine, { filters });
    const ids = report.ContainersDeleted ?? [];
    if (ids.length > 0) ctx.io.stdout.write(`Deleted Containers:\n${ids.map((id) => `${id}\n`).join('')}\n`);
    ctx.io.stdout.write(`Total reclaimed space: ${humanSize(ids.length > 0 ? report.SpaceReclaimed : 0)}\n`);
    return 0;
  },
};

export default prune;
