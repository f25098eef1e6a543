import { describe, expect, it } from 'vitest';
import { eventMatches } from './filter.js';
import type { EventMessage } from './types.js';

const CID = 'c0ffee'.padEnd(64, '0');
const container = (action: string, attrs: Record<string, string> = {}): EventMessage => ({
  status: action, id: CID, from: 'busybox:latest', Type: 'container', Action: action,
  Actor: { ID: CID, Attributes: { image: 'busybox:latest', name: 'web', ...attrs } }, scope: 'local', time: 1, timeNano: 1n,
});
const network = (action: string): EventMessage => ({
  Type: 'network', Action: action, Actor: { ID: 'feed'.padEnd(64, '1'), Attributes: { container: CID, name: 'bridge', type: 'bridge' } },
  scope: 'local', time: 1, timeNano: 1n,
});
const image = (action: string, id: string, name: string): EventMessage => ({
  status: action, id, Type: 'image', Action: action, Actor: { ID: id, Attributes: { name } }, scope: 'local', time: 1, timeNano: 1n,
});

describe('eventMatches (moby daemon/events/filter.go)', () => {
  it('lets everything through without filters, and ignores keys it does not know (Docker 20.10)', () => {
    expect(eventMatches({}, container('start'))).toBe(true);
    expect(eventMatches({ nope: ['1'] }, container('start'))).toBe(true);
    expect(eventMatches({ type: [] }, network('connect'))).toBe(true);
  });

  it('matches type, event and scope exactly; several values of one key are alternatives', () => {
    expect(eventMatches({ type: ['container'] }, network('connect'))).toBe(false);
    expect(eventMatches({ type: ['network', 'container'] }, network('connect'))).toBe(true);
    expect(eventMatches({ event: ['die'] }, container('destroy'))).toBe(false);
    expect(eventMatches({ event: ['die', 'destroy'] }, container('destroy'))).toBe(true);
    expect(eventMatches({ event: ['de'] }, container('destroy'))).toBe(false);
    expect(eventMatches({ scope: ['swarm'] }, container('start'))).toBe(false);
  });

  it('matches exec_create, exec_start and health_status by prefix (and then every event value)', () => {
    const exec = container('exec_create: sh -c echo hi', { execID: 'e' });
    expect(eventMatches({ event: ['exec_create'] }, exec)).toBe(true);
    expect(eventMatches({ event: ['exec_start'] }, exec)).toBe(false);
    expect(eventMatches({ event: ['exec_die'] }, container('exec_die'))).toBe(true);
    expect(eventMatches({ event: ['exec_start', 'de'] }, container('destroy'))).toBe(true);
  });

  it('matches container by id or name prefix, on every event type', () => {
    expect(eventMatches({ container: ['web'] }, container('start'))).toBe(true);
    expect(eventMatches({ container: ['we'] }, container('start'))).toBe(true);
    expect(eventMatches({ container: ['c0ff'] }, container('start'))).toBe(true);
    expect(eventMatches({ container: ['db'] }, container('start'))).toBe(false);
    // The network event's actor is the network: a container filter drops it unless that matches.
    expect(eventMatches({ container: ['web'] }, network('connect'))).toBe(false);
    expect(eventMatches({ network: ['bridge'] }, network('connect'))).toBe(true);
    expect(eventMatches({ network: ['bridge'] }, container('start'))).toBe(false);
  });

  it('matches image by id, by name, and by either without its tag', () => {
    expect(eventMatches({ image: ['busybox:latest'] }, container('start'))).toBe(true);
    expect(eventMatches({ image: ['busybox'] }, container('start'))).toBe(true);
    expect(eventMatches({ image: ['alpine'] }, container('start'))).toBe(false);
    expect(eventMatches({ image: ['foo'] }, image('tag', 'sha256:abc', 'foo:1'))).toBe(true);
    expect(eventMatches({ image: ['sha256:abc'] }, image('delete', 'sha256:abc', 'sha256:abc'))).toBe(true);
    expect(eventMatches({ image: ['127.0.0.1:5000/x'] }, image('push', '127.0.0.1:5000/x:1', '127.0.0.1:5000/x'))).toBe(true);
  });

  it('requires every label (key or key=value) among the attributes', () => {
    const ev = container('create', { 'skiff.conformance': 'abc', tier: 'web' });
    expect(eventMatches({ label: ['skiff.conformance=abc'] }, ev)).toBe(true);
    expect(eventMatches({ label: ['skiff.conformance=abc', 'tier'] }, ev)).toBe(true);
    expect(eventMatches({ label: ['skiff.conformance=abc', 'tier=db'] }, ev)).toBe(false);
    expect(eventMatches({ label: ['skiff.conformance=abc'] }, network('connect'))).toBe(false);
  });
});
