// `--help` and `help COMMAND` in docker/cli's layout: cobra's usage template as docker sets it up.
// docker parity: cli@28.2 cli/cobra.go usageTemplate, helpTemplate, commandAliases, topCommands
import type { CommandSpec } from './command.js';
import { flagUsagesWrapped } from './flag-usages.js';
import type { FlagSpec } from './pflag.js';

const GROUP_TITLES: Record<string, string> = {
  builder: 'Manage builds', container: 'Manage containers', context: 'Manage contexts', image: 'Manage images',
  network: 'Manage networks', system: 'Manage Docker', volume: 'Manage volumes',
};

/** docker's "category-top" annotations, in their order. */
const COMMON_COMMANDS = ['run', 'exec', 'ps', 'build', 'pull', 'push', 'images', 'login', 'logout', 'search', 'version', 'info'];

/** cobra's NamePadding: minNamePadding (11), or the longest sibling name (hidden ones count too). */
const namePadding = (names: string[]) => Math.max(11, ...names.map((n) => n.length));

/** The path docker prints for a command reached by `words`: a group alias shows the canonical path. */
export function displayPath(spec: CommandSpec, words: string): string {
  return words.includes(' ') ? spec.path : words;
}

/** cobra's UseLine: the command path, then the usage words if any. */
export const useLine = (spec: CommandSpec, invokedAs: string) => (spec.usage ? `${invokedAs} ${spec.usage}` : invokedAs);

/** "docker container ls, docker container list, docker container ps, docker ps": canonical, group aliases, top-level ones. */
export function commandAliases(prog: string, spec: CommandSpec): string {
  const aliases = spec.aliases ?? [];
  const paths = [spec.path, ...aliases.filter((a) => a.includes(' ')), ...aliases.filter((a) => !a.includes(' '))];
  return paths.map((p) => `${prog} ${p}`).join(', ');
}

export function renderCommandHelp(spec: CommandSpec, invokedAs: string, cols = 79): string {
  const prog = invokedAs.split(' ')[0]!;
  let out = `Usage:  ${useLine(spec, invokedAs)}\n\n${(spec.long ?? spec.description).trim()}`;
  if ((spec.aliases ?? []).length > 0) out += `\n\nAliases:\n  ${commandAliases(prog, spec)}`;
  const options = flagUsagesWrapped(spec.flags, cols).trimEnd();
  if (options) out += `\n\nOptions:\n${options}`;
  return `${out}\n`;
}

const entry = (pad: number) => ([name, short]: readonly [string, string]) => `  ${name.padEnd(pad)} ${short}`;

/** `docker system --help`: the subcommands of a management command. */
export function renderGroupHelp(prog: string, group: string, commands: CommandSpec[]): string {
  const all = commands.filter((c) => c.path.startsWith(`${group} `));
  const subs = all.filter((c) => !c.hidden).map((c) => [c.path.slice(group.length + 1), c.description] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const pad = namePadding(all.map((c) => c.path.slice(group.length + 1)));
  return `Usage:  ${prog} ${group} COMMAND\n\n${GROUP_TITLES[group] ?? ''}\n\nCommands:\n${subs.map(entry(pad)).join('\n')}\n\n`
    + `Run '${prog} ${group} COMMAND --help' for more information on a command.\n`;
}

/** `docker --help`: common commands, management commands, the other top-level commands, global options. */
export function renderRootHelp(prog: string, commands: CommandSpec[], globalFlags: FlagSpec[], cols = 79): string {
  const visible = commands.filter((c) => !c.hidden);
  const top = new Map<string, string>();
  for (const c of visible) for (const p of [c.path, ...(c.aliases ?? [])]) if (!p.includes(' ')) top.set(p, c.description);
  const groups = [...new Set(visible.map((c) => c.path.split(' ')).filter((p) => p.length > 1).map((p) => p[0]!))].sort();
  const common = COMMON_COMMANDS.filter((n) => top.has(n));
  const others = [...top.keys()].filter((n) => !COMMON_COMMANDS.includes(n) && !groups.includes(n)).sort();
  const row = entry(namePadding([...top.keys(), ...groups]));
  const sections: string[] = [];
  if (common.length) sections.push(`Common Commands:\n${common.map((n) => row([n, top.get(n)!])).join('\n')}`);
  if (groups.length) sections.push(`Management Commands:\n${groups.map((g) => row([g, GROUP_TITLES[g] ?? ''])).join('\n')}`);
  if (others.length) sections.push(`Commands:\n${others.map((n) => row([n, top.get(n)!])).join('\n')}`);
  const options = flagUsagesWrapped(globalFlags, cols).trimEnd();
  if (options) sections.push(`Global Options:\n${options}`);
  return `Usage:  ${prog} [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\n${sections.join('\n\n')}\n\n`
    + `Run '${prog} COMMAND --help' for more information on a command.\n\n`
    + 'For more help on how to use Docker, head to https://docs.docker.com/go/guides/\n';
}
