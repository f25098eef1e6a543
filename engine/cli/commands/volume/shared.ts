// Flag values the volume and network commands share: docker/cli's ListOpts of labels and MapOpts.
import { cut, validateLabel } from '../../flags/flag-values.js';
import type { FlagSpec } from '../../pflag.js';

export const labelFlag = (usage: string): FlagSpec => ({ name: 'label', type: 'stringArray', valueName: 'list', usage, parse: validateLabel });

/** `-o k=v` collected as docker's MapOpts (the last value of a key wins; no `=` means an empty value). */
export const mapFlag = (name: string, usage: string, short?: string): FlagSpec => ({
  name, ...(short ? { short } : {}), type: 'stringArray', valueName: 'map', usage: `${usage} (default map[])`,
});

/** opts.ConvertKVStringsToMap. */
export function kvMap(values: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of (values as string[] | undefined) ?? []) {
    const [k, val] = cut(v, '=');
    out[k] = val;
  }
  return out;
}
