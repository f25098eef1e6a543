import { describe, expect, it } from 'vitest';
import { marshalEvent, parseEvent } from './event-json.js';
import type { EventMessage } from './types.js';

// Recorded from Docker 20.10 (fixtures/recordings/system/events-api.json).
const DOCKER_LINE = '{"status":"create","id":"a7d7f0ecb23bbaa4d2a7b0ca549fed793f8be71877f37bf0bc06c7642b92aff5","from":"busybox:latest","Type":"container","Action":"create","Actor":{"ID":"a7d7f0ecb23bbaa4d2a7b0ca549fed793f8be71877f37bf0bc06c7642b92aff5","Attributes":{"image":"busybox:latest","name":"skc-c8f2d7-a","skiff.conformance":"c8f2d7"}},"scope":"local","time":1795880212,"timeNano":1795880212403641881}';

describe('marshalEvent / parseEvent', () => {
  it("round-trips Docker's line byte for byte, nanoseconds included", () => {
    const ev = parseEvent(DOCKER_LINE)!;
    expect(ev.timeNano).toBe(1795880212403641881n);
    expect(marshalEvent(ev)).toBe(DOCKER_LINE);
  });

  it('sorts attributes, leaves out empty legacy fields and escapes HTML unless told not to', () => {
    const ev: EventMessage = {
      Type: 'network', Action: 'connect', Actor: { ID: 'n', Attributes: { type: 'bridge', name: 'a<b>&c', container: 'x' } },
      scope: 'local', time: 2, timeNano: 2_000000001n,
    };
    expect(marshalEvent(ev)).toBe('{"Type":"network","Action":"connect","Actor":{"ID":"n","Attributes":{"container":"x","name":"a\\u003cb\\u003e\\u0026c","type":"bridge"}},"scope":"local","time":2,"timeNano":2000000001}');
    expect(marshalEvent(ev, { escapeHTML: false })).toContain('"name":"a<b>&c"');
  });

  it('skips lines that are not events', () => {
    expect(parseEvent('{"Type":"container"')).toBeUndefined();
    expect(parseEvent('[]')).toBeUndefined();
    expect(parseEvent('')).toBeUndefined();
  });
});
