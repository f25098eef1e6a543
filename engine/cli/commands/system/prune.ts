import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { pruneContainers } from '../../../domain/containers/prune.js';
import { addFilter } from '../../../domain/images/filters.js';
import { pruneImages } from '../../../domain/images/prune.js';
import { pruneNetworks } from '../../../domain/networks/remove.js';
import { pruneVolumes } from '../../../domain/volumes/list.js';
import { humanSize } from '../../../format/index.js';
import { filterFlag, filtersFrom } from '../image/common.js';
import { readLine } from '../image/prune.js';

// docker parity: cli@28.2 cli/command/system/prune.go confirmationTemplate
function confirmation(all: boolean, volumes: boolean, filters: string[]): string {
  const warnings = [
    'all stopped containers', 'all networks not used by at least one container',
    ...(volumes ? ['all anonymous volumes not used by at least one container'] : []),
    all ? 'all images without at least one container associated to them' : 'all dangling images',
    all ? 'all build cache' : 'unused build cache',
  ];
  let text = `WARNING! This will remove:\n${warnings.map((w) => `  - ${w}\n`).join('')}`;
  if (filters.length) text += `\n  Items to be pruned will be filtered with:\n${filters.map((f) => `  - ${f}\n`).join('')}`;
  return `${text}\nAre you sure you want to continue? [y/N] `;
}

const prune: CommandSpec = {
  path: 'system prune', usage: '[OPTIONS]', description: 'Remove unused data', args: { max: 0 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', usage: 'Remove all unused images not just dangling ones' },
    filterFlag('Provide filter values (e.g. "label=<key>=<value>")', null),
    { name: 'force', short: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
    { name: 'volumes', type: 'bool', usage: 'Prune anonymous volumes' },
  ],
  async run(ctx) {
    const all = ctx.flags.all as boolean;
    const raw = (ctx.flags.filter as string[]).filter((v) => v !== '');
    // docker parity: cli@28.2 system/prune.go runPrune
    if (ctx.flags.volumes && filtersFrom(raw).has('until')) throw new StatusError('ERROR: The "until" filter is not supported with "--volumes"', 1);
    if (!(ctx.flags.force as boolean)) {
      ctx.io.stdout.write(confirmation(all, ctx.flags.volumes as boolean, raw));
      // A "no" cancels: docker exits 0 and prints nothing more.
      if ((await readLine(ctx.io.stdin)).toLowerCase() !== 'y') return 0;
    }
    const engine = await ctx.engine();
    let reclaimed = 0;
    // Containers first, so the networks, volumes and images they held become prunable; build cache has no store yet.
    const containers = await pruneContainers(engine, { filters: filtersFrom(raw) });
    if (containers.ContainersDeleted?.length) {
      reclaimed += containers.SpaceReclaimed;
      ctx.io.stdout.write(`Deleted Containers:\n${containers.ContainersDeleted.map((id) => `${id}\n`).join('')}\n`);
    }
    const networks = pruneNetworks(engine, filtersFrom(raw));
    if (networks.NetworksDeleted.length) ctx.io.stdout.write(`Deleted Networks:\n${networks.NetworksDeleted.map((n) => `${n}\n`).join('')}\n`);
    if (ctx.flags.volumes as boolean) {
      const volumes = await pruneVolumes(engine, filtersFrom(raw));
      reclaimed += volumes.SpaceReclaimed;
      if (volumes.VolumesDeleted.length) ctx.io.stdout.write(`Deleted Volumes:\n${volumes.VolumesDeleted.map((n) => `${n}\n`).join('')}\n`);
    }
    const imageFilters = filtersFrom(raw);
    addFilter(imageFilters, 'dangling', String(!all));
    const images = await pruneImages(engine, { filters: imageFilters });
    if (images.ImagesDeleted?.length) {
      reclaimed += images.SpaceReclaimed;
      const lines = images.ImagesDeleted.map((d) => (d.Untagged ? `untagged: ${d.Untagged}` : `deleted: ${d.Deleted}`));
      ctx.io.stdout.write(`Deleted Images:\n${lines.map((l) => `${l}\n`).join('')}\n`);
    }
    ctx.io.stdout.write(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
    return 0;
  },
};

export default prune;
