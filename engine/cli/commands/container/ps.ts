import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { listContainers, parseFilterFlags } from '../../../domain/containers/list.js';
import { resolveImage } from '../../../domain/images/resolve.js';
import { parseFormat, renderList } from '../../../format/index.js';
import { containerSummary } from '../../../views/container-summary.js';
import { containerRow, PS_DEFAULT_TABLE, PS_HEADERS } from '../../../views/container-row.js';
import { daemonError } from '../../exit.js';
import type { Engine } from '../../../context.js';
import type { ContainerRecord } from '../../../model/container.js';

/** The API's Image field: the name the container was created from, or its image id once that name moved. */
export function imageDisplay(engine: Engine, rec: ContainerRecord): string {
  try {
    return resolveImage(engine, rec.ImageRef).Id === rec.ImageId ? rec.ImageRef : rec.ImageId;
  } catch {
    return rec.ImageId;
  }
}

export const ancestorMatcher = (engine: Engine) => (rec: ContainerRecord, ref: string) => {
  try { return resolveImage(engine, ref).Id === rec.ImageId; } catch { return false; }
};

const ps: CommandSpec = {
  path: 'container ls', aliases: ['ps', 'container ps', 'container list'], usage: '[OPTIONS]', description: 'List containers',
  args: { max: 0 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', usage: 'Show all containers (default shows just running)' },
    { name: 'filter', short: 'f', type: 'stringArray', usage: 'Filter output based on conditions provided', valueName: 'filter' },
    { name: 'format', type: 'string', usage: 'Format output using a custom template' },
    { name: 'last', short: 'n', type: 'int', defaultValue: -1, usage: 'Show n last created containers (includes all states)' },
    { name: 'latest', short: 'l', type: 'bool', usage: 'Show the latest created container (includes all states)' },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only display container IDs' },
    { name: 'size', short: 's', type: 'bool', usage: 'Display total file sizes' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const f = ctx.flags;
    let recs;
    try {
      recs = listContainers(engine, { all: f.all as boolean, limit: f.last as number, latest: f.latest as boolean, filters: parseFilterFlags(f.filter as string[]) }, ancestorMatcher(engine));
    } catch (e) {
      throw new StatusError(daemonError(e), 1);
    }
    const now = Date.now();
    const withSize = (f.size as boolean) && !(f.quiet as boolean);
    const rows = [];
    for (const rec of recs) {
      const sizes = withSize ? { rw: await engine.storage.sizeRw(rec.Id).catch(() => 0), rootFs: 0 } : undefined;
      rows.push(containerRow(containerSummary(rec, imageDisplay(engine, rec), now, sizes), { trunc: !(f['no-trunc'] as boolean), now }));
    }
    const table = withSize ? `${PS_DEFAULT_TABLE}\t{{.Size}}` : PS_DEFAULT_TABLE;
    const format = f.quiet ? '{{.ID}}' : (f.format as string) || table;
    ctx.io.stdout.write(renderList(parseFormat(format, table), rows, PS_HEADERS));
    return 0;
  },
};

export default ps;
