import { describe, expect, it } from 'vitest';
import { Template, DOCKER_FUNCS, TemplateError } from '../format/index.js';
import { parseEvent } from '../domain/events/event-json.js';
import { emptyEventMessageView, eventLine, eventMessageView, rfc3339NanoFixed } from './events.js';

const RENAME = parseEvent('{"status":"rename","id":"ab","from":"busybox:local","Type":"container","Action":"rename","Actor":{"ID":"ab","Attributes":{"oldName":"/af-c1","name":"af-c1b","image":"busybox:local"}},"scope":"local","time":1795871816,"timeNano":1795871816620578342}')!;
const utc = () => 0;
const run = (text: string, data: object) => new Template('').funcs(DOCKER_FUNCS).parse(text).execute(data);

describe('eventLine (docker/cli prettyPrintEvent)', () => {
  it('prints the time with nine digits, type, action, id and the sorted attributes', () => {
    expect(eventLine(RENAME, utc)).toBe('2026-11-28T13:16:56.620578342Z container rename ab (image=busybox:local, name=af-c1b, oldName=/af-c1)\n');
  });

  it('keeps trailing zeros, shows a local offset, and leaves out empty attributes', () => {
    const ev = { ...RENAME, timeNano: 1795871816_000000500n, Actor: { ID: 'ab', Attributes: {} } };
    expect(eventLine(ev, () => 60)).toBe('2026-11-28T14:16:56.000000500+01:00 container rename ab\n');
    expect(rfc3339NanoFixed(1795871816_000000000n, () => -330)).toBe('2026-11-28T07:46:56.000000000-05:30');
  });
});

describe('eventMessageView (the events.Message a --format template sees)', () => {
  it("has Go's field names and the API's JSON", () => {
    const view = eventMessageView(RENAME);
    expect(run('{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Scope}} {{.TimeNano}} {{.Status}} {{.ID}} {{.From}}', view))
      .toBe('container rename af-c1b local 1795871816620578342 rename ab busybox:local');
    expect(run('{{json .}}', view)).toBe('{"status":"rename","id":"ab","from":"busybox:local","Type":"container","Action":"rename","Actor":{"ID":"ab","Attributes":{"image":"busybox:local","name":"af-c1b","oldName":"/af-c1"}},"scope":"local","time":1795871816,"timeNano":1795871816620578342}');
  });

  it('rejects an unknown field on the empty *events.Message, as docker does before streaming', () => {
    expect(() => run('{{.Foo}}', emptyEventMessageView())).toThrow(TemplateError);
    expect(() => run('{{.Foo}}', emptyEventMessageView())).toThrow('template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *events.Message');
    expect(run('{{.Type}}|{{.Actor.Attributes.name}}|{{json .}}', emptyEventMessageView())).toBe('|<no value>|{"Type":"","Action":"","Actor":{"ID":"","Attributes":null}}');
  });
});
