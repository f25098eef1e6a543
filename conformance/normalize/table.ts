// Docker's tables are padded to their widest cell, and widths follow values that vary (names, times).
// A table is cut into cells at the header's column offsets, before anything else; the cells are then
// normalized one by one. Misaligned rows and the inter-column padding stay visible.

export interface Table {
  header: string[];
  rows: string[][];
  /** Rows whose cells overflow into the next column. */
  misaligned: number[];
  /** Smallest run of spaces in front of each column (Docker's tabwriter pads with 3). */
  gaps: number[];
}

export function columnStarts(header: string): number[] {
  const starts = [0];
  for (const m of header.matchAll(/ {2,}(?=\S)/g)) starts.push(m.index! + m[0].length);
  return starts;
}

export function parseTable(text: string): Table | null {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const headerLine = lines[0];
  if (!headerLine || !/^[A-Z]/.test(headerLine)) return null;
  const starts = columnStarts(headerLine);
  const cut = (line: string) => starts.map((s, i) => line.slice(s, starts[i + 1] ?? line.length).trimEnd());
  const gaps = starts.slice(1).map(() => Infinity);
  const misaligned: number[] = [];
  lines.forEach((line, row) => {
    const segments = starts.map((s, i) => line.slice(s, starts[i + 1] ?? line.length));
    const bad = segments.some((seg, i) => (seg.trim() !== '' && seg[0] === ' ') || (i > 0 && line.length > starts[i]! && line[starts[i]! - 1] !== ' '));
    if (bad && row > 0) { misaligned.push(row); return; }
    segments.slice(0, -1).forEach((seg, i) => {
      if (seg.trim() !== '' && line.length > starts[i + 1]!) gaps[i] = Math.min(gaps[i]!, seg.length - seg.trimEnd().length);
    });
  });
  return { header: cut(headerLine), rows: lines.slice(1).map(cut), misaligned, gaps: gaps.map((g) => (g === Infinity ? 0 : g)) };
}

/** Renders a normalized table: one ` | `-joined line per row, then the padding line. */
export function renderTable(t: Table, cell: (text: string) => string, sortRows: boolean): string {
  const rows = t.rows.map((r, i) => (t.misaligned.includes(i + 1) ? '<misaligned> ' : '') + r.map(cell).join(' | '));
  if (sortRows) rows.sort();
  return [t.header.join(' | '), ...rows, `<column gaps: ${t.gaps.join(',')}>`].join('\n') + '\n';
}
