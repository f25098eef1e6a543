// `--change` for import and commit: Dockerfile instructions applied to a container config, with the
// rules of moby 20.10's BuildFromConfig (only CMD ENTRYPOINT ENV EXPOSE HEALTHCHECK LABEL ONBUILD USER
// VOLUME WORKDIR; JSON or shell form; $VAR expansion from the config's own Env).
import { posix } from 'node:path';
import { invalidArgument } from '../../errors.js';
import type { ImageRuntimeConfig } from '../../model/docker-types.js';

export type RunConfig = ImageRuntimeConfig;

// docker parity: moby builder/dockerfile/builder.go validCommitCommands
const VALID = new Set(['cmd', 'entrypoint', 'healthcheck', 'env', 'expose', 'label', 'onbuild', 'user', 'volume', 'workdir']);

/** Apply the changes to a copy of the config; the result says whether CMD was set (for ENTRYPOINT's reset). */
export function applyChanges(base: RunConfig, changes: string[]): RunConfig {
  const cfg: RunConfig = structuredClone(base);
  let cmdSet = false;
  for (const line of changes.join('\n').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const m = /^(\S+)\s*([\s\S]*)$/.exec(line)!;
    const [word, rest] = [m[1]!.toLowerCase(), m[2]!];
    if (!VALID.has(word)) throw invalidArgument('bad-change', `${word} is not a valid change command`);
    cmdSet = apply(cfg, word, rest, cmdSet);
  }
  return cfg;
}

function apply(cfg: RunConfig, word: string, rest: string, cmdSet: boolean): boolean {
  const env = cfg.Env ?? [];
  switch (word) {
    case 'cmd': cfg.Cmd = commandLine(rest, false); return cmdSet || rest.trim() !== '';
    case 'entrypoint': cfg.Entrypoint = commandLine(rest, true); if (!cmdSet) cfg.Cmd = null; return cmdSet;
    case 'env': for (const [k, v] of keyValues('ENV', rest, env)) setEnv(cfg, k, v); return cmdSet;
    case 'label': cfg.Labels = { ...(cfg.Labels ?? {}) }; for (const [k, v] of keyValues('LABEL', rest, env)) cfg.Labels[k] = v; return cmdSet;
    case 'expose': cfg.ExposedPorts = { ...(cfg.ExposedPorts ?? {}) }; for (const p of exposePorts(rest, env)) cfg.ExposedPorts[p] = {}; return cmdSet;
    case 'user': cfg.User = exactlyOne('USER', rest, env); return cmdSet;
    case 'workdir': cfg.WorkingDir = normalizeWorkdir(cfg.WorkingDir ?? '', exactlyOne('WORKDIR', rest, env)); return cmdSet;
    case 'volume': cfg.Volumes = { ...(cfg.Volumes ?? {}) }; for (const v of volumes(rest, env)) cfg.Volumes[v] = {}; return cmdSet;
    case 'onbuild': cfg.OnBuild = [...(cfg.OnBuild ?? []), onbuild(rest)]; return cmdSet;
    default: cfg.Healthcheck = healthcheck(rest); return cmdSet;
  }
}

/** JSON array form, else shell form run by /bin/sh -c. */
function commandLine(rest: string, emptyAsNil: boolean): string[] | null {
  const json = jsonArray(rest);
  if (json) return json.length === 0 && emptyAsNil ? null : json;
  if (rest.trim() === '') return emptyAsNil ? null : [];
  return ['/bin/sh', '-c', rest];
}

function jsonArray(rest: string): string[] | undefined {
  if (!rest.trimStart().startsWith('[')) return undefined;
  try {
    const v = JSON.parse(rest) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch { return undefined; }
}

function setEnv(cfg: RunConfig, key: string, value: string): void {
  const env = [...(cfg.Env ?? [])];
  const i = env.findIndex((e) => e.split('=')[0] === key);
  if (i >= 0) env[i] = `${key}=${value}`;
  else env.push(`${key}=${value}`);
  cfg.Env = env;
}

/** `k=v k2="v 2"` pairs, or the legacy `KEY value with spaces` form. */
function keyValues(cmd: string, rest: string, env: string[]): Array<[string, string]> {
  const words = splitWords(rest);
  if (words.length === 0) throw invalidArgument('bad-change', `${cmd} requires at least one argument`);
  if (!words[0]!.includes('=')) {
    const value = rest.trim().replace(/^\S+\s*/, '');
    if (value === '') throw invalidArgument('bad-change', `${cmd} must have two arguments`);
    return [[expandWord(words[0]!, env), expandWord(value, env)]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq < 0) throw invalidArgument('bad-change', `Syntax error - can't find = in "${w}". Must be of the form: name=value`);
    if (eq === 0) throw invalidArgument('bad-change', `${cmd} names can not be blank`);
    return [expandWord(w.slice(0, eq), env), expandWord(w.slice(eq + 1), env)];
  });
}

function exactlyOne(cmd: string, rest: string, env: string[]): string {
  const words = splitWords(rest);
  if (words.length !== 1) throw invalidArgument('bad-change', `${cmd} requires exactly one argument`);
  return expandWord(words[0]!, env);
}

// docker parity: moby builder/dockerfile/dispatchers_unix.go normalizeWorkdir
function normalizeWorkdir(current: string, requested: string): string {
  if (requested === '') throw invalidArgument('bad-change', 'cannot normalize nothing');
  return posix.normalize(posix.isAbsolute(requested) ? requested : posix.join('/', current, requested)).replace(/(.)\/$/, '$1');
}

function exposePorts(rest: string, env: string[]): string[] {
  const words = splitWords(rest).map((w) => expandWord(w, env));
  if (words.length === 0) throw invalidArgument('bad-change', 'EXPOSE requires at least one argument');
  const out: string[] = [];
  for (const w of words) {
    const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(w);
    if (!m) throw invalidArgument('bad-change', `invalid containerPort: ${w.split('/')[0]}`);
    const [lo, hi] = [Number(m[1]), Number(m[2] ?? m[1])];
    if (hi < lo) throw invalidArgument('bad-change', `invalid range specified for container port: ${w}`);
    for (let p = lo; p <= hi; p++) out.push(`${p}/${(m[3] ?? 'tcp').toLowerCase()}`);
  }
  return out;
}

function volumes(rest: string, env: string[]): string[] {
  const list = jsonArray(rest) ?? splitWords(rest);
  if (list.length === 0) throw invalidArgument('bad-change', 'VOLUME requires at least one argument');
  return list.map((v) => {
    const t = expandWord(v, env).trim();
    if (t === '') throw invalidArgument('bad-change', 'VOLUME specified can not be an empty string');
    return t;
  });
}

function onbuild(rest: string): string {
  const trigger = (rest.trim().split(/\s+/)[0] ?? '').toUpperCase();
  if (trigger === '') throw invalidArgument('bad-change', 'ONBUILD requires at least one argument');
  if (trigger === 'ONBUILD') throw invalidArgument('bad-change', 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
  if (trigger === 'MAINTAINER' || trigger === 'FROM') throw invalidArgument('bad-change', `${trigger} isn't allowed as an ONBUILD trigger`);
  return rest.trim();
}

function healthcheck(rest: string): RunConfig['Healthcheck'] {
  const words = splitWords(rest);
  const hc: NonNullable<RunConfig['Healthcheck']> = {};
  while (words[0]?.startsWith('--')) {
    const [flag, value = ''] = words.shift()!.slice(2).split('=');
    const ns = () => durationNs(value);
    if (flag === 'interval') hc.Interval = ns();
    else if (flag === 'timeout') hc.Timeout = ns();
    else if (flag === 'start-period') hc.StartPeriod = ns();
    else if (flag === 'retries') hc.Retries = Number(value);
    else throw invalidArgument('bad-change', `Unknown flag: ${flag}`);
  }
  const kind = (words[0] ?? '').toUpperCase();
  if (kind === 'NONE') return { Test: ['NONE'] };
  if (kind !== 'CMD') throw invalidArgument('bad-change', `Unknown type "${kind}" in HEALTHCHECK (try CMD)`);
  const cmdText = rest.slice(rest.search(/\bCMD\b/i) + 3).trim();
  const json = jsonArray(cmdText);
  return { ...hc, Test: json ? ['CMD', ...json] : ['CMD-SHELL', cmdText] };
}

/** Split on unquoted whitespace, keeping quotes and escapes for expandWord. */
export function splitWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) { cur += c; if (c === quote) quote = undefined; else if (c === '\\' && quote === '"' && i + 1 < s.length) cur += s[++i]; continue; }
    if (c === '"' || c === "'") { quote = c; cur += c; continue; }
    if (c === '\\' && i + 1 < s.length) { cur += c + s[++i]; continue; }
    if (/\s/.test(c)) { if (cur) out.push(cur); cur = ''; continue; }
    cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** Shell-style word processing: quotes removed, escapes applied, $VAR and ${VAR[:-+]x} expanded. */
export function expandWord(word: string, env: string[]): string {
  const lookup = (name: string) => { const e = [...env].reverse().find((x) => x.split('=')[0] === name); return e === undefined ? undefined : e.slice(name.length + 1); };
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (quote === "'") { if (c === "'") quote = undefined; else out += c; continue; }
    if (c === '"') { quote = quote ? undefined : '"'; continue; }
    if (c === "'" && !quote) { quote = "'"; continue; }
    if (c === '\\' && i + 1 < word.length) { out += word[++i]; continue; }
    if (c === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(word.slice(i));
      if (m) {
        const value = lookup(m[1] ?? m[4]!);
        out += m[2] === '-' ? (value ? value : m[3]!) : m[2] === '+' ? (value ? m[3]! : '') : value ?? '';
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Go's time.ParseDuration, in nanoseconds (HEALTHCHECK options). */
function durationNs(raw: string): number {
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  if (raw === '0') return 0;
  let total = 0;
  const rest = raw.replace(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g, (_, n: string, u: string) => { total += Number(n) * units[u]!; return ''; });
  if (rest !== '' || raw === '') throw invalidArgument('bad-change', `time: invalid duration "${raw}"`);
  return Math.round(total);
}
