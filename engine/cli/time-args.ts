import { invalidArgument } from '../errors.js';
import { parseGoDuration } from './pflag.js';

/** --since/--until: an RFC 3339 time, a Unix timestamp (with optional fraction) or a Go duration before now; → ms epoch. */
export function parseTimeArg(raw: string, now: number): number {
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
  try { return now - parseGoDuration(raw); } catch { /* not a duration */ }
  const t = Date.parse(raw);
  if (!Number.isNaN(t)) return t;
  throw invalidArgument('invalid-time', `invalid value for "since": failed to parse value as time or duration: "${raw}"`);
}
