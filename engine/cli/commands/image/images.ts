import type { CommandSpec } from '../../command.js';
import { addFilter } from '../../../domain/images/filters.js';
import { listImages } from '../../../domain/images/list.js';
import { parseFormat, renderList } from '../../../format/index.js';
import { IMAGE_HEADERS, IMAGE_TABLE, IMAGE_TABLE_DIGESTS, imageRows, imageSummary } from '../../../views/image-summary.js';
import { filterFlag, filtersFrom } from './common.js';

// docker parity: docker/cli cli/command/image/list.go and formatter/image.go NewImageFormat
function chooseFormat(format: string, quiet: boolean, digests: boolean): string {
  if (!format || format === 'table') return quiet ? '{{.ID}}' : digests ? IMAGE_TABLE_DIGESTS : IMAGE_TABLE;
  if (format.startsWith('table') && digests && !format.includes('{{.Digest}}')) return `${format}\t{{.Digest}}`;
  return format;
}

const AMBIGUOUS = new Set(['build', 'history', 'import', 'inspect', 'list', 'load', 'ls', 'prune', 'pull', 'push', 'rm', 'save', 'tag']);

const images: CommandSpec = {
  path: 'image ls', aliases: ['images', 'image list'], usage: '[OPTIONS] [REPOSITORY[:TAG]]', description: 'List images',
  args: { max: 1 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', usage: 'Show all images (default hides intermediate images)' },
    { name: 'digests', type: 'bool', usage: 'Show digests' },
    filterFlag(),
    { name: 'format', type: 'string', usage: 'Format output using a custom template' },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only show image IDs' },
  ],
  async run(ctx) {
    const f = ctx.flags;
    const filters = filtersFrom(f.filter);
    if (ctx.args[0]) addFilter(filters, 'reference', ctx.args[0]);
    const engine = await ctx.engine();
    const listed = listImages(engine, { all: f.all as boolean, filters });
    const format = chooseFormat(f.format as string, f.quiet as boolean, f.digests as boolean);
    const needDigest = (f.digests as boolean) || format.includes('{{.Digest}}');
    const opts = { trunc: !(f['no-trunc'] as boolean), digests: f.digests as boolean, needDigest, now: engine.clock().getTime() };
    const rows = listed.flatMap((l) => imageRows(imageSummary(l.image, l.repoTags, l.repoDigests), opts));
    ctx.io.stdout.write(renderList(parseFormat(format, IMAGE_TABLE), rows, IMAGE_HEADERS));
    if (ctx.args[0] && listed.length === 0 && ctx.invokedAs.endsWith(' images') && AMBIGUOUS.has(ctx.args[0])) {
      ctx.io.stderr.write(`\nNo images found matching "${ctx.args[0]}": did you mean "docker image ${ctx.args[0]}"?\n`);
    }
    return 0;
  },
};

export default images;
