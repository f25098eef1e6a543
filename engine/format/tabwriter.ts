// Go's text/tabwriter as forked by docker/cli (cells measured with East Asian width).
// Text is split into cells at '\t' (and '\v'); only tab-terminated cells are aligned. A column
// block is a run of consecutive lines that all have a terminated cell in that column; each block's
// width is max(cell width + padding, minwidth). A line without any tab ends the blocks above it.
// docker parity: cli@28.2 cli/command/formatter/tabwriter/tabwriter.go
import { stringWidth } from './width.js';

export interface TabwriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  alignRight?: boolean;
}

/** docker's tables: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0). */
export const DOCKER_TABWRITER: TabwriterOptions = { minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' };

interface Cell {
  text: string;
  width: number;
  htab: boolean; // terminated by '\t' (a '\v'-terminated cell is "soft")
}

export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private out = '';

  constructor(private readonly opts: TabwriterOptions = DOCKER_TABWRITER) {}

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        if (ch === '\f' || ncells === 1) this.flushLines(); // a line without tabs ends every column block
      }
    }
    this.cell += text.slice(start);
  }

  /** Formats everything written so far and returns the output produced since the last flush. */
  flush(): string {
    if (this.cell.length > 0) this.terminateCell(false);
    this.flushLines();
    const out = this.out;
    this.out = '';
    return out;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1]!;
    line.push({ text: this.cell, width: stringWidth(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private flushLines(): void {
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= this.lines[i]!.length - 1) continue;
      // This line starts a block of lines with a cell in `column`.
      this.writeLines(line0, i);
      line0 = i;
      let width = this.opts.minwidth;
      for (; i < line1; i++) {
        const line = this.lines[i]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + this.opts.padding);
      }
      this.widths.push(width);
      this.format(line0, i);
      this.widths.pop();
      line0 = i;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      this.lines[i]!.forEach((c, j) => {
        const padding = j < this.widths.length ? this.padding(c.width, this.widths[j]!) : '';
        if (c.text === '') this.out += padding;
        else this.out += this.opts.alignRight ? padding + c.text : c.text + padding;
      });
      if (i + 1 < this.lines.length) this.out += '\n';
    }
  }

  private padding(textw: number, cellw: number): string {
    const { padchar, tabwidth } = this.opts;
    if (padchar !== '\t') return padchar.repeat(Math.max(cellw - textw, 0));
    if (tabwidth === 0) return '';
    const rounded = Math.ceil(cellw / tabwidth) * tabwidth;
    return '\t'.repeat(Math.ceil((rounded - textw) / tabwidth));
  }
}

/** Aligns tab-separated text the way docker's tables do. */
export function tabwrite(text: string, opts: TabwriterOptions = DOCKER_TABWRITER): string {
  const w = new TabWriter(opts);
  w.write(text);
  return w.flush();
}
