import type { CommandContext, CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import type { Engine } from '../../../context.js';
import { containerStats, streamStats } from '../../../domain/containers/stats.js';
import { listContainers } from '../../../domain/containers/list.js';
import { FormatError, parseFormat, renderList } from '../../../format/index.js';
import { sleep } from '../../../sys/process.js';
import { STATS_HEADERS, STATS_TABLE, statsContext, statsEntry, type StatsEntry } from '../../../views/container-stats.js';
import { daemonError } from '../../exit.js';

// docker parity: cli@28.2 cli/command/container/stats.go RunStats
const stats: CommandSpec = {
  path: 'container stats', aliases: ['stats'], usage: '[OPTIONS] [CONTAINER...]', description: 'Display a live stream of container(s) resource usage statistics',
  flags: [
    { name: 'all', short: 'a', type: 'bool', usage: 'Show all containers (default shows just running)' },
    { name: 'format', type: 'string', usage: 'Format output using a custom template' },
    { name: 'no-stream', type: 'bool', usage: 'Disable streaming stats and only pull the first result' },
    { name: 'no-trunc', type: 'bool', usage: 'Do not truncate output' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const showAll = ctx.args.length === 0;
    // skiff differs: with no names the set is fixed at start (docker follows start/die events).
    const refs = showAll
      ? listContainers(engine, { all: ctx.flags.all as boolean }, () => false).map((r) => r.Id.slice(0, 12))
      : [...new Set(ctx.args)];
    const format = (ctx.flags.format as string) || 'table';
    const trunc = !(ctx.flags['no-trunc'] as boolean);
    if (ctx.flags['no-stream'] as boolean) return once(ctx, engine, refs, showAll, (entries) => render(format, entries, trunc));
    return stream(ctx, engine, refs, (entries) => render(format, entries, trunc));
  },
};

async function once(ctx: CommandContext, engine: Engine, refs: string[], showAll: boolean, show: (e: StatsEntry[]) => string): Promise<number> {
  const results = await Promise.all(refs.map(async (ref) => {
    try { return { entry: statsEntry(ref, await containerStats(engine, { ref })) }; } catch (e) { return { error: daemonError(e) }; }
  }));
  const errors = results.flatMap((r) => (r.error ? [r.error] : []));
  if (!showAll && errors.length > 0) throw new StatusError(errors.join('\n'), 1);
  ctx.io.stdout.write(show(results.flatMap((r) => (r.entry ? [r.entry] : []))));
  return 0;
}

/** Collectors keep the latest entry per container; the screen is redrawn every 500ms until interrupted. */
async function stream(ctx: CommandContext, engine: Engine, refs: string[], show: (e: StatsEntry[]) => string): Promise<number> {
  const latest = new Map<string, StatsEntry>(refs.map((ref) => [ref, emptyEntry(ref)]));
  const failures: string[] = [];
  await Promise.all(refs.map((ref) => collect(engine, ref, latest, failures, true)));
  if (failures.length > 0) throw new StatusError(failures.join('\n'), 1);
  for (const ref of refs) void collect(engine, ref, latest, failures, false);
  for (;;) {
    ctx.io.stdout.write(frame(show([...latest.values()])));
    await sleep(500);
  }
}

async function collect(engine: Engine, ref: string, latest: Map<string, StatsEntry>, failures: string[], firstOnly: boolean): Promise<void> {
  try {
    for await (const doc of streamStats(engine, { ref })) {
      latest.set(ref, statsEntry(ref, doc));
      if (firstOnly) return;
    }
  } catch (e) {
    if (firstOnly) failures.push(daemonError(e));
  }
}

const emptyEntry = (ref: string): StatsEntry => ({
  container: ref, name: '', id: '', cpuPercentage: 0, memory: 0, memoryLimit: 0, memoryPercentage: 0, networkRx: 0, networkTx: 0,
  blockRead: 0, blockWrite: 0, pidsCurrent: 0,
});

// docker parity: stats.go appends each line of the buffer (which already holds "\033[H" and the table) with " \033[K", then "\033[J"
function frame(table: string): string {
  const buffer = `\x1b[H${table}`;
  return `${buffer}${buffer.split('\n').map((l) => `${l} \x1b[K\n`).join('')}\x1b[J`;
}

function render(format: string, entries: StatsEntry[], trunc: boolean): string {
  try {
    return renderList(parseFormat(format, STATS_TABLE), entries.map((e) => statsContext(e, { trunc })), STATS_HEADERS);
  } catch (e) {
    if (e instanceof FormatError) throw new StatusError(e.message, 1);
    throw e;
  }
}

export default stats;
