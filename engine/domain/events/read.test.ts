import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testContainer, testEngine } from '../../test-support/engine.js';
import { initialState } from '../../model/container.js';
import { exitFile } from '../../runtime/index.js';
import { renameContainer } from '../containers/rename.js';
import { syncContainer } from '../containers/sync.js';
import { recordContainerEvent, recordImageEvent, recordNetworkEvent } from './emit.js';
import { readEvents } from './read.js';
import { eventsLogPath, recordEvent } from './record.js';
import type { EventMessage } from './types.js';

const ID = 'ab'.repeat(32);
const collect = async (it: AsyncIterable<EventMessage>) => { const out: EventMessage[] = []; for await (const e of it) out.push(e); return out; };
const actions = (evs: EventMessage[]) => evs.map((e) => `${e.Type} ${e.Action}`);

/** An engine whose clock moves on by a second each time it is read. */
function tickingEngine() {
  const e = testEngine();
  let t = Date.parse('2026-11-28T12:00:00Z');
  return Object.assign(e, { clock: () => new Date((t += 1000)) });
}

describe('recordEvent / readEvents', () => {
  it("records Docker's shapes: legacy fields for containers and images only, labels under image and name", async () => {
    const e = testEngine();
    const rec = testContainer(ID, 'web', { Config: { ...testContainer(ID, 'web').Config, Image: 'busybox', Labels: { tier: 'front', name: 'label-loses' } } });
    recordContainerEvent(e, rec, 'kill', { signal: '9' });
    recordImageEvent(e, 'tag', 'sha256:1', 'foo:1');
    recordNetworkEvent(e, { Id: 'n1', Name: 'bridge', Driver: 'bridge' }, 'connect', { container: ID });
    const [c, i, n] = await collect(readEvents(e, { since: '0' }));
    expect(c).toMatchObject({ status: 'kill', id: ID, from: 'busybox', Type: 'container', scope: 'local', Actor: { ID, Attributes: { image: 'busybox', name: 'web', signal: '9', tier: 'front' } } });
    expect(c!.timeNano / 1_000_000n).toBe(BigInt(Date.parse('2026-11-28T12:00:00.123Z')));
    expect(c!.time).toBe(Date.parse('2026-11-28T12:00:00Z') / 1000);
    expect(i).toMatchObject({ status: 'tag', id: 'sha256:1', Type: 'image', Actor: { Attributes: { name: 'foo:1' } } });
    expect(i!.from).toBeUndefined();
    expect(n!.status).toBeUndefined();
    expect(n!.Actor.Attributes).toEqual({ container: ID, name: 'bridge', type: 'bridge' });
  });

  it('never fails the caller when the log cannot be written', () => {
    const e = testEngine();
    mkdirSync(dirname(e.config.paths.runRoot), { recursive: true });
    writeFileSync(e.config.paths.runRoot, 'not a directory');
    expect(() => recordContainerEvent(e, testContainer(ID, 'web'), 'start')).not.toThrow();
  });

  it('applies since, until and filters to the recorded events; without either it sends no past events', async () => {
    const e = tickingEngine();
    for (const a of ['create', 'start', 'die', 'destroy']) recordContainerEvent(e, testContainer(ID, 'web'), a);
    const all = await collect(readEvents(e, { since: '0' }));
    expect(actions(all)).toEqual(['container create', 'container start', 'container die', 'container destroy']);
    // Each event has its own second (the ticking clock); the bounds take whole seconds.
    const t = (i: number, end = false) => `${all[i]!.time}${end ? '.999999999' : ''}`;
    expect(actions(await collect(readEvents(e, { since: t(1), until: t(2, true) })))).toEqual(['container start', 'container die']);
    expect(actions(await collect(readEvents(e, { until: t(0, true) })))).toEqual(['container create']);
    expect(actions(await collect(readEvents(e, { since: '0', filters: { event: ['die', 'create'] } })))).toEqual(['container create', 'container die']);
    expect(await collect(readEvents(e, { since: '0', filters: { container: ['db'] } }))).toEqual([]);
    expect(await collect(readEvents(e, {}))).toEqual([]);
  });

  it('refuses since after until, and bad times, before reading anything', () => {
    const e = testEngine();
    expect(() => readEvents(e, { since: '10', until: '5' })).toThrow('`since` time (10) cannot be after `until` time (5)');
    expect(() => readEvents(e, { since: 'garbage' })).toThrow('failed to parse value as time or duration: "garbage"');
  });

  it('follows: sees what another writer appends, until aborted', async () => {
    const e = testEngine();
    const abort = new AbortController();
    const seen: string[] = [];
    const reader = (async () => {
      for await (const ev of readEvents(e, { follow: true, signal: abort.signal, filters: { type: ['container'] } })) {
        seen.push(ev.Action);
        if (seen.length === 2) abort.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    recordContainerEvent(e, testContainer(ID, 'web'), 'create');
    recordEvent(e, { Type: 'network', Action: 'create', Actor: { ID: 'n', Attributes: { name: 'n', type: 'bridge' } } });
    recordContainerEvent(e, testContainer(ID, 'web'), 'start');
    await reader;
    expect(seen).toEqual(['create', 'start']);
  });

  it('follows until `until` passes, then ends', async () => {
    const e = testEngine();
    const started = Date.now();
    const until = ((Date.now() + 300) / 1000).toFixed(3);
    expect(await collect(readEvents(e, { until, follow: true }))).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});

describe('events of the domain verbs', () => {
  it('rename carries the old name with its slash', async () => {
    const e = testEngine();
    e.state.insertContainer(testContainer(ID, 'one'));
    await renameContainer(e, { ref: 'one', newName: 'two' });
    const [ev] = await collect(readEvents(e, { since: '0' }));
    expect(ev!.Actor.Attributes).toMatchObject({ name: 'two', oldName: '/one' });
  });

  it('die is recorded once, by whichever process first sees the exit', async () => {
    const e = testEngine();
    e.state.insertContainer(testContainer(ID, 'web', { State: { ...initialState(), Status: 'running', Pid: 999999, ConmonPid: 999999, StartCount: 1 } }));
    mkdirSync(e.config.paths.exitDir, { recursive: true });
    writeFileSync(exitFile(e, ID), '3');
    syncContainer(e, e.state.getContainer(ID)!);
    syncContainer(e, e.state.getContainer(ID)!);
    const evs = await collect(readEvents(e, { since: '0', filters: { type: ['container'] } }));
    expect(evs.map((x) => `${x.Action} ${x.Actor.Attributes.exitCode}`)).toEqual(['die 3']);
  });

  it('writes under the run root', () => {
    const e = testEngine();
    expect(eventsLogPath(e).startsWith(e.config.paths.runRoot)).toBe(true);
  });
});
