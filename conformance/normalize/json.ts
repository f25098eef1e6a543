// JSON helpers: dotted paths, unordered arrays, and the "shape" used to compare by key set.

export function getPath(value: unknown, path: string): unknown {
  if (path === '$' || path === '') return value;
  let cur: unknown = value;
  for (const part of splitPath(path)) {
    if (cur === null || typeof cur !== 'object') return MISSING;
    if (!(part in (cur as object))) return MISSING;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** `Config.Labels["a.b"].x` → ['Config', 'Labels', 'a.b', 'x']. */
export function splitPath(path: string): string[] {
  const parts: string[] = [];
  for (const m of path.replace(/^\$\.?/, '').matchAll(/\["([^"]*)"\]|([^.[\]]+)/g)) parts.push(m[1] ?? m[2]!);
  return parts;
}

export const MISSING = '<missing>';

export function selectPaths(value: unknown, paths: string[]): Record<string, unknown> {
  return Object.fromEntries(paths.map((p) => [p, getPath(value, p)]));
}

/** Sorts the arrays at the given paths (`$` is the root; `[]` maps over arrays: `$[].Names`). */
export function sortJsonArrays(value: unknown, paths: string[]): unknown {
  let out = value;
  for (const path of paths) out = sortAt(out, path.replace(/^\$\.?/, '').split(/\.|(?=\[\])/).filter(Boolean));
  return out;
}

function sortAt(value: unknown, parts: string[]): unknown {
  if (parts.length === 0) return Array.isArray(value) ? [...value].sort((a, b) => cmp(JSON.stringify(a), JSON.stringify(b))) : value;
  const [head, ...rest] = parts;
  if (head === '[]') return Array.isArray(value) ? value.map((v) => sortAt(v, rest)) : value;
  if (value && typeof value === 'object' && !Array.isArray(value) && head! in value) {
    return { ...(value as object), [head!]: sortAt((value as Record<string, unknown>)[head!], rest) };
  }
  return value;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Replaces values by their types, keeping every key: compares "by key set" recursively. */
export function jsonShape(value: unknown): unknown {
  if (value === null) return '<null>';
  if (Array.isArray(value)) {
    // Lists of plain values (tags, digests, env) vary in length between runs; only their kind counts.
    if (value.every((v) => v === null || typeof v !== 'object')) return '<array>';
    const shapes = [...new Map(value.map((v) => { const s = jsonShape(v); return [JSON.stringify(s), s]; })).values()];
    return shapes.sort((a, b) => cmp(JSON.stringify(a), JSON.stringify(b)));
  }
  if (typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, jsonShape((value as Record<string, unknown>)[k])]));
  return `<${typeof value}>`;
}
