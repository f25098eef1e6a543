import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { containerStats } from '../../../domain/containers/stats.js';
import { listContainers } from '../../../domain/containers/list.js';
import { FormatError, parseFormat, renderList } from '../../../format/index.js';
import { STATS_HEADERS, STATS_TABLE, statsContext, statsEntry, type StatsEntry } from '../../../views/container-stats.js';
import { daemonError } from '../../exit.js';

// docker parity: cli@28.2 cli/command/container/stats.go RunStats (here without streaming)
const stats: CommandSpec = {
  path: 'container stats', aliases: ['stats'], usage: '[OPTIONS] [CONTAINER...]', description: 'Display a live stream of container(s) resource usage statistics',
  flags: [
    { name: 'all', short: 'a', type: 'bool', usage: 'Show all containers (default shows just running)' },
    { name: 'format', type: 'string', usage: 'Format output using a custom template' },
    { name: 'no-stream', type: 'bool', usage: 'Disable streaming stats and only pull the first result' },
    { name: 'no-trunc', type: 'bool', usage: 'Do not truncate output' },
  ],
  async run(ctx) {
    // skiff differs: only one sample is shown; streaming needs a terminal redraw loop skiff does not have yet.
    const engine = await ctx.engine();
    const showAll = ctx.args.length === 0;
    const refs = showAll
      ? listContainers(engine, { all: ctx.flags.all as boolean }, () => false).map((r) => r.Id.slice(0, 12))
      : [...new Set(ctx.args)];
    const results = await Promise.all(refs.map(async (ref) => {
      try { return { entry: statsEntry(ref, await containerStats(engine, { ref })) }; } catch (e) { return { error: daemonError(e) }; }
    }));
    const errors = results.flatMap((r) => (r.error ? [r.error] : []));
    if (!showAll && errors.length > 0) throw new StatusError(errors.join('\n'), 1);
    const entries = results.flatMap((r) => (r.entry ? [r.entry] : [])) as StatsEntry[];
    ctx.io.stdout.write(render((ctx.flags.format as string) || 'table', entries, !(ctx.flags['no-trunc'] as boolean)));
    return 0;
  },
};

function render(format: string, entries: StatsEntry[], trunc: boolean): string {
  try {
    return renderList(parseFormat(format, STATS_TABLE), entries.map((e) => statsContext(e, { trunc })), STATS_HEADERS);
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
}

export default stats;
