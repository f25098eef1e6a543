import type { CommandSpec } from '../../command.js';
import { currentIdentity } from '../../../config/identity.js';
import { registryAccessFrom } from '../../../domain/images/registry-access.js';
import { searchImages } from '../../../domain/images/search.js';
import { ellipsis, FormatError, goStruct, parseFormat, renderList } from '../../../format/index.js';
import { StatusError } from '../../command.js';
import type { SearchResult } from '../../../registry/search.js';
import { filterFlag, filtersFrom } from './common.js';

// docker parity: docker/cli cli/command/registry/formatter_search.go
const SEARCH_TABLE = 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}';
const SEARCH_HEADERS = { Name: 'NAME', Description: 'DESCRIPTION', StarCount: 'STARS', IsOfficial: 'OFFICIAL' };

// docker/cli 28 dropped IsAutomated (Docker Hub removed automated builds): asking for it is an error.
function searchRow(r: SearchResult, trunc: boolean) {
  const desc = (r.description ?? '').replace(/\n/g, ' ').replace(/\r/g, ' ');
  return goStruct({
    Name: r.name, Description: trunc ? ellipsis(desc, 45) : desc, StarCount: String(r.star_count ?? 0), IsOfficial: r.is_official ? '[OK]' : '',
  }, '*registry.searchContext');
}

const search: CommandSpec = {
  path: 'search', usage: '[OPTIONS] TERM', description: 'Search Docker Hub for images',
  args: { min: 1, max: 1 },
  flags: [
    filterFlag(),
    { name: 'format', type: 'string', usage: 'Pretty-print search using a Go template' },
    { name: 'limit', type: 'int', usage: 'Max number of search results' },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
  ],
  async run(ctx) {
    const filters = filtersFrom(ctx.flags.filter);
    const access = registryAccessFrom(ctx.io.env, currentIdentity(ctx.io.env));
    const report = await searchImages({ term: ctx.args[0]!, limit: ctx.flags.limit as number, filters, registry: access });
    const rows = report.results.map((r) => searchRow(r, !(ctx.flags['no-trunc'] as boolean)));
    try {
      ctx.io.stdout.write(renderList(parseFormat(ctx.flags.format as string, SEARCH_TABLE), rows, SEARCH_HEADERS));
    } catch (e) {
      if (e instanceof FormatError) throw new StatusError(e.message, 1); // a client-side error: no daemon prefix
      throw e;
    }
    return 0;
  },
};

export default search;
