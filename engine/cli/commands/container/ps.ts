import type { CommandSpec } from '../../command.js';
import { listContainerSummaries } from '../../../domain/containers/summaries.js';
import { StatusError } from '../../command.js';
import { parseFilterFlags } from '../../../domain/containers/list.js';
import { DOCKER_FUNCS, FormatError, parseFormat, renderList, Template, TemplateError } from '../../../format/index.js';
import { containerRow, containerRowProbe, PS_DEFAULT_TABLE, PS_HEADERS, PS_RAW_FORMAT } from '../../../views/container-row.js';
import { daemonError } from '../../exit.js';
import { FORMAT_HELP } from '../../format-help.js';
import { filterFlag } from '../image/common.js';

/**
 * docker runs a --format template once on an empty container before listing: a template that does not
 * parse or run fails the command, and one that reads .Size turns sizes on. Returns the fields read.
 */
export function checkPsTemplate(format: string, now = Date.now()): Set<string> {
  let tmpl: Template;
  try {
    tmpl = new Template('').funcs(DOCKER_FUNCS).parse(format);
  } catch (e) {
    // docker parity: cli@28.2 cli/command/container/list.go buildContainerListOptions
    if (e instanceof TemplateError) throw new StatusError(`failed to parse template: ${e.message}`, 1);
    throw e;
  }
  const probe = containerRowProbe(now);
  try {
    tmpl.execute(probe.row);
  } catch (e) {
    if (e instanceof TemplateError) throw new StatusError(`failed to execute template: ${e.message}`, 1);
    throw e;
  }
  return probe.used;
}

// docker parity: cli@28.2 cli/command/formatter/container.go NewContainerFormat
export function psFormat(source: string, quiet: boolean, size: boolean): string {
  if (source === '' || source === 'table') return quiet ? '{{.ID}}' : size ? `${PS_DEFAULT_TABLE}\\t{{.Size}}` : PS_DEFAULT_TABLE;
  if (source === 'raw') return quiet ? 'container_id: {{.ID}}' : size ? `${PS_RAW_FORMAT}size: {{.Size}}\\n` : PS_RAW_FORMAT;
  return quiet ? '{{.ID}}' : source;
}

const ps: CommandSpec = {
  path: 'container ls', aliases: ['container list', 'container ps', 'ps'], usage: '[OPTIONS]', description: 'List containers',
  args: { max: 0 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', usage: 'Show all containers (default shows just running)' },
    filterFlag(),
    { name: 'format', type: 'string', usage: FORMAT_HELP },
    { name: 'last', short: 'n', type: 'int', defaultValue: -1, usage: 'Show n last created containers (includes all states) (default -1)' },
    { name: 'latest', short: 'l', type: 'bool', usage: 'Show the latest created container (includes all states)' },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only display container IDs' },
    { name: 'size', short: 's', type: 'bool', usage: 'Display total file sizes' },
  ],
  async run(ctx) {
    const f = ctx.flags;
    const format = f.format as string;
    const quiet = f.quiet as boolean;
    // docker parity: cli@28.2 cli/command/container/list.go runPs
    if (format !== '' && quiet) ctx.io.stderr.write('WARNING: Ignoring custom format, because both --format and --quiet are set.\n');
    let size = f.size as boolean;
    if (format !== '') {
      const used = checkPsTemplate(format);
      if (!quiet && !size && !ctx.changed.has('size') && used.has('Size')) size = true;
    }
    const engine = await ctx.engine();
    let summaries;
    try {
      summaries = await listContainerSummaries(engine, { all: f.all as boolean, limit: f.last as number, latest: f.latest as boolean, size, filters: parseFilterFlags((f.filter as string[]).filter((v) => v !== '')) });
    } catch (e) {
      throw new StatusError(daemonError(e), 1);
    }
    const now = Date.now();
    const rows = summaries.map((s) => containerRow(s, { trunc: !(f['no-trunc'] as boolean), now }));
    const source = psFormat(format, quiet, size);
    try {
      ctx.io.stdout.write(renderList(parseFormat(source, source), rows, PS_HEADERS));
    } catch (e) {
      if (e instanceof FormatError) throw new StatusError(e.message, 1);
      throw e;
    }
    return 0;
  },
};

export default ps;
