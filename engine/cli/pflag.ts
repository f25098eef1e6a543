// A flag parser with the semantics and messages of spf13/pflag, which the docker CLI uses:
// `--f=v`, `--f v`, `-f v`, `-fv`, `-f=v`, grouped bools `-it`, `--` to stop, and optionally no
// interspersed flags (run/exec/create stop at the first positional so the container's own flags
// pass through). yargs-parser cannot reproduce pflag's error texts or its bool rules.

import { goQuote, parseGoInt, parseGoUint } from './flags/go-strconv.js';
import { parseGoDuration } from '../util/go-duration.js';
import { parseGoBool } from '../util/go-bool.js';

export type FlagType = 'bool' | 'string' | 'stringArray' | 'int' | 'uint' | 'float' | 'duration' | 'bytes';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  usage?: string;
  /** Shown in --help as the value placeholder (pflag's back-quoted word). */
  valueName?: string;
  defaultValue?: unknown;
  hidden?: boolean;
  /** pflag's MarkDeprecated: hidden from help; using it prints "Flag --NAME has been deprecated, TEXT". */
  deprecated?: string;
  /** Validates and converts the raw text; throw an Error whose message pflag shows after the colon. */
  parse?: (raw: string) => unknown;
}

export type FlagValues = Record<string, unknown>;

export interface ParseResult {
  flags: FlagValues;
  /** Names of the flags the user gave (pflag's Changed). */
  changed: Set<string>;
  args: string[];
  /** Deprecation notices pflag prints (on stdout under docker's cobra) for the flags that were used. */
  notices: string[];
}

export class FlagError extends Error {}

export function parseFlags(argv: string[], specs: FlagSpec[], opts: { interspersed: boolean }): ParseResult {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags: FlagValues = {};
  const changed = new Set<string>();
  const args: string[] = [];
  const notices: string[] = [];
  for (const s of specs) flags[s.name] = s.type === 'stringArray' ? [...((s.defaultValue as string[] | undefined) ?? [])] : s.defaultValue ?? defaultFor(s.type);

  const set = (spec: FlagSpec, raw: string) => {
    let value: unknown;
    try {
      value = spec.parse ? spec.parse(raw) : convert(spec.type, raw);
    } catch (e) {
      // docker parity: pflag flag.go failf — `invalid argument %q for %q flag: %v`
      const label = spec.short && !spec.deprecated ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
      throw new FlagError(`invalid argument ${goQuote(raw)} for ${goQuote(label)} flag: ${(e as Error).message}`);
    }
    if (spec.type === 'stringArray') (flags[spec.name] as unknown[]).push(value);
    else flags[spec.name] = value;
    changed.add(spec.name);
    if (spec.deprecated) notices.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}`);
  };

  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === '--') { args.push(...argv.slice(i + 1)); break; }
    if (tok.startsWith('--') ) {
      const eq = tok.indexOf('=');
      const name = eq < 0 ? tok.slice(2) : tok.slice(2, eq);
      const spec = byLong.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, tok.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (i + 1 < argv.length) set(spec, argv[++i]!);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (tok.startsWith('-') && tok.length > 1) {
      i = parseShortGroup(tok, argv, i, byShort, set);
      continue;
    }
    args.push(tok);
    if (!opts.interspersed) { args.push(...argv.slice(i + 1)); break; }
  }
  return { flags, changed, args, notices };
}

function parseShortGroup(tok: string, argv: string[], i: number, byShort: Map<string, FlagSpec>, set: (s: FlagSpec, raw: string) => void): number {
  let rest = tok.slice(1);
  while (rest.length > 0) {
    const c = rest[0]!;
    const spec = byShort.get(c);
    if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${tok}`);
    rest = rest.slice(1);
    if (rest.startsWith('=')) { set(spec, rest.slice(1)); return i; }
    if (spec.type === 'bool') { set(spec, 'true'); continue; }
    if (rest.length > 0) { set(spec, rest); return i; }
    if (i + 1 < argv.length) { set(spec, argv[i + 1]!); return i + 1; }
    throw new FlagError(`flag needs an argument: '${c}' in ${tok}`);
  }
  return i;
}

function defaultFor(type: FlagType): unknown {
  switch (type) {
    case 'bool': return false;
    case 'int': case 'uint': case 'float': case 'bytes': return 0;
    case 'stringArray': return [];
    default: return '';
  }
}

// docker parity: pflag's value setters and Go's strconv error texts.
function convert(type: FlagType, raw: string): unknown {
  switch (type) {
    case 'bool': {
      const v = parseGoBool(raw);
      if (v === undefined) throw new Error(`strconv.ParseBool: parsing ${goQuote(raw)}: invalid syntax`);
      return v;
    }
    // pflag's int/uint values parse with base 0 (0x…, 0o…, 0b…, leading-0 octal, digit separators).
    case 'int': return parseGoInt(raw, 64, 0);
    case 'uint': return parseGoUint(raw, 64, 0);
    case 'float': {
      if (raw.trim() === '' || Number.isNaN(Number(raw))) throw new Error(`strconv.ParseFloat: parsing ${goQuote(raw)}: invalid syntax`);
      return Number(raw);
    }
    case 'duration': return parseGoDuration(raw);
    default: return raw;
  }
}

export { parseGoBool };

export { parseGoDuration };
