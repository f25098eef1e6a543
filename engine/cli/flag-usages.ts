// pflag's FlagUsagesWrapped: the Options block of every `--help`, flags sorted by name, usages aligned
// after the longest "-x, --name type" column and wrapped to the terminal width.
// docker parity: spf13/pflag flag.go FlagUsagesWrapped, wrap, wrapN; docker/cli cli/cobra.go wrappedFlagUsages
import type { FlagSpec } from './pflag.js';

/** The value placeholder pflag prints after the flag name (UnquoteUsage's type names). */
function valueName(f: FlagSpec): string {
  if (f.valueName !== undefined) return f.valueName;
  return ({ stringArray: 'list', int: 'int', uint: 'uint', float: 'float', duration: 'duration', bytes: 'bytes', string: 'string', bool: '' } as const)[f.type];
}

/** Usages print verbatim: each table writes pflag's "(default …)" suffix into its usage text. */
export function flagUsagesWrapped(flags: FlagSpec[], cols: number): string {
  const visible = flags.filter((f) => !f.hidden && !f.deprecated).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const heads = visible.map((f) => {
    const head = f.short ? `  -${f.short}, --${f.name}` : `      --${f.name}`;
    const v = valueName(f);
    return v ? `${head} ${v}` : head;
  });
  // pflag measures the head plus its "\x00" marker, hence the +1 and the later maxlen+2.
  const maxlen = Math.max(0, ...heads.map((h) => h.length + 1));
  let out = '';
  visible.forEach((f, i) => {
    const head = heads[i]!;
    const spacing = ' '.repeat(maxlen - head.length);
    out += `${head} ${spacing} ${wrap(maxlen + 2, cols, f.usage ?? '')}\n`;
  });
  return out;
}

/** Splits s at the last whitespace before i (going up to slop over i if that takes the rest). */
function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** Wraps s to width w with indent i for the lines after the first (the caller indents the first). */
export function wrap(i: number, w: number, s: string): string {
  const indentNewlines = (t: string, n: number) => t.replaceAll('\n', `\n${' '.repeat(n)}`);
  if (w === 0) return indentNewlines(s, i);
  let width = w - i;
  let r = '';
  if (width < 24) {
    i = 16;
    width = w - i;
    r += `\n${' '.repeat(i)}`;
  }
  if (width < 24) return s.replaceAll('\n', r);
  const slop = 5;
  width -= slop;
  let [line, rest] = wrapN(width, slop, s);
  r += indentNewlines(line, i);
  while (rest !== '') {
    [line, rest] = wrapN(width, slop, rest);
    r += `\n${' '.repeat(i)}${indentNewlines(line, i)}`;
  }
  return r;
}

/** docker/cli measures the terminal on stdin; anything else wraps at 80 columns (minus one). */
export function helpColumns(io: { stdin: { isTTY?: boolean }; stdout: { columns?: number } }): number {
  const width = io.stdin.isTTY && io.stdout.columns ? io.stdout.columns : 80;
  return width - 1;
}
