import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { diskUsage } from '../../../domain/system/df.js';
import { FormatError, parseFormat, renderList } from '../../../format/index.js';
import { DF_DEFAULT_TABLE, DF_HEADERS, diskUsageRows } from '../../../views/disk-usage.js';
import { FORMAT_HELP } from '../../format-help.js';

const df: CommandSpec = {
  path: 'system df', usage: '[OPTIONS]', description: 'Show docker disk usage', args: { max: 0 },
  flags: [
    { name: 'format', type: 'string', usage: FORMAT_HELP },
    { name: 'verbose', short: 'v', type: 'bool', usage: 'Show detailed information on space usage' },
  ],
  async run(ctx) {
    const usage = await diskUsage(await ctx.engine());
    try {
      ctx.io.stdout.write(renderList(parseFormat(ctx.flags.format as string, DF_DEFAULT_TABLE), diskUsageRows(usage), DF_HEADERS));
    } catch (e) {
      if (e instanceof FormatError) throw new StatusError(e.message, 1);
      throw e;
    }
    return 0;
  },
};

export default df;
