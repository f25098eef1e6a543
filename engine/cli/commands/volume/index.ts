// `volume create|ls|inspect|rm|prune` over the domain's volume verbs, printed as docker/cli 28.2 does.
// docker parity: cli@28.2 cli/command/volume/{create,list,inspect,remove,prune}.go
import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { createVolume } from '../../../domain/volumes/create.js';
import { inspectVolume, listVolumes, pruneVolumes } from '../../../domain/volumes/list.js';
import { removeVolume } from '../../../domain/volumes/remove.js';
import { FormatError, humanSize, parseFormat, renderList } from '../../../format/index.js';
import { localVolumes } from '../../../volumes/index.js';
import { VOLUME_HEADERS, VOLUME_TABLE, volumeFormat, volumeInspect, volumeRow } from '../../../views/volume.js';
import { daemonError } from '../../exit.js';
import { FORMAT_HELP, INSPECT_FORMAT_HELP } from '../../format-help.js';
import { inspectRefs } from '../../inspect-output.js';
import { filterFlag, filtersFrom } from '../image/common.js';
import { readLine } from '../image/prune.js';
import { kvMap, labelFlag, mapFlag } from './shared.js';

const create: CommandSpec = {
  path: 'volume create', usage: '[OPTIONS] [VOLUME]', description: 'Create a volume', args: { max: 1 },
  flags: [
    { name: 'driver', short: 'd', type: 'string', defaultValue: 'local', usage: 'Specify volume driver name (default "local")' },
    { name: 'name', type: 'string', usage: 'Specify volume name', hidden: true },
    mapFlag('opt', 'Set driver specific options', 'o'),
    labelFlag('Set metadata for a volume'),
  ],
  async run(ctx) {
    let name = ctx.flags.name as string;
    if (ctx.args[0] !== undefined) {
      if (name) throw new StatusError('conflicting options: cannot specify a volume-name through both --name and as a positional arg', 1);
      name = ctx.args[0];
    }
    const engine = await ctx.engine();
    const v = createVolume(engine, { name, driver: ctx.flags.driver as string, labels: kvMap(ctx.flags.label), options: kvMap(ctx.flags.opt) });
    ctx.io.stdout.write(`${v.Name}\n`);
    return 0;
  },
};

// docker parity: cli@28.2 volume/list.go — sorted by natural name order
const naturalLess = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true }) < 0;

const ls: CommandSpec = {
  path: 'volume ls', aliases: ['volume list'], usage: '[OPTIONS]', description: 'List volumes', args: { max: 0 },
  flags: [
    { name: 'cluster', type: 'bool', usage: 'Display only cluster volumes, and use cluster volume list formatting', hidden: true },
    filterFlag('Provide filter values (e.g. "dangling=true")'),
    { name: 'format', type: 'string', usage: FORMAT_HELP },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only display volume names' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const vols = listVolumes(engine, filtersFrom(ctx.flags.filter)).sort((a, b) => (naturalLess(a.Name, b.Name) ? -1 : naturalLess(b.Name, a.Name) ? 1 : 0));
    const driver = localVolumes(engine);
    const source = volumeFormat((ctx.flags.format as string) || 'table', ctx.flags.quiet as boolean);
    try {
      ctx.io.stdout.write(renderList(parseFormat(source, VOLUME_TABLE), vols.map((v) => volumeRow(v, driver.dataDir(v.Name))), VOLUME_HEADERS));
    } catch (e) {
      if (e instanceof FormatError) throw new StatusError(e.message, 1);
      throw e;
    }
    return 0;
  },
};

const inspect: CommandSpec = {
  path: 'volume inspect', usage: '[OPTIONS] VOLUME [VOLUME...]', description: 'Display detailed information on one or more volumes', args: { min: 1 },
  flags: [{ name: 'format', short: 'f', type: 'string', usage: INSPECT_FORMAT_HELP }],
  async run(ctx) {
    const engine = await ctx.engine();
    const driver = localVolumes(engine);
    return inspectRefs(ctx.io, ctx.args, (ctx.flags.format as string) || undefined,
      async (ref) => { const v = inspectVolume(engine, ref); return volumeInspect(v, driver.dataDir(v.Name)); }, daemonError);
  },
};

const rm: CommandSpec = {
  path: 'volume rm', aliases: ['volume remove'], usage: '[OPTIONS] VOLUME [VOLUME...]', description: 'Remove one or more volumes',
  long: 'Remove one or more volumes. You cannot remove a volume that is in use by a container.', args: { min: 1 },
  flags: [{ name: 'force', short: 'f', type: 'bool', usage: 'Force the removal of one or more volumes' }],
  async run(ctx) {
    const engine = await ctx.engine();
    const errors: string[] = [];
    for (const name of ctx.args) {
      try {
        await removeVolume(engine, { name, force: ctx.flags.force as boolean });
        ctx.io.stdout.write(`${name}\n`);
      } catch (e) {
        errors.push(daemonError(e));
      }
    }
    // docker parity: errors.Join of the failures, printed once by the CLI
    if (errors.length) throw new StatusError(errors.join('\n'), 1);
    return 0;
  },
};

// docker parity: cli@28.2 volume/prune.go (API 1.41: every unused volume, hence the "all" warning)
const ALL_WARNING = 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

const prune: CommandSpec = {
  path: 'volume prune', usage: '[OPTIONS]', description: 'Remove unused local volumes', args: { max: 0 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', usage: 'Remove all unused volumes, not just anonymous ones', hidden: true },
    filterFlag('Provide filter values (e.g. "label=<label>")', null),
    { name: 'force', short: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  async run(ctx) {
    if (ctx.changed.has('all')) throw new StatusError('"--all" requires API version 1.42, but the Docker daemon API version is 1.41', 1);
    const filters = filtersFrom(ctx.flags.filter);
    if (!(ctx.flags.force as boolean)) {
      ctx.io.stdout.write(`${ALL_WARNING} [y/N] `);
      // docker parity: a cancelled prune exits 0 without a message (errdefs.IsCancelled)
      if ((await readLine(ctx.io.stdin)).toLowerCase() !== 'y') return 0;
    }
    const engine = await ctx.engine();
    const report = await pruneVolumes(engine, filters);
    if (report.VolumesDeleted.length > 0) ctx.io.stdout.write(`Deleted Volumes:\n${report.VolumesDeleted.map((n) => `${n}\n`).join('')}\n`);
    ctx.io.stdout.write(`Total reclaimed space: ${humanSize(report.VolumesDeleted.length ? report.SpaceReclaimed : 0)}\n`);
    return 0;
  },
};

export default [create, ls, inspect, rm, prune];
