// Environment and labels of a new container or exec: -e / --env-file and -l / --label-file, with
// docker's file format (docker/cli pkg/kvfile) and its error texts.
import { parseError } from './create-errors.js';
import { cut } from './flag-values.js';
import { readGoFile, type ReadFile } from './flag-access.js';

type Lookup = (key: string) => string | undefined;

// docker parity: docker/cli pkg/kvfile parseKeyValueFile (+ Parse's "invalid env file" wrapping)
/** KEY=VALUE lines of one file; a bare KEY takes its value from `lookup`, or is dropped. */
export function parseKVFile(path: string, readFile: ReadFile, lookup?: Lookup): string[] {
  const read = readGoFile(readFile, path);
  if ('openError' in read) throw parseError(read.openError);
  if ('readError' in read) throw parseError(`invalid env file (${path}): ${read.readError}`);
  const out: string[] = [];
  const lines = read.text.split('\n');
  if (read.text.endsWith('\n')) lines.pop();
  lines.forEach((raw, i) => {
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (i === 0) text = text.replace(/^\uFEFF/, '');
    const line = text.trimStart();
    if (line === '' || line.startsWith('#')) return;
    const [key, , hasValue] = cut(line, '=');
    if (key === '') throw parseError(`invalid env file (${path}): no variable name on line '${line}'`);
    if (/[ \t]/.test(key)) throw parseError(`invalid env file (${path}): variable '${key}' contains whitespaces`);
    if (hasValue) { out.push(line); return; }
    const value = lookup?.(line);
    if (value !== undefined) out.push(`${key}=${value}`);
  });
  return out;
}

/**
 * The -e values as docker/cli's run/create pass them on: a bare KEY set in the client's environment
 * becomes KEY=value (opts.ValidateEnv), an unset one is kept bare (the daemon stores it as is), and
 * repeated keys collapse to the last value. Docker routes them through a Go map (ParseProxyConfig),
 * so its order is random; skiff keeps the order of first appearance.
 * TODO: docker also injects HTTP_PROXY & co. from ~/.docker/config.json "proxies"; skiff does not.
 */
export function resolveEnvFlags(values: string[], env: NodeJS.ProcessEnv, dedupe: boolean): string[] {
  const resolved = values.map((v) => (v.includes('=') || env[v] === undefined ? v : `${v}=${env[v]}`));
  if (!dedupe) return resolved;
  const byKey = new Map<string, string>();
  for (const v of resolved) byKey.set(cut(v, '=')[0], v);
  return [...byKey.values()];
}

// docker parity: docker/cli opts/parse.go ReadKVEnvStrings (file entries first, then -e)
/** Config.Env: the env files' entries, then the -e values; null when there are none (Go's nil slice). */
export function buildEnv(envFlags: string[], envFiles: string[], env: NodeJS.ProcessEnv, readFile: ReadFile, dedupe = true): string[] | null {
  const lookup: Lookup = (k) => env[k];
  const vars = envFiles.flatMap((f) => parseKVFile(f, readFile, lookup));
  vars.push(...resolveEnvFlags(envFlags, env, dedupe));
  return vars.length > 0 ? vars : null;
}

// docker parity: docker/cli opts/parse.go ReadKVStrings + ConvertKVStringsToMap
/** Config.Labels: label files first, then -l; a bare key in a file is dropped, a bare -l is "". */
export function buildLabels(labelFlags: string[], labelFiles: string[], readFile: ReadFile): Record<string, string> {
  const labels: Record<string, string> = {};
  const all = [...labelFiles.flatMap((f) => parseKVFile(f, readFile)), ...labelFlags];
  for (const kv of all) {
    const [k, v] = cut(kv, '=');
    labels[k] = v;
  }
  return labels;
}
