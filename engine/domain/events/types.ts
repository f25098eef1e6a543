// Docker's events.Message (moby api/types/events) as skiff records and streams it.

export type EventType = 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin' | 'node' | 'service' | 'secret' | 'config';

export interface EventActor { ID: string; Attributes: Record<string, string> }

/**
 * One event. `status`, `id` and `from` are the legacy fields Docker fills for container (all three)
 * and image (status, id) events only. `timeNano` is a bigint: nanoseconds since the epoch do not fit
 * a JS number; marshal with `marshalEvent` (event-json.ts), never JSON.stringify.
 */
export interface EventMessage {
  status?: string;
  id?: string;
  from?: string;
  Type: EventType;
  Action: string;
  Actor: EventActor;
  scope: 'local' | 'swarm';
  time: number;
  timeNano: bigint;
}

/** The `filters` of GET /events and `events --filter`: key → values, the form containers/list.ts takes. */
export type { Filters } from '../containers/list.js';
