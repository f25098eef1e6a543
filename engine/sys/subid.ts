import { readFileSync } from 'node:fs';

export interface SubIdRange { start: number; count: number }

/** The subordinate id ranges of a user in /etc/subuid or /etc/subgid (by name or by numeric id). */
export function subIdRanges(file: string, user: string, id: number): SubIdRange[] {
  let text = '';
  try { text = readFileSync(file, 'utf8'); } catch { return []; }
  return text.split('\n')
    .map((line) => line.trim().split(':'))
    .filter((f) => f.length === 3 && (f[0] === user || f[0] === String(id)))
    .map((f) => ({ start: Number(f[1]), count: Number(f[2]) }))
    .filter((r) => Number.isInteger(r.start) && r.count > 0);
}
