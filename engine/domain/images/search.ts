// `docker search`: the registry's search API, then the daemon-side filters (moby 20.10
// daemon/images/image_search.go): is-automated, is-official, stars.
import { invalidArgument } from '../../errors.js';
import { searchRegistry, splitSearchTerm, type SearchResult } from '../../registry/search.js';
import { invalidFilterValue, validateFilters, type Filters } from './filters.js';
import { credentialsFor, type RegistryAccess } from './registry-access.js';

export interface SearchOptions { term: string; limit?: number; filters: Filters; registry: RegistryAccess }
export interface SearchReport { query: string; results: SearchResult[] }

const DEFAULT_LIMIT = 25;

function boolFilter(f: Filters, key: string): boolean | undefined {
  const values = f.get(key);
  if (!values) return undefined;
  if (values.length === 1 && values[0] === 'true') return true;
  if (values.length === 1 && values[0] === 'false') return false;
  throw invalidFilterValue(key, values);
}

export async function searchImages(opts: SearchOptions): Promise<SearchReport> {
  validateFilters(opts.filters, ['is-automated', 'is-official', 'stars']);
  const automated = boolFilter(opts.filters, 'is-automated');
  const official = boolFilter(opts.filters, 'is-official');
  let minStars = 0;
  for (const s of opts.filters.get('stars') ?? []) {
    if (!/^[+-]?\d+$/.test(s)) throw invalidArgument('invalid-filter', `Invalid filter 'stars=${s}'`);
    minStars = Math.max(minStars, Number(s));
  }
  const limit = opts.limit && opts.limit > 0 ? opts.limit : DEFAULT_LIMIT;
  const { index } = splitSearchTerm(opts.term);
  const auth = await credentialsFor(opts.registry, index).catch(() => ({}));
  const found = await searchRegistry(opts.term, limit, opts.registry.config, auth);
  const results = (found.results ?? []).filter((r) =>
    (automated === undefined || r.is_automated === automated) &&
    (official === undefined || r.is_official === official) &&
    (!opts.filters.has('stars') || r.star_count >= minStars));
  return { query: found.query, results };
}
