import type { CommandSpec } from './command.js';
import type { FlagSpec } from './pflag.js';

const GROUP_TITLES: Record<string, string> = {
  container: 'Manage containers', image: 'Manage images', volume: 'Manage volumes', network: 'Manage networks',
  system: 'Manage Docker', builder: 'Manage builds',
};

export function renderCommandHelp(spec: CommandSpec, invokedAs: string): string {
  const lines = ['', `Usage:  ${invokedAs} ${spec.usage}`, '', spec.description, ''];
  const aliases = [spec.path, ...(spec.aliases ?? [])];
  if (aliases.length > 1) lines.push('Aliases:', `  ${aliases.map((a) => `${invokedAs.split(' ')[0]} ${a}`).join(', ')}`, '');
  const visible = spec.flags.filter((f) => !f.hidden);
  if (visible.length > 0) {
    lines.push('Options:');
    const rows = visible.map((f) => [flagLabel(f), f.usage ?? '']);
    const width = Math.max(...rows.map((r) => r[0]!.length));
    for (const [label, usage] of rows) lines.push(`  ${label!.padEnd(width)}   ${usage}`);
  }
  return `${lines.join('\n')}\n`;
}

function flagLabel(f: FlagSpec): string {
  const value = f.type === 'bool' ? '' : ` ${f.valueName ?? typeWord(f)}`;
  return f.short ? `-${f.short}, --${f.name}${value}` : `    --${f.name}${value}`;
}

const typeWord = (f: FlagSpec) => ({ stringArray: 'list', int: 'int', uint: 'uint', float: 'decimal', duration: 'duration', bytes: 'bytes', string: 'string', bool: '' }[f.type]);

export function renderGroupHelp(prog: string, group: string | undefined, commands: CommandSpec[]): string {
  const visible = commands.filter((c) => !c.hidden);
  const entries = group
    ? visible.filter((c) => c.path.startsWith(`${group} `)).map((c) => [c.path.slice(group.length + 1), c.description] as const)
    : visible.filter((c) => !c.path.includes(' ')).map((c) => [c.path, c.description] as const);
  const width = Math.max(10, ...entries.map(([n]) => n.length + 2));
  const title = group ? GROUP_TITLES[group] ?? '' : 'A self-sufficient runtime for containers';
  const usage = group ? `${prog} ${group} COMMAND` : `${prog} [OPTIONS] COMMAND`;
  const body = entries.sort(([a], [b]) => a.localeCompare(b)).map(([n, d]) => `  ${n.padEnd(width)}${d}`);
  const more = group ? `Run '${prog} ${group} COMMAND --help' for more information on a command.` : `Run '${prog} COMMAND --help' for more information on a command.`;
  return `Usage:  ${usage}\n\n${title}\n\nCommands:\n${body.join('\n')}\n\n${more}\n`;
}
