import type { CommandSpec } from '../../command.js';
import { topContainer } from '../../../domain/containers/top.js';
import { TabWriter } from '../../../format/index.js';

// docker parity: cli@28.2 cli/command/container/top.go: tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)
const TOP_TABWRITER = { minwidth: 20, tabwidth: 1, padding: 3, padchar: ' ' };

/** The ps table: titles then one line per process, cells tab-separated and aligned as docker's top aligns them. */
export function renderTop(report: { Titles: string[]; Processes: string[][] }): string {
  const w = new TabWriter(TOP_TABWRITER);
  w.write(`${report.Titles.join('\t')}\n`);
  for (const p of report.Processes) w.write(`${p.join('\t')}\n`);
  return w.flush();
}

const top: CommandSpec = {
  path: 'container top', aliases: ['top'], usage: 'CONTAINER [ps OPTIONS]', description: 'Display the running processes of a container',
  args: { min: 1 }, interspersed: false, flags: [],
  async run(ctx) {
    const engine = await ctx.engine();
    // docker parity: the client joins the ps options with single spaces (ps_args query parameter)
    const report = await topContainer(engine, { ref: ctx.args[0]!, psArgs: ctx.args.slice(1).join(' ') || undefined });
    ctx.io.stdout.write(renderTop(report));
    return 0;
  },
};

export default top;
