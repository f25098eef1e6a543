import type { CommandSpec } from '../../command.js';
import { containerLogs, utcLogTime } from '../../../domain/containers/logs.js';
import { parseTimeArg } from '../../time-args.js';

const logs: CommandSpec = {
  path: 'container logs', aliases: ['logs'], usage: '[OPTIONS] CONTAINER', description: 'Fetch the logs of a container',
  args: { min: 1, max: 1 },
  flags: [
    { name: 'details', type: 'bool', usage: 'Show extra details provided to logs' },
    { name: 'follow', short: 'f', type: 'bool', usage: 'Follow log output' },
    { name: 'since', type: 'string', usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    { name: 'tail', short: 'n', type: 'string', defaultValue: 'all', usage: 'Number of lines to show from the end of the logs (default "all")' },
    { name: 'timestamps', short: 't', type: 'bool', usage: 'Show timestamps' },
    { name: 'until', type: 'string', usage: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const now = Date.now();
    const since = ctx.flags.since ? parseTimeArg(ctx.flags.since as string, now) : undefined;
    const until = ctx.flags.until ? parseTimeArg(ctx.flags.until as string, now) : undefined;
    const tailRaw = ctx.flags.tail as string;
    const tail = tailRaw === 'all' || tailRaw === '' ? undefined : Number.parseInt(tailRaw, 10);
    const stamps = ctx.flags.timestamps as boolean;
    const stream = containerLogs(engine, { ref: ctx.args[0]!, follow: ctx.flags.follow as boolean, since, until, tail: Number.isNaN(tail) ? undefined : tail });
    for await (const entry of stream) {
      const out = entry.stream === 'stderr' ? ctx.io.stderr : ctx.io.stdout;
      out.write(stamps ? Buffer.concat([Buffer.from(`${utcLogTime(entry.time)} `), entry.line]) : entry.line);
    }
    return 0;
  },
};

export default logs;
