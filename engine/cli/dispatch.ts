import type { Engine } from '../context.js';
import { EngineError } from '../errors.js';
import type { CliIO, CommandContext, CommandSpec } from './command.js';
import { StatusError } from './command.js';
import { daemonError } from './exit.js';
import { FlagError, parseFlags, type FlagSpec } from './pflag.js';
import { displayPath, useLine, renderCommandHelp, renderGroupHelp, renderRootHelp } from './help.js';
import { helpColumns } from './flag-usages.js';

export interface GlobalOptions { root?: string; runroot?: string; storageDriver?: string; logLevel?: string }

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'root', type: 'string', usage: 'Storage root directory', hidden: true },
  { name: 'runroot', type: 'string', usage: 'Runtime state directory', hidden: true },
  { name: 'storage-driver', type: 'string', usage: 'Storage driver (overlay, vfs)', hidden: true },
  { name: 'log-level', short: 'l', type: 'string', usage: 'Set the logging level ("debug", "info", "warn", "error", "fatal")', defaultValue: 'info' },
  { name: 'debug', short: 'D', type: 'bool', usage: 'Enable debug mode' },
  { name: 'host', short: 'H', type: 'stringArray', usage: 'Daemon socket to connect to' },
  { name: 'context', short: 'c', type: 'string', usage: 'Name of the context to use to connect to the daemon' },
  { name: 'config', type: 'string', usage: 'Location of client config files' },
  { name: 'tls', type: 'bool', usage: 'Use TLS; implied by --tlsverify' },
  { name: 'tlsverify', type: 'bool', usage: 'Use TLS and verify the remote' },
  { name: 'tlscacert', type: 'string', usage: 'Trust certs signed only by this CA' },
  { name: 'tlscert', type: 'string', usage: 'Path to TLS certificate file' },
  { name: 'tlskey', type: 'string', usage: 'Path to TLS key file' },
  { name: 'version', short: 'v', type: 'bool', usage: 'Print version information and quit' },
  { name: 'help', type: 'bool', usage: 'Print usage', hidden: true },
];

export interface DispatchDeps {
  io: CliIO;
  prog: string;
  commands: CommandSpec[];
  makeEngine(globals: GlobalOptions): Promise<Engine>;
  printVersion(io: CliIO): void;
}

/** argv (without node and script) → exit code. Every message goes through io; nothing exits the process. */
export async function dispatch(argv: string[], deps: DispatchDeps): Promise<number> {
  const { io, prog } = deps;
  let global;
  try {
    global = parseFlags(argv, GLOBAL_FLAGS, { interspersed: false });
  } catch (e) {
    if (e instanceof FlagError) return usageError(io, e.message, `${prog} [OPTIONS] COMMAND [ARG...]`, prog, 125);
    throw e;
  }
  if (global.flags.version) { deps.printVersion(io); return 0; }
  const rest = global.args;
  const table = commandTable(deps.commands);
  if (rest[0] === 'help') return helpCommand(io, prog, deps.commands, table, rest.slice(1));
  const { spec, consumed } = findCommand(table, rest);
  if (!spec) return unknownCommand(io, prog, deps.commands, rest, global.flags.help === true);
  const invokedAs = `${prog} ${displayPath(spec, rest.slice(0, consumed).join(' '))}`;
  const cmdArgs = rest.slice(consumed);
  if (cmdArgs.includes('--help') && (spec.interspersed !== false || cmdArgs[0] === '--help')) {
    io.stdout.write(renderCommandHelp(spec, invokedAs, helpColumns(io)));
    return 0;
  }
  let parsed;
  try {
    parsed = parseFlags(cmdArgs, spec.flags, { interspersed: spec.interspersed !== false });
  } catch (e) {
    if (e instanceof FlagError) return usageError(io, e.message, useLine(spec, invokedAs), invokedAs, 125);
    throw e;
  }
  for (const notice of parsed.notices) io.stdout.write(`${notice}\n`);
  const argProblem = checkArgs(spec, parsed.args.length);
  if (argProblem) {
    const verb = argProblem.startsWith('requires at least') && spec.args?.max === undefined ? 'See' : 'Run';
    io.stderr.write(`${prog}: '${invokedAs}' ${argProblem}\n\nUsage:  ${useLine(spec, invokedAs)}\n\n${verb} '${invokedAs} --help' for more information\n`);
    return 1;
  }
  const globals: GlobalOptions = {
    root: (global.flags.root as string) || undefined,
    runroot: (global.flags.runroot as string) || undefined,
    storageDriver: (global.flags['storage-driver'] as string) || undefined,
    logLevel: global.changed.has('log-level') ? (global.flags['log-level'] as string) : global.flags.debug ? 'debug' : undefined,
  };
  let engine: Promise<Engine> | undefined;
  const ctx: CommandContext = {
    io, prog, invokedAs, flags: parsed.flags, changed: parsed.changed, args: parsed.args,
    engine: () => (engine ??= deps.makeEngine(globals)),
  };
  try {
    return await spec.run(ctx);
  } catch (e) {
    return reportFailure(io, e);
  } finally {
    if (engine) (await engine.catch(() => undefined))?.state.close();
  }
}

/** The last word on an error nobody handled: Docker's daemon-error line, exit 1 (125 for run-like commands is decided by them). */
export function reportFailure(io: CliIO, e: unknown): number {
  if (e instanceof StatusError) {
    if (e.message) io.stderr.write(`${e.message}\n`);
    return e.status;
  }
  if (e instanceof EngineError) {
    io.stderr.write(`${daemonError(e)}\n`);
    return 1;
  }
  io.stderr.write(`Error: ${(e as Error)?.stack ?? String(e)}\n`);
  return 1;
}

function usageError(io: CliIO, message: string, usage: string, invokedAs: string, code: number): number {
  io.stderr.write(`${message}\n\nUsage:  ${usage}\n\nRun '${invokedAs} --help' for more information\n`);
  return code;
}

// docker parity: docker/cli cli/required.go
function checkArgs(spec: CommandSpec, n: number): string | undefined {
  const { min, max } = spec.args ?? {};
  const plural = (k: number) => (k === 1 ? 'argument' : 'arguments');
  if (max === 0 && n > 0) return 'accepts no arguments';
  if (min !== undefined && max !== undefined && min === max && n !== min) return `requires ${min} ${plural(min)}`;
  if (min !== undefined && max !== undefined && (n < min || n > max)) return `requires at least ${min} and at most ${max} ${plural(max)}`;
  if (min !== undefined && n < min) return `requires at least ${min} ${plural(min)}`;
  if (max !== undefined && n > max) return `accepts at most ${max} ${plural(max)}`;
  return undefined;
}

type Table = Map<string, CommandSpec>;

function commandTable(commands: CommandSpec[]): Table {
  const table: Table = new Map();
  for (const c of commands) for (const p of [c.path, ...(c.aliases ?? [])]) table.set(p, c);
  return table;
}

function findCommand(table: Table, words: string[]): { spec?: CommandSpec; consumed: number } {
  for (const n of [3, 2, 1]) {
    if (words.length < n) continue;
    const key = words.slice(0, n).join(' ');
    const spec = table.get(key);
    if (spec) return { spec, consumed: n };
  }
  return { consumed: 0 };
}

const groupsOf = (commands: CommandSpec[]) => new Set(commands.map((c) => c.path.split(' ')).filter((p) => p.length > 1).map((p) => p[0]!));

const rootHelp = (io: CliIO, prog: string, commands: CommandSpec[]) => renderRootHelp(prog, commands, globalHelpFlags(io.env), helpColumns(io));

// docker parity: cli@28.2 cli/cobra.go helpCommand — `help [command]` prints that command's help.
function helpCommand(io: CliIO, prog: string, commands: CommandSpec[], table: Table, words: string[]): number {
  if (words.length === 0) { io.stdout.write(rootHelp(io, prog, commands)); return 0; }
  const { spec, consumed } = findCommand(table, words);
  if (spec) {
    if (consumed < words.length) { io.stderr.write(`unknown help topic: ${words.slice(consumed).join(' ')}\n`); return 1; }
    io.stdout.write(renderCommandHelp(spec, `${prog} ${displayPath(spec, words.join(' '))}`, helpColumns(io)));
    return 0;
  }
  if (groupsOf(commands).has(words[0]!) && words.length === 1) { io.stdout.write(renderGroupHelp(prog, words[0]!, commands)); return 0; }
  io.stderr.write(`unknown help topic: ${groupsOf(commands).has(words[0]!) ? words.slice(1).join(' ') : words.join(' ')}\n`);
  return 1;
}

/** docker's global options as its root help lists them, defaults spelled from the client config dir. */
function globalHelpFlags(env: NodeJS.ProcessEnv): FlagSpec[] {
  const configDir = env.DOCKER_CONFIG || `${env.HOME ?? ''}/.docker`;
  const certDir = env.DOCKER_CERT_PATH || configDir;
  const usage: Record<string, string> = {
    config: `Location of client config files (default "${configDir}")`,
    context: 'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")',
    'log-level': 'Set the logging level ("debug", "info", "warn", "error", "fatal") (default "info")',
    tlscacert: `Trust certs signed only by this CA (default "${certDir}/ca.pem")`,
    tlscert: `Path to TLS certificate file (default "${certDir}/cert.pem")`,
    tlskey: `Path to TLS key file (default "${certDir}/key.pem")`,
  };
  return GLOBAL_FLAGS.map((f) => ({ ...f, valueName: f.type === 'stringArray' ? 'list' : f.valueName, usage: usage[f.name] ?? f.usage }));
}

function unknownCommand(io: CliIO, prog: string, commands: CommandSpec[], words: string[], help: boolean): number {
  const groups = groupsOf(commands);
  // docker parity: cobra prints the usage of a bare command (`docker`, `docker container`) on stderr, --help on stdout.
  if (words.length === 0) {
    (help ? io.stdout : io.stderr).write(rootHelp(io, prog, commands));
    return 0;
  }
  const first = words[0]!;
  if (groups.has(first)) {
    if (words.length === 1 || words[1] === '--help' || help) {
      (words[1] === '--help' || help ? io.stdout : io.stderr).write(renderGroupHelp(prog, first, commands));
      return 0;
    }
    io.stderr.write(`${prog}: unknown command: ${prog} ${first} ${words[1]}\n\nUsage:  ${prog} ${first}\n\nRun '${prog} ${first} --help' for more information\n`);
    return 1;
  }
  if (first === '--help' || help) {
    io.stdout.write(rootHelp(io, prog, commands));
    return 0;
  }
  io.stderr.write(`${prog}: unknown command: ${prog} ${first}\n\nRun '${prog} --help' for more information\n`);
  return 1;
}
