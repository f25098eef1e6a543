// Recording an event: one JSON line appended to the engine's events log under its run root. Every
// skiff process (and conmon's exit command) appends; readers tail it. A failure to record is logged
// and never fails the command that caused the event.
import { join } from 'node:path';
import type { Engine } from '../../context.js';
import { appendLine } from '../../sys/line-log.js';
import { marshalEvent } from './event-json.js';
import type { EventMessage } from './types.js';

/** Past this size the log is rotated; the previous generation is kept, so up to twice this is readable. */
export const EVENTS_LOG_MAX_BYTES = 1024 * 1024;

export const eventsLogPath = (engine: Engine) => join(engine.config.paths.runRoot, 'events', 'events.log');

/** What a caller supplies; scope, time and Docker's legacy fields are filled in. */
export type NewEvent = Pick<EventMessage, 'Type' | 'Action' | 'Actor'> & Partial<EventMessage>;

export function recordEvent(engine: Engine, ev: NewEvent): void {
  try {
    appendLine(eventsLogPath(engine), marshalEvent(completeEvent(engine, ev)), { maxBytes: EVENTS_LOG_MAX_BYTES });
  } catch (e) {
    engine.log?.debug(`events: not recorded: ${(e as Error).message}`);
  }
}

// docker parity: moby daemon/events/events.go Log — legacy fields for container and image events only
export function completeEvent(engine: Engine, ev: NewEvent): EventMessage {
  const timeNano = ev.timeNano ?? nowNano(engine);
  const legacy = ev.Type === 'container'
    ? { status: ev.Action, id: ev.Actor.ID, from: ev.Actor.Attributes.image }
    : ev.Type === 'image' ? { status: ev.Action, id: ev.Actor.ID } : {};
  return {
    ...legacy, Type: ev.Type, Action: ev.Action, Actor: ev.Actor, scope: ev.scope ?? 'local',
    time: Number(timeNano / 1_000_000_000n), timeNano,
  };
}

let last = 0n;

/**
 * The engine clock's time in nanoseconds: its milliseconds, the digits below from the monotonic clock
 * (as views/time.ts stamps times), never repeating or going back within a process.
 */
export function nowNano(engine: Engine): bigint {
  let ns = BigInt(engine.clock().getTime()) * 1_000_000n + process.hrtime.bigint() % 1_000_000n;
  if (ns <= last) ns = last + 1n;
  last = ns;
  return ns;
}
