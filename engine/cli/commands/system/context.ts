import type { CommandContext, CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { DEFAULT_CONTEXT, inspectContext, listContexts, type ContextSummary } from '../../../domain/system/context.js';
import { FormatError, GO_MARSHAL_JSON, goStruct, marshalJSON, parseFormat, renderList } from '../../../format/index.js';
import { FORMAT_HELP, INSPECT_FORMAT_HELP } from '../../format-help.js';
import { inspectRefs } from '../../inspect-output.js';

// docker parity: cli@28.2 cli/command/context/list.go, formatter/context.go
const LS_TABLE = 'table {{.Name}}{{if .Current}} *{{end}}\t{{.Description}}\t{{.DockerEndpoint}}\t{{.Error}}';
const LS_HEADERS = { Name: 'NAME', Description: 'DESCRIPTION', DockerEndpoint: 'DOCKER ENDPOINT', Error: 'ERROR' };

function contextRow(c: ContextSummary): object {
  const row = { ...c };
  // formatter/reflect.go MarshalJSON: the fields as a map, keys sorted.
  Object.defineProperty(row, GO_MARSHAL_JSON, { value: () => marshalJSON(new Map(Object.entries(c)), { escapeHTML: true }) });
  return goStruct(row, '*formatter.clientContextContext');
}

function warnDockerHost(ctx: CommandContext): void {
  if (!ctx.io.env.DOCKER_HOST) return;
  ctx.io.stderr.write('Warning: DOCKER_HOST environment variable overrides the active context. To use a context, either set the global --context flag, or unset DOCKER_HOST environment variable.\n');
}

const ls: CommandSpec = {
  path: 'context ls', aliases: ['context list'], usage: '[OPTIONS]', description: 'List contexts', args: { max: 0 },
  flags: [
    { name: 'format', type: 'string', usage: FORMAT_HELP },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only show context names' },
  ],
  async run(ctx) {
    const contexts = listContexts(ctx.io.env);
    const format = ctx.flags.quiet ? '{{.Name}}' : (ctx.flags.format as string);
    try {
      ctx.io.stdout.write(renderList(parseFormat(format, LS_TABLE), contexts.map(contextRow), LS_HEADERS));
    } catch (e) {
      if (e instanceof FormatError) throw new StatusError(e.message, 1);
      throw e;
    }
    warnDockerHost(ctx);
    return 0;
  },
};

const show: CommandSpec = {
  path: 'context show', usage: '', description: 'Print the name of the current context', args: { max: 0 }, flags: [],
  async run(ctx) {
    ctx.io.stdout.write(`${DEFAULT_CONTEXT}\n`);
    return 0;
  },
};

const inspect: CommandSpec = {
  path: 'context inspect', usage: '[OPTIONS] [CONTEXT] [CONTEXT...]', description: 'Display detailed information on one or more contexts',
  flags: [{ name: 'format', short: 'f', type: 'string', usage: INSPECT_FORMAT_HELP }],
  async run(ctx) {
    const names = ctx.args.length > 0 ? ctx.args : [DEFAULT_CONTEXT];
    const format = (ctx.flags.format as string) || undefined;
    // docker marshals the context with HTML escaping ("\u003cIN MEMORY\u003e"); there is no raw API JSON.
    const escaped = { write: (s: string) => ctx.io.stdout.write(format ? s : s.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)) };
    return inspectRefs({ ...ctx.io, stdout: escaped as unknown as typeof ctx.io.stdout }, names, format,
      async (name) => inspectContext(ctx.io.env, name), (e) => (e as Error).message);
  },
};

export default [ls, show, inspect];
