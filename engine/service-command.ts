// `skiff system service`: lives beside main.ts because it joins the CLI (flags, exit codes) to the API
// server, and those two layers never import each other.
import type { CommandSpec } from './cli/command.js';
import { StatusError } from './cli/command.js';
import { runService } from './api/service.js';
import { SKIFF_VERSION } from './domain/system/version.js';

export const serviceCommand: CommandSpec = {
  path: 'system service', usage: '[options] [URI]', description: 'Run an API service',
  long: 'Run an API service that speaks the Docker Engine API on a unix socket (or the given URI: unix:///path, tcp://host:port).',
  args: { max: 1 },
  flags: [
    { name: 'time', short: 't', type: 'int', defaultValue: 5, usage: 'Time until the service session expires in seconds.  Use 0 to disable the timeout (default 5)' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    let code: number;
    try {
      code = await runService(engine, {
        uri: ctx.args[0], idleSeconds: ctx.flags.time as number, env: ctx.io.env,
        serverName: `skiff/${SKIFF_VERSION} (linux)`,
        log: (line) => ctx.io.stderr.write(`${line}\n`),
      });
    } catch (e) {
      throw new StatusError(`Error: ${(e as Error).message}`, 125);
    }
    // A stopped service must end even if a stray handle (a child's pipe, a file watcher) holds the loop.
    setTimeout(() => process.exit(code), 1000).unref();
    return code;
  },
};
