// Pieces the image commands share: the --filter flag (parsed client-side like docker/cli's
// FilterOpt) and the way client-side reference errors read.
import type { FlagSpec } from '../../pflag.js';
import { StatusError } from '../../command.js';
import { ReferenceError } from '../../../images/reference.js';
import { parseFilterFlags, type Filters } from '../../../domain/images/filters.js';

/** `short: null` for commands whose -f means something else (prune's --force). */
export const filterFlag = (usage = 'Filter output based on conditions provided', short: string | null = 'f'): FlagSpec => ({
  name: 'filter', ...(short ? { short } : {}), type: 'stringArray', valueName: 'filter', usage,
  // docker parity: docker/cli opts/filter.go FilterOpt.Set (an empty value is ignored)
  parse: (raw) => { if (raw !== '' && !raw.includes('=')) throw new Error('bad format of filter (expected name=value)'); return raw; },
});

export const filtersFrom = (values: unknown): Filters => parseFilterFlags(((values as string[] | undefined) ?? []).filter((v) => v !== ''));

/** The docker CLI validates references itself (newer distribution/reference wording, no daemon prefix). */
export function clientReferenceError(e: unknown): never {
  if (e instanceof ReferenceError) throw new StatusError(e.clientMessage, 1);
  throw e;
}
