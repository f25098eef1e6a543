import type { CommandSpec } from '../../command.js';
import { imageHistory } from '../../../domain/images/history.js';
import { parseFormat, renderList } from '../../../format/index.js';
import { HISTORY_HEADERS, HISTORY_TABLE, HISTORY_TABLE_NON_HUMAN, historyRow } from '../../../views/image-history.js';

const history: CommandSpec = {
  path: 'image history', aliases: ['history'], usage: '[OPTIONS] IMAGE', description: 'Show the history of an image',
  args: { min: 1, max: 1 },
  flags: [
    { name: 'format', type: 'string', usage: 'Format output using a custom template' },
    { name: 'human', short: 'H', type: 'bool', defaultValue: true, usage: 'Print sizes and dates in human readable format' },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
    { name: 'platform', type: 'string', usage: 'Show history for the given platform. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only show image IDs' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const items = imageHistory(engine, ctx.args[0]!);
    const human = ctx.flags.human as boolean;
    const table = human ? HISTORY_TABLE : HISTORY_TABLE_NON_HUMAN;
    const given = ctx.flags.format as string;
    // docker parity: docker/cli image/formatter_history.go NewHistoryFormat
    const format = !given || given === 'table' ? (ctx.flags.quiet ? '{{.ID}}' : table) : given;
    const opts = { trunc: !(ctx.flags['no-trunc'] as boolean), human, now: engine.clock().getTime() };
    ctx.io.stdout.write(renderList(parseFormat(format, table), items.map((h) => historyRow(h, opts)), HISTORY_HEADERS));
    return 0;
  },
};

export default history;
