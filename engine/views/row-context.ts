// A docker/cli list formatter context (volumeContext, networkContext…) for templates: its methods as
// read-only fields of a Go struct, `Label NAME` as the one method with an argument, and `{{json .}}`
// as formatter.MarshalJSON (every method's value, keys sorted, HTML escaped).
import { GO_MARSHAL_JSON, goStruct, marshalJSON } from '../format/index.js';

export type RowContext<T> = T & { Label(name: string): string };

export function rowContext<T extends object>(fields: T, labels: Record<string, string> | null, goType: string): RowContext<T> {
  const ctx = { ...fields } as RowContext<T>;
  Object.defineProperty(ctx, 'Label', { value: (name: string) => labels?.[name] ?? '' });
  // docker parity: cli@28.2 cli/command/formatter/reflect.go MarshalJSON
  Object.defineProperty(ctx, GO_MARSHAL_JSON, { value: () => marshalJSON(new Map(Object.entries(fields)), { escapeHTML: true }) });
  return goStruct(ctx, goType) as RowContext<T>;
}

/** `k=v` pairs joined by commas; Go ranges a map at random, skiff sorts for stable output. */
export const labelsColumn = (labels: Record<string, string> | null) =>
  labels ? Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',') : '';
