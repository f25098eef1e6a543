import { constants } from 'node:os';
import { invalidArgument } from '../../errors.js';

const BY_NAME = constants.signals as Record<string, number>;

/** "SIGTERM", "TERM", "term", "15" → 15. docker parity: moby pkg/signal ParseSignal. */
export function parseSignal(raw: string): number {
  const s = raw.trim();
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n <= 0 || n > 64) throw invalidArgument('invalid-signal', `Invalid signal: ${raw}`);
    return n;
  }
  const upper = s.toUpperCase();
  const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  const n = BY_NAME[name] ?? rtSignal(name);
  if (n === undefined) throw invalidArgument('invalid-signal', `Invalid signal: ${raw}`);
  return n;
}

function rtSignal(name: string): number | undefined {
  const m = /^SIGRTMIN(?:\+(\d+))?$/.exec(name) ?? /^SIGRTMAX(?:-(\d+))?$/.exec(name);
  if (!m) return undefined;
  return name.startsWith('SIGRTMIN') ? 34 + Number(m[1] ?? 0) : 64 - Number(m[1] ?? 0);
}
