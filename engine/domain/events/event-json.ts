// An event as one JSON line, byte for byte what Docker's daemon streams from GET /events (its
// json.Encoder: field order of events.Message, map keys sorted, HTML characters escaped), and back.
import { jsonString } from '../../format/index.js';
import type { EventMessage } from './types.js';

export interface MarshalOptions {
  /** Go's encoder default (the daemon's stream); the CLI's `{{json .}}` turns it off. */
  escapeHTML?: boolean;
}

/** The event's JSON text, without a newline. */
export function marshalEvent(ev: EventMessage, opts: MarshalOptions = {}): string {
  const str = (v: string) => jsonString(v, { escapeHTML: opts.escapeHTML !== false });
  const parts: string[] = [];
  // omitempty fields (moby api/types/events.Message)
  if (ev.status) parts.push(`"status":${str(ev.status)}`);
  if (ev.id) parts.push(`"id":${str(ev.id)}`);
  if (ev.from) parts.push(`"from":${str(ev.from)}`);
  parts.push(`"Type":${str(ev.Type)}`, `"Action":${str(ev.Action)}`);
  const attrs = Object.keys(ev.Actor.Attributes).sort().map((k) => `${str(k)}:${str(ev.Actor.Attributes[k]!)}`);
  parts.push(`"Actor":{"ID":${str(ev.Actor.ID)},"Attributes":{${attrs.join(',')}}}`);
  if (ev.scope) parts.push(`"scope":${str(ev.scope)}`);
  if (ev.time) parts.push(`"time":${ev.time}`);
  if (ev.timeNano) parts.push(`"timeNano":${ev.timeNano}`);
  return `{${parts.join(',')}}`;
}

/** A line of the events log; undefined for anything else (a torn or foreign line is skipped, not fatal). */
export function parseEvent(line: string): EventMessage | undefined {
  let raw: Partial<EventMessage> & { timeNano?: unknown };
  try {
    raw = JSON.parse(line) as typeof raw;
  } catch {
    return undefined;
  }
  if (!raw || typeof raw.Type !== 'string' || typeof raw.Action !== 'string' || !raw.Actor || typeof raw.Actor.ID !== 'string') return undefined;
  // JSON.parse rounds integers above 2^53: the nanoseconds are read from the text itself.
  const nano = /"timeNano":(\d+)\}$/.exec(line)?.[1];
  const timeNano = nano ? BigInt(nano) : BigInt(raw.time ?? 0) * 1_000_000_000n;
  return {
    ...(raw.status ? { status: raw.status } : {}), ...(raw.id ? { id: raw.id } : {}), ...(raw.from ? { from: raw.from } : {}),
    Type: raw.Type, Action: raw.Action, Actor: { ID: raw.Actor.ID, Attributes: { ...(raw.Actor.Attributes ?? {}) } },
    scope: raw.scope ?? 'local', time: raw.time ?? Number(timeNano / 1_000_000_000n), timeNano,
  };
}
