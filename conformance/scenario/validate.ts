// Turns one parsed YAML document into a Scenario, or into problems that name file and line.
import { checkPlaceholders } from '../placeholders.js';
import { splitShellWords } from './shell-words.js';
import {
  NORMALIZERS, REQUIREMENTS, TEXT_MODES,
  type CompareSpec, type NormalizerName, type Requirement, type Scenario, type Step, type TextMode,
} from './types.js';

export type LineOf = (node: unknown) => number | undefined;
interface Ctx { file: string; group: string; lineOf: LineOf; hash: string }
type Obj = Record<string, unknown>;

const SCENARIO_KEYS = ['name', 'description', 'tags', 'requires', 'timeout', 'setup', 'steps', 'cleanup'];
const STEP_KEYS = ['cli', 'api', 'stdin', 'env', 'timeout', 'tty', 'save', 'compare', 'may-fail', 'body', 'headers', 'stream', 'hijack', 'demux'];
const COMPARE_KEYS = ['exit', 'stdout', 'stderr', 'status', 'headers', 'body', 'paths', 'unordered', 'keep'];
const DEFAULT_STEP_TIMEOUT_MS = 30_000;

class Problems {
  readonly list: string[] = [];
  constructor(readonly ctx: Ctx) {}
  add(node: unknown, fallbackLine: number, message: string): void {
    this.list.push(`${this.ctx.file}:${this.ctx.lineOf(node) ?? fallbackLine}: ${message}`);
  }
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function validateScenario(doc: unknown, ctx: Ctx): { scenario: Scenario } | { problems: string[] } {
  const p = new Problems(ctx);
  if (!isObj(doc)) return { problems: [`${ctx.file}:1: a scenario must be a mapping`] };
  const line = ctx.lineOf(doc) ?? 1;
  for (const k of Object.keys(doc)) if (!SCENARIO_KEYS.includes(k)) p.add(doc, line, `unknown key "${k}" (allowed: ${SCENARIO_KEYS.join(', ')})`);
  const name = doc.name;
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(name)) p.add(doc, line, `"name" must be a lowercase slug ([a-z0-9._-]), got ${JSON.stringify(name)}`);
  const tags = doc.tags ?? [];
  if (!isStrList(tags)) p.add(tags, line, '"tags" must be a list of strings');
  const requires = doc.requires ?? [];
  if (!isStrList(requires) || requires.some((r) => !(REQUIREMENTS as readonly string[]).includes(r)))
    p.add(requires, line, `"requires" must list some of: ${REQUIREMENTS.join(', ')}`);
  if (doc.timeout !== undefined && (typeof doc.timeout !== 'number' || doc.timeout <= 0)) p.add(doc, line, '"timeout" must be a positive number of seconds');
  if (!Array.isArray(doc.steps) || doc.steps.length === 0) p.add(doc, line, '"steps" must be a non-empty list');
  const phase = (key: 'setup' | 'steps' | 'cleanup'): Step[] => {
    const list = doc[key] ?? [];
    if (!Array.isArray(list)) { p.add(doc, line, `"${key}" must be a list`); return []; }
    return list.map((s, i) => validateStep(s, `${key}[${i}]`, key, p, ctx.lineOf(list) ?? line)).filter((s): s is Step => s !== null);
  };
  const setup = phase('setup'), steps = phase('steps'), cleanup = phase('cleanup');
  const needsApi = [...setup, ...steps, ...cleanup].some((s) => s.kind === 'api');
  const needsTty = [...setup, ...steps].some((s) => s.kind === 'cli' && s.tty);
  if (p.list.length) return { problems: p.list };
  const req = new Set(requires as Requirement[]);
  if (needsApi) req.add('api');
  if (needsTty) req.add('tty');
  return {
    scenario: {
      id: `${ctx.group}/${name as string}`, name: name as string, group: ctx.group, file: ctx.file, line,
      description: typeof doc.description === 'string' ? doc.description : undefined,
      tags: [...new Set([ctx.group, ...(tags as string[])])], requires: [...req],
      setup, steps, cleanup, timeoutMs: ((doc.timeout as number | undefined) ?? 120) * 1000, hash: ctx.hash,
    },
  };
}

function validateStep(raw: unknown, where: string, phase: string, p: Problems, parentLine: number): Step | null {
  if (!isObj(raw)) { p.add(raw, parentLine, `${where}: a step must be a mapping with "cli" or "api"`); return null; }
  const line = p.ctx.lineOf(raw) ?? parentLine;
  const before = p.list.length;
  for (const k of Object.keys(raw)) if (!STEP_KEYS.includes(k)) p.add(raw, line, `${where}: unknown key "${k}" (allowed: ${STEP_KEYS.join(', ')})`);
  for (const text of allStrings(raw)) for (const e of checkPlaceholders(text)) p.add(raw, line, `${where}: ${e}`);
  if (('cli' in raw) === ('api' in raw)) { p.add(raw, line, `${where}: a step needs exactly one of "cli" or "api"`); return null; }
  const timeoutMs = typeof raw.timeout === 'number' ? raw.timeout * 1000 : DEFAULT_STEP_TIMEOUT_MS;
  if (raw.timeout !== undefined && typeof raw.timeout !== 'number') p.add(raw, line, `${where}: "timeout" must be seconds`);
  const mayFail = raw['may-fail'] === true;
  if (mayFail && phase === 'steps') p.add(raw, line, `${where}: "may-fail" only makes sense in setup (steps are compared, cleanup never fails)`);
  const kind = 'cli' in raw ? 'cli' : 'api';
  const compare = validateCompare(raw.compare, kind, where, p, line);
  if (raw.stdin !== undefined && typeof raw.stdin !== 'string') p.add(raw, line, `${where}: "stdin" must be a string`);
  const stdin = raw.stdin as string | undefined;
  if (kind === 'cli') {
    let argv: string[] = [];
    if (typeof raw.cli === 'string') {
      try { argv = splitShellWords(raw.cli); } catch (e) { p.add(raw, line, `${where}: cli: ${(e as Error).message}`); }
    } else if (isStrList(raw.cli)) argv = raw.cli;
    else p.add(raw, line, `${where}: "cli" must be a command line string or a list of arguments`);
    if (raw.env !== undefined && !(isObj(raw.env) && Object.values(raw.env).every((v) => typeof v === 'string'))) p.add(raw, line, `${where}: "env" must map names to strings`);
    if (raw.save !== undefined && (typeof raw.save !== 'string' || !/^[a-z0-9_]+$/.test(raw.save))) p.add(raw, line, `${where}: "save" on a cli step is a variable name ([a-z0-9_])`);
    for (const k of ['body', 'headers', 'stream', 'hijack', 'demux']) if (k in raw) p.add(raw, line, `${where}: "${k}" is only for api steps`);
    if (p.list.length > before) return null;
    return { kind, line, timeoutMs, compare, mayFail, argv, stdin, env: (raw.env as Record<string, string>) ?? {}, tty: raw.tty === true, save: raw.save as string | undefined };
  }
  let method = '', path = '';
  if (typeof raw.api === 'string' && /^[A-Z]+ \/\S*$/.test(raw.api)) [method, path] = raw.api.split(' ') as [string, string];
  else p.add(raw, line, `${where}: "api" must be "METHOD /path", e.g. "GET /v1.41/containers/json"`);
  if (raw.headers !== undefined && !(isObj(raw.headers) && Object.values(raw.headers).every((v) => typeof v === 'string'))) p.add(raw, line, `${where}: "headers" must map names to strings`);
  if (raw.stream !== undefined && typeof raw.stream !== 'number') p.add(raw, line, `${where}: "stream" is how many seconds to read a streamed body`);
  if (raw.demux !== undefined && !['auto', 'yes', 'no'].includes(raw.demux as string)) p.add(raw, line, `${where}: "demux" must be auto, yes or no`);
  const save = raw.save ?? {};
  if (!(isObj(save) && Object.values(save).every((v) => typeof v === 'string'))) p.add(raw, line, `${where}: "save" on an api step maps variable names to JSON paths`);
  if (raw.tty !== undefined || raw.env !== undefined) p.add(raw, line, `${where}: "tty" and "env" are only for cli steps`);
  if (p.list.length > before) return null;
  return {
    kind, line, timeoutMs, compare, mayFail, method, path, headers: (raw.headers as Record<string, string>) ?? {}, body: raw.body,
    streamMs: typeof raw.stream === 'number' ? raw.stream * 1000 : undefined, hijack: raw.hijack === true, stdin,
    demux: (raw.demux as 'auto' | 'yes' | 'no') ?? 'auto', save: save as Record<string, string>,
  };
}

function validateCompare(raw: unknown, kind: 'cli' | 'api', where: string, p: Problems, line: number): CompareSpec {
  const spec: CompareSpec = kind === 'cli'
    ? { exit: true, stdout: 'text', stderr: 'text', status: false, headers: [], body: 'ignore', unordered: [], keep: [] }
    : { exit: false, stdout: 'ignore', stderr: 'ignore', status: true, headers: [], body: 'json', unordered: [], keep: [] };
  if (raw === undefined) return spec;
  const mode = (v: unknown, key: string): TextMode => {
    if (v === true) return key === 'body' && kind === 'api' ? 'json' : 'text';
    if (v === false) return 'ignore';
    if (typeof v === 'string' && (TEXT_MODES as readonly string[]).includes(v)) return v as TextMode;
    p.add(raw, line, `${where}: compare.${key} must be one of ${TEXT_MODES.join(', ')}`);
    return 'ignore';
  };
  if (isStrList(raw)) {
    // List form: exactly these parts, in their default mode.
    const parts = new Set(raw);
    for (const part of parts) if (!['exit', 'stdout', 'stderr', 'status', 'body'].includes(part)) p.add(raw, line, `${where}: compare list items are exit, stdout, stderr, status, body`);
    return { ...spec, exit: parts.has('exit'), status: parts.has('status'), stdout: parts.has('stdout') ? 'text' : 'ignore',
      stderr: parts.has('stderr') ? 'text' : 'ignore', body: parts.has('body') ? (kind === 'api' ? 'json' : 'text') : 'ignore' };
  }
  if (!isObj(raw)) { p.add(raw, line, `${where}: "compare" must be a list of parts or a mapping`); return spec; }
  for (const k of Object.keys(raw)) if (!COMPARE_KEYS.includes(k)) p.add(raw, line, `${where}: unknown compare key "${k}" (allowed: ${COMPARE_KEYS.join(', ')})`);
  if (raw.exit !== undefined) spec.exit = raw.exit === true;
  if (raw.status !== undefined) spec.status = raw.status === true;
  for (const key of ['stdout', 'stderr', 'body'] as const) if (raw[key] !== undefined) spec[key] = mode(raw[key], key);
  if (raw.headers !== undefined) { if (isStrList(raw.headers)) spec.headers = raw.headers; else p.add(raw, line, `${where}: compare.headers is a list of header names`); }
  if (raw.paths !== undefined) { if (isStrList(raw.paths)) spec.paths = raw.paths; else p.add(raw, line, `${where}: compare.paths is a list of dotted JSON paths`); }
  if (raw.unordered !== undefined) { if (isStrList(raw.unordered)) spec.unordered = raw.unordered; else p.add(raw, line, `${where}: compare.unordered is a list of JSON array paths`); }
  if (raw.keep !== undefined) {
    if (isStrList(raw.keep) && raw.keep.every((k) => (NORMALIZERS as readonly string[]).includes(k))) spec.keep = raw.keep as NormalizerName[];
    else p.add(raw, line, `${where}: compare.keep lists normalizers to switch off: ${NORMALIZERS.join(', ')}`);
  }
  return spec;
}

function allStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(allStrings);
  if (isObj(v)) return Object.entries(v).flatMap(([k, x]) => (k === 'compare' ? [] : [k, ...allStrings(x)]));
  return [];
}
