// The first record of Go's encoding/csv reader (default settings), which docker uses for --mount,
// --network and --gpus values; its quoting rules and error texts show up in docker's messages.

class CsvError extends Error {}

const parseError = (col: number, what: string) => new CsvError(`parse error on line 1, column ${col}: ${what}`);

/** csv.NewReader(strings.NewReader(value)).Read(): fields of the first line, or Go's error text. */
export function readCsvRecord(value: string): string[] {
  let line = value.split('\n')[0] ?? '';
  if (line.endsWith('\r')) line = line.slice(0, -1);
  // Go skips blank lines; docker's single-line values then hit the end of input.
  if (line === '') throw new CsvError('EOF');
  const fields: string[] = [];
  let pos = 0;
  for (;;) {
    if (line[pos] !== '"') {
      const end = line.indexOf(',', pos);
      const field = end < 0 ? line.slice(pos) : line.slice(pos, end);
      const quote = field.indexOf('"');
      if (quote >= 0) throw parseError(pos + quote + 1, 'bare " in non-quoted-field');
      fields.push(field);
      if (end < 0) return fields;
      pos = end + 1;
      continue;
    }
    const { field, next } = readQuoted(line, pos);
    fields.push(field);
    if (next < 0) return fields;
    pos = next;
  }
}

// A quoted field starting at `start`; next = index after the comma, or -1 at the end of the line.
function readQuoted(line: string, start: number): { field: string; next: number } {
  let field = '';
  let i = start + 1;
  for (;;) {
    const q = line.indexOf('"', i);
    if (q < 0) throw parseError(line.length + 1, 'extraneous or missing " in quoted-field');
    field += line.slice(i, q);
    const after = line[q + 1];
    if (after === '"') { field += '"'; i = q + 2; continue; }
    if (after === ',') return { field, next: q + 2 };
    if (after === undefined) return { field, next: -1 };
    throw parseError(q + 1, 'extraneous or missing " in quoted-field');
  }
}
