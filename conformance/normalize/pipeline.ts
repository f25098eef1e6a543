// Applies placeholders and normalizers to one output according to the step's compare mode.
import type { Placeholders } from '../placeholders.js';
import type { NormalizerName, TextMode } from '../scenario/types.js';
import { IdMap, normalizeDigests, normalizeIds } from './ids.js';
import { sortJsonArrays, jsonShape, selectPaths } from './json.js';
import { parseTable, renderTable } from './table.js';
import { normalizeRelativeTimes, normalizeTimestamps } from './times.js';
import { isEphemeralPort, normalizeGeneratedNames, normalizeIps, normalizePorts, normalizeSizes } from './values.js';

export interface NormalizeContext {
  placeholders: Placeholders;
  ids: IdMap;
  /** Ids numbered in order of appearance, or all alike (when lines are sorted afterwards). */
  unorderedIds: IdMap;
}

export const newNormalizeContext = (placeholders: Placeholders): NormalizeContext => ({ placeholders, ids: new IdMap(true), unorderedIds: new IdMap(false) });

/** The string normalizers in the order they run; later ones must not see what earlier ones replace. */
export function normalizeString(text: string, ctx: NormalizeContext, keep: NormalizerName[], ids = ctx.ids): string {
  const on = (n: NormalizerName) => !keep.includes(n);
  let out = ctx.placeholders.tokenize(text.replace(/\r\n/g, '\n'));
  if (on('timestamps')) out = normalizeTimestamps(out);
  if (on('digests')) out = normalizeDigests(out, ids);
  if (on('ids')) out = normalizeIds(out, ids);
  if (on('relative-times')) out = normalizeRelativeTimes(out);
  if (on('ports')) out = normalizePorts(out);
  if (on('ips')) out = normalizeIps(out);
  if (on('sizes')) out = normalizeSizes(out);
  if (on('generated-names')) out = normalizeGeneratedNames(out);
  return out;
}

export interface Normalized {
  text: string;
  /** Parsed and normalized JSON when the mode is json (for structural comparison). */
  json?: unknown;
}

export interface OutputSpec { mode: TextMode; keep: NormalizerName[]; paths?: string[]; unordered: string[] }

export function normalizeOutput(raw: string, spec: OutputSpec, ctx: NormalizeContext): Normalized {
  const str = (t: string, ids?: IdMap) => normalizeString(t, ctx, spec.keep, ids);
  switch (spec.mode) {
    case 'ignore': return { text: '' };
    case 'text': return { text: str(raw) };
    case 'sorted': return { text: sortLines(str(raw, ctx.unorderedIds)) };
    case 'lines': return { text: `<${raw.split('\n').filter((l) => l.trim()).length} non-empty lines>\n` };
    case 'table':
    case 'sorted-table': {
      const sorted = spec.mode === 'sorted-table';
      const table = parseTable(raw.replace(/\r\n/g, '\n'));
      if (!table) return { text: str(raw) };
      return { text: renderTable(table, (c) => str(c, sorted ? ctx.unorderedIds : ctx.ids), sorted) };
    }
    case 'json':
    case 'keys': {
      let parsed: unknown;
      try { parsed = raw.trim() === '' ? undefined : JSON.parse(raw); } catch { return { text: `<not JSON>\n${str(raw)}` }; }
      if (parsed === undefined) return { text: '<empty>' };
      // Number ids in the order the compared paths show them, so fields left out of the comparison
      // (e.g. storage paths that happen to contain a layer id) cannot shift the numbering.
      if (spec.paths) normalizeJson(selectPaths(parsed, spec.paths), ctx, spec.keep);
      let value = normalizeJson(parsed, ctx, spec.keep);
      value = sortJsonArrays(value, spec.unordered);
      if (spec.paths) value = selectPaths(value, spec.paths);
      if (spec.mode === 'keys') value = jsonShape(value);
      return { text: JSON.stringify(value, null, 2) + '\n', json: value };
    }
  }
}

function sortLines(text: string): string {
  const lines = text.split('\n');
  const trailing = lines.at(-1) === '' ? lines.pop() : undefined;
  return lines.sort().join('\n') + (trailing !== undefined ? '\n' : '');
}

/** Walks JSON, normalizing strings like text; numbers by key (unix times, ephemeral ports). */
export function normalizeJson(value: unknown, ctx: NormalizeContext, keep: NormalizerName[], key = ''): unknown {
  if (typeof value === 'string') {
    if (!keep.includes('ports') && /^(HostPort|PublicPort)$/.test(key) && isEphemeralPort(value)) return '<port>';
    return normalizeString(value, ctx, keep);
  }
  if (typeof value === 'number') {
    if (!keep.includes('ports') && /^(HostPort|PublicPort)$/.test(key) && isEphemeralPort(value)) return '<port>';
    if (!keep.includes('timestamps')) { const t = normalizeTimestamps(String(value)); if (t.startsWith('<')) return t; }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => normalizeJson(v, ctx, keep, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // Keys are normalized too: labels and port maps are keyed by values (`${name:web}`, ids).
    // Key order carries no meaning in JSON, so keys are sorted.
    const entries = Object.entries(value).map(([k, v]) => [normalizeString(k, ctx, keep), normalizeJson(v, ctx, keep, k)] as const);
    for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v;
    return out;
  }
  return value;
}
