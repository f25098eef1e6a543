// GET /events: the recorded events in the since/until window, then the new ones as they happen, one
// JSON object per line, until `until` passes or the client goes away. Headers go out at once so a
// client sees the 200 before the first event.
// docker parity: moby@20.10 api/server/router/system/system_routes.go getEvents
import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { marshalEvent } from '../../domain/events/event-json.js';
import { parseTimestamp } from '../../domain/events/event-time.js';
import { readEvents } from '../../domain/events/read.js';
import type { EventMessage } from '../../domain/events/types.js';
import type { ApiContext } from '../request.js';
import type { Router } from '../router.js';
import { ApiError } from '../status.js';

export function eventRoutes(r: Router): void {
  r.get('/events', streamEvents);
}

/** The daemon only takes Unix timestamps ("seconds[.nanoseconds]"); the CLI converts dates and durations. */
function timestamp(ctx: ApiContext, name: string): string | undefined {
  const raw = ctx.query.str(name);
  if (!raw) return undefined;
  // docker parity: eventTime → timetypes.ParseTimestamps, an unclassified (500) error
  try { parseTimestamp(raw); } catch (e) { throw new ApiError(500, (e as Error).message); }
  return raw;
}

async function streamEvents(ctx: ApiContext): Promise<void> {
  const since = timestamp(ctx, 'since');
  const until = timestamp(ctx, 'until');
  const filters = ctx.query.filters();
  // Bad bounds throw here, before the 200 goes out.
  const events = readEvents(ctx.engine, { since, until, filters, follow: true, signal: ctx.signal });
  const res = ctx.res!;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.flushHeaders();
  try {
    for await (const ev of events) {
      if (!await send(res, ev)) break;
    }
  } catch (e) {
    // The 200 is out: a failure can only end the stream.
    if (!ctx.signal.aborted) ctx.engine.log.warn(`events stream: ${(e as Error).message}`);
  } finally {
    await events.return(undefined);
    if (!res.writableEnded) res.end();
  }
}

/** Writes one event, waiting while the client reads slowly; false once the client is gone. */
async function send(res: ServerResponse, ev: EventMessage): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(`${marshalEvent(ev)}\n`)) return true;
  const done = new AbortController();
  // Each waiter swallows its own AbortError: the loser is aborted below and must not reject unhandled.
  const wait = (name: string) => once(res, name, { signal: done.signal }).catch(() => undefined);
  await Promise.race([wait('drain'), wait('close')]);
  done.abort();
  return !res.destroyed;
}
