// An event as `docker events` shows it: the default line (prettyPrintEvent) and the events.Message
// struct a --format template runs on.
// docker parity: cli@28.2 cli/command/system/events.go, moby api/types/events.Message
import type { EventMessage } from '../domain/events/types.js';
import { goStruct } from '../format/index.js';
import { def, goTyped, I, map, S, struct } from './go-typed.js';

const ACTOR = def('events.Actor', { ID: S, Attributes: map('map[string]string') });
const MESSAGE = def('events.Message', {
  'Status:status?': S, 'ID:id?': S, 'From:from?': S, Type: S, Action: S, Actor: struct(ACTOR),
  'Scope:scope?': S, 'Time:time?': I, 'TimeNano:timeNano?': I,
});

/** The Go value a template sees; its `json` is the API's JSON for the event. */
export function eventMessageView(ev: EventMessage): object {
  return goTyped(ev as unknown as Record<string, unknown>, MESSAGE);
}

/** The zero *events.Message docker/cli runs a template on once, to reject a bad one before streaming. */
export function emptyEventMessageView(): object {
  return goStruct(goTyped({}, MESSAGE), '*events.Message');
}

/** `2026-11-28T13:16:56.620578342Z container rename <id> (image=busybox, name=b, oldName=/a)`: local time, sorted attributes. */
export function eventLine(ev: EventMessage, tzOffsetMinutes?: (ms: number) => number): string {
  let out = '';
  if (ev.timeNano) out += `${rfc3339NanoFixed(ev.timeNano, tzOffsetMinutes)} `;
  else if (ev.time) out += `${rfc3339NanoFixed(BigInt(ev.time) * 1_000_000_000n, tzOffsetMinutes)} `;
  out += `${ev.Type} ${ev.Action} ${ev.Actor.ID}`;
  const keys = Object.keys(ev.Actor.Attributes).sort();
  if (keys.length > 0) out += ` (${keys.map((k) => `${k}=${ev.Actor.Attributes[k]}`).join(', ')})`;
  return `${out}\n`;
}

/** Go's "2006-01-02T15:04:05.000000000Z07:00" in the local zone (minutes east of UTC, as the offset function gives). */
export function rfc3339NanoFixed(nanos: bigint, tzOffsetMinutes: (ms: number) => number = (ms) => -new Date(ms).getTimezoneOffset()): string {
  const ms = Number(nanos / 1_000_000n);
  const offset = tzOffsetMinutes(ms);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const frac = String(((nanos % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).padStart(9, '0');
  if (offset === 0) return `${local}.${frac}Z`;
  const abs = Math.abs(offset);
  return `${local}.${frac}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
