// Docker's filters.Args as the image verbs use them: validation against the accepted keys, label
// key/value matching, and the reference filter's glob (Go's path.Match).
import { invalidArgument } from '../../errors.js';

export type Filters = Map<string, string[]>;

/** `name=value` pairs as the CLI's --filter builds them (docker/cli opts/filter.go). */
export function parseFilterFlags(values: string[]): Filters {
  const out: Filters = new Map();
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq < 0) throw invalidArgument('bad-filter', 'bad format of filter (expected name=value)');
    addFilter(out, v.slice(0, eq).trim().toLowerCase(), v.slice(eq + 1).trim());
  }
  return out;
}

export function addFilter(f: Filters, key: string, value: string): void {
  const list = f.get(key) ?? [];
  if (!list.includes(value)) list.push(value);
  f.set(key, list);
}

// docker parity: moby api/types/filters/parse.go Validate / invalidFilter
export function validateFilters(f: Filters, accepted: readonly string[]): void {
  for (const key of f.keys()) if (!accepted.includes(key)) throw invalidArgument('invalid-filter', `Invalid filter '${key}'`);
}

export const invalidFilterValue = (key: string, values: string[]) => invalidArgument('invalid-filter', `Invalid filter '${key}=[${values.join(' ')}]'`);

/** ExactMatch: true when the key is absent or one of its values equals `value`. */
export const exactMatch = (f: Filters, key: string, value: string) => !f.has(key) || f.get(key)!.includes(value);

/** MatchKVList: every `key` or `key=value` filter value is satisfied by the labels. */
export function matchLabels(values: string[] | undefined, labels: Record<string, string> | null | undefined): boolean {
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    const key = eq < 0 ? v : v.slice(0, eq);
    if (!labels || !(key in labels)) return false;
    if (eq >= 0 && labels[key] !== v.slice(eq + 1)) return false;
  }
  return true;
}

/** Go's path.Match: `*` and `?` stop at `/`, classes `[a-z]` `[^x]`, `\` escapes. Throws on a bad pattern. */
export function pathMatch(pattern: string, name: string): boolean {
  const re = globToRegExp(pattern);
  return re.test(name);
}

function globToRegExp(pattern: string): RegExp {
  let src = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else if (c === '\\') {
      if (i + 1 >= pattern.length) throw badPattern();
      src += escapeRe(pattern[++i]!);
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw badPattern();
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      if (body === '') throw badPattern();
      src += `[${negate ? '^' : ''}${body.replace(/[\]\\]/g, '\\$&')}]`;
      i = end;
    } else src += escapeRe(c);
  }
  return new RegExp(`${src}$`);
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const badPattern = () => invalidArgument('bad-pattern', 'syntax error in pattern');
