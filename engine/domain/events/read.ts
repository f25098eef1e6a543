// GET /events and `events`: the recorded events between since and until, then (following) the new
// ones as any process appends them, until `until` passes or the caller aborts. As in moby, past
// events are only sent when since or until is given, and the time bounds apply to those.
// docker parity: moby 20.10 api/server/router/system/system_routes.go getEvents, daemon/events/events.go
import { watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import type { Engine } from '../../context.js';
import { invalidArgument } from '../../errors.js';
import { sleep } from '../../sys/process.js';
import { LineTail } from '../../sys/line-log.js';
import { parseEvent } from './event-json.js';
import { getTimestamp, parseTimestamp } from './event-time.js';
import { eventMatches } from './filter.js';
import { eventsLogPath } from './record.js';
import type { EventMessage, Filters } from './types.js';

export type { Filters } from './types.js';

export interface ReadEventsOptions {
  /** Unix seconds with an optional fraction, an RFC 3339 time, or a Go duration before now ("10m"). */
  since?: string;
  until?: string;
  filters?: Filters;
  /** Keep reading new events (until `until`, or the signal); else only what is recorded now. */
  follow?: boolean;
  signal?: AbortSignal;
}

const POLL_MS = 100;

/**
 * The events in log order. Bad times and since > until throw invalid-argument errors right away, before
 * anything is read, so an API caller can answer 400 before it starts streaming.
 */
export function readEvents(engine: Engine, opts: ReadEventsOptions = {}): AsyncGenerator<EventMessage> {
  const now = engine.clock();
  const since = eventTime(opts.since, now);
  const until = eventTime(opts.until, now);
  // docker parity: system_routes.go getEvents
  if (until !== undefined && since !== undefined && until < since) {
    throw invalidArgument('since-after-until', `\`since\` time (${shown(opts.since!, now)}) cannot be after \`until\` time (${shown(opts.until!, now)})`);
  }
  return stream(engine, { since, until, filters: opts.filters ?? {}, follow: opts.follow === true, signal: opts.signal });
}

interface Window { since?: bigint; until?: bigint; filters: Filters; follow: boolean; signal?: AbortSignal }

async function* stream(engine: Engine, w: Window): AsyncGenerator<EventMessage> {
  const path = eventsLogPath(engine);
  const past = w.since !== undefined || w.until !== undefined;
  const { tail, backlog } = past ? LineTail.fromStart(path) : { tail: LineTail.fromEnd(path), backlog: [] };
  const nudge = new Nudge(dirname(path));
  try {
    for (const ev of parsed(backlog)) {
      if (w.since !== undefined && ev.timeNano < w.since) continue;
      if (w.until !== undefined && ev.timeNano > w.until) continue;
      if (eventMatches(w.filters, ev)) yield ev;
    }
    if (!w.follow || (w.until !== undefined && w.until <= nowNs())) return;
    for (;;) {
      const ending = w.signal?.aborted || (w.until !== undefined && nowNs() >= w.until);
      for (const ev of parsed(tail.read())) {
        // Read after `until` passed: only what happened before it still belongs to the stream.
        if (ending && w.until !== undefined && ev.timeNano > w.until) continue;
        if (eventMatches(w.filters, ev)) yield ev;
      }
      if (ending) return;
      await nudge.wait(POLL_MS, w.signal);
    }
  } finally {
    tail.close();
    nudge.close();
  }
}

function* parsed(lines: string[]): Generator<EventMessage> {
  for (const line of lines) {
    const ev = parseEvent(line);
    if (ev) yield ev;
  }
}

const nowNs = () => BigInt(Date.now()) * 1_000_000n;

function eventTime(raw: string | undefined, now: Date): bigint | undefined {
  if (raw === undefined || raw === '') return undefined;
  return parseTimestamp(getTimestamp(raw, now));
}

/** How Docker's message shows a bound: the value the client sent (durations and dates already converted). */
const shown = (raw: string, now: Date) => getTimestamp(raw, now);

/** Wakes the poll loop early when the log's directory changes (inotify), or when the caller aborts. */
class Nudge {
  private watcher: FSWatcher | undefined;
  private wake: () => void = () => undefined;

  constructor(dir: string) {
    try {
      this.watcher = watch(dir, () => this.wake()).on('error', () => this.close());
    } catch { /* no directory yet: polling alone works */ }
  }

  async wait(ms: number, signal?: AbortSignal): Promise<void> {
    // The abort listener goes once the wait is over: a stream polls for hours on one signal.
    let onAbort = () => undefined as void;
    const aborted = new Promise<void>((r) => { onAbort = () => r(); signal?.addEventListener('abort', onAbort, { once: true }); });
    try {
      await Promise.race([sleep(ms), new Promise<void>((r) => { this.wake = r; }), aborted]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  close(): void {
    this.watcher?.close();
  }
}
