import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { systemInfo } from '../../../domain/system/info.js';
import { DOCKER_FUNCS, Template, TemplateError } from '../../../format/index.js';
import { dockerInfo, prettyInfo, type ClientInfo } from '../../../views/info.js';
import { INSPECT_FORMAT_HELP } from '../../format-help.js';
import { cliClientVersion } from './version.js';

const info: CommandSpec = {
  path: 'system info', aliases: ['info'], usage: '[OPTIONS]', description: 'Display system-wide information', args: { max: 0 },
  flags: [{ name: 'format', short: 'f', type: 'string', usage: INSPECT_FORMAT_HELP }],
  async run(ctx) {
    const format = ctx.flags.format as string;
    // docker parity: cli@28.2 cli/command/system/info.go formatInfo — a bad template exits 64 before any work.
    let tmpl: Template | undefined;
    if (format) {
      try {
        tmpl = new Template('').funcs(DOCKER_FUNCS).parse(format === 'json' ? '{{json .}}' : format);
      } catch (e) {
        if (e instanceof TemplateError) throw new StatusError(`template parsing error: ${e.message}`, 64);
        throw e;
      }
    }
    const engine = await ctx.engine();
    const server = await systemInfo(engine);
    const client: ClientInfo = { ...cliClientVersion(), ApiVersion: '', Debug: engine.config.logLevel === 'debug', Plugins: [], Warnings: null };
    if (!tmpl) {
      const pretty = prettyInfo(server, client);
      ctx.io.stdout.write(pretty.out);
      for (const w of pretty.warnings) ctx.io.stderr.write(`${w}\n`);
      return 0;
    }
    // The output always ends with a newline, even after a failed execution.
    let out = '';
    let failure: TemplateError | undefined;
    try {
      out = tmpl.execute(dockerInfo(server, client));
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      out = e.partial;
      failure = e;
    }
    ctx.io.stdout.write(`${out}\n`);
    if (failure) throw new StatusError(failure.message, 1);
    return 0;
  },
};

export default info;
