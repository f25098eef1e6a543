import { describe, expect, it } from 'vitest';
import { Placeholders } from '../placeholders.js';
import { IdMap, normalizeDigests, normalizeIds } from './ids.js';
import { jsonShape, selectPaths, sortJsonArrays } from './json.js';
import { newNormalizeContext, normalizeOutput, normalizeString } from './pipeline.js';
import { parseTable } from './table.js';
import { normalizeRelativeTimes, normalizeTimestamps } from './times.js';
import { normalizeGeneratedNames, normalizeIps, normalizePorts, normalizeSizes } from './values.js';

const hex = (c: string) => c.repeat(64);
const env = { image: 'busybox:latest', imageId: 'sha256:' + '7c'.repeat(32), registry: '127.0.0.1:5000', labelKey: 'skiff.conformance' };

describe('ids and digests', () => {
  it('numbers ids by first appearance and links short to long', () => {
    const ids = new IdMap();
    const a = '1a' + hex('a').slice(2), b = '2b' + hex('b').slice(2);
    expect(normalizeIds(`${a}\n${b.slice(0, 12)} ${a.slice(0, 12)} ${b}`, ids)).toBe('<id-1>\n<id-2:12> <id-1:12> <id-2>');
  });
  it('leaves plain numbers and longer hex alone', () => {
    expect(normalizeIds('123456789012 ' + 'a'.repeat(70), new IdMap())).toBe('123456789012 ' + 'a'.repeat(70));
  });
  it('keeps the digest algorithm, so a missing sha256: prefix remains a difference', () => {
    const d = hex('e');
    expect(normalizeDigests(`busybox@sha256:${d}`, new IdMap())).toBe('busybox@sha256:<id-1>');
    expect(normalizeIds(d, new IdMap())).toBe('<id-1>');
  });
});

describe('times', () => {
  it('replaces timestamps but keeps Go zero time and the image epoch', () => {
    expect(normalizeTimestamps('2026-11-28T15:16:41.123456789Z 0001-01-01T00:00:00Z 2024-01-01T00:00:00Z')).toBe('<timestamp> 0001-01-01T00:00:00Z 2024-01-01T00:00:00Z');
    expect(normalizeTimestamps('2026-11-28 15:16:41 +0000 UTC')).toBe('<timestamp>');
    expect(normalizeTimestamps('1732806000 1704067200 1732806000123456789')).toBe('<unix-time> 1704067200 <unix-nanos>');
  });
  it('replaces relative times but keeps the state words', () => {
    expect(normalizeRelativeTimes('Up Less than a second')).toBe('Up <duration>');
    expect(normalizeRelativeTimes('Up 2 minutes (Paused)')).toBe('Up <duration> (Paused)');
    expect(normalizeRelativeTimes('Exited (137) About a minute ago')).toBe('Exited (137) <ago>');
    expect(normalizeRelativeTimes('Up 3 seconds ago')).toBe('Up <ago>');
    expect(normalizeRelativeTimes('Created')).toBe('Created');
  });
});

describe('values', () => {
  it('replaces size numbers but keeps units and spacing', () => {
    expect(normalizeSizes('1.98MB 0B 2.13 MB 4.096kB')).toBe('<n>MB <n>B <n> MB <n>kB');
    expect(normalizeSizes('v1.2.3 busybox')).toBe('v1.2.3 busybox');
  });
  it('replaces addresses but keeps wildcard and loopback', () => {
    expect(normalizeIps('172.17.0.2 0.0.0.0 127.0.0.1 172.17.0.0/16')).toBe('<ip> 0.0.0.0 127.0.0.1 <ip>/16');
    expect(normalizeIps('02:42:ac:11:00:02 fe80::42:acff:fe11:2 ::1')).toBe('<mac> <ip6> ::1');
    expect(normalizeIps('1.2')).toBe('1.2');
  });
  it('replaces ephemeral host ports only', () => {
    expect(normalizePorts('0.0.0.0:49153->80/tcp, :::49153->80/tcp 0.0.0.0:8080->80/tcp')).toBe('0.0.0.0:<port>->80/tcp, :::<port>->80/tcp 0.0.0.0:8080->80/tcp');
    expect(normalizePorts('127.0.0.1:5000/busybox')).toBe('127.0.0.1:5000/busybox');
  });
  it('replaces generated names as whole words only', () => {
    expect(normalizeGeneratedNames('festive_hopper /quirky_curie')).toBe('<generated-name> /<generated-name>');
    expect(normalizeGeneratedNames('com.example.some_label x-y_z --no_trunc FOO_BAR')).toBe('com.example.some_label x-y_z --no_trunc FOO_BAR');
  });
});

describe('tables', () => {
  const table = 'CONTAINER ID   IMAGE     NAMES\nabc            busybox   x\nlongercontainer   busybox   y\n';
  it('cuts at header offsets, records gaps and flags misaligned rows', () => {
    const t = parseTable(table)!;
    expect(t.header).toEqual(['CONTAINER ID', 'IMAGE', 'NAMES']);
    expect(t.rows[0]).toEqual(['abc', 'busybox', 'x']);
    expect(t.misaligned).toEqual([2]);
    expect(t.gaps).toEqual([3, 3]);
  });
  it('is not fooled by variable-width values but keeps a narrower padding visible', () => {
    const ctx = () => newNormalizeContext(new Placeholders(env, 'r'));
    const spec = { mode: 'table' as const, keep: [], unordered: [] };
    const a = normalizeOutput('NAMES   STATUS\nx       Up 2 seconds\n', spec, ctx());
    const b = normalizeOutput('NAMES   STATUS\nx       Up Less than a second\n', spec, ctx());
    expect(a.text).toBe(b.text);
    const narrow = normalizeOutput('NAMES  STATUS\nx      Up 2 seconds\n', spec, ctx());
    expect(narrow.text).not.toBe(a.text);
  });
});

describe('pipeline', () => {
  it('tokenizes placeholders before normalizers, so names and the image id survive', () => {
    const p = new Placeholders(env, 'abc123');
    p.substitute('${name:web}');
    const out = normalizeString(`skc-abc123-web ${'7c'.repeat(6)} ${hex('d')}`, newNormalizeContext(p), []);
    expect(out).toBe('${name:web} ${image_short_id} <id-1>');
  });
  it('does not erase a localhost/ prefix, an extra line or a missing key', () => {
    const ctx = () => newNormalizeContext(new Placeholders(env, 'r'));
    const text = { mode: 'text' as const, keep: [], unordered: [] };
    expect(normalizeOutput('localhost/busybox\n', text, ctx()).text).not.toBe(normalizeOutput('busybox\n', text, ctx()).text);
    expect(normalizeOutput('a\nb\n', text, ctx()).text).not.toBe(normalizeOutput('a\n', text, ctx()).text);
    const json = { mode: 'json' as const, keep: [], unordered: [] };
    expect(normalizeOutput('{"a":1,"b":2}', json, ctx()).text).not.toBe(normalizeOutput('{"a":1}', json, ctx()).text);
  });
  it('can switch a normalizer off for a deterministic value', () => {
    const ctx = newNormalizeContext(new Placeholders(env, 'r'));
    expect(normalizeString('1.98MB', ctx, ['sizes'])).toBe('1.98MB');
  });
  it('sorts JSON object keys, since their order carries no meaning', () => {
    const ctx = () => newNormalizeContext(new Placeholders(env, 'r'));
    const spec = { mode: 'json' as const, keep: [], unordered: [] };
    expect(normalizeOutput('{"StatusCode":3,"Error":null}', spec, ctx()).text).toBe(normalizeOutput('{"Error":null,"StatusCode":3}', spec, ctx()).text);
  });
  it('normalizes JSON keys and values, ports by key, and reports non-JSON', () => {
    const ctx = newNormalizeContext(new Placeholders(env, 'r'));
    const out = normalizeOutput('{"Created": 1732806000, "Ports": [{"PublicPort": 49153, "PrivatePort": 80}], "Id": "' + hex('f') + '"}', { mode: 'json', keep: [], unordered: [] }, ctx);
    expect(out.json).toEqual({ Created: '<unix-time>', Ports: [{ PublicPort: '<port>', PrivatePort: 80 }], Id: '<id-1>' });
    expect(normalizeOutput('oops', { mode: 'json', keep: [], unordered: [] }, ctx).text).toMatch(/^<not JSON>/);
  });
});

describe('json helpers', () => {
  it('selects paths, marking missing ones', () => {
    expect(selectPaths({ State: { Status: 'running' }, Config: { Labels: { 'a.b': 'c' } } }, ['State.Status', 'Config.Labels["a.b"]', 'Nope'])).toEqual({ 'State.Status': 'running', 'Config.Labels["a.b"]': 'c', Nope: '<missing>' });
  });
  it('sorts unordered arrays, also inside arrays of objects', () => {
    expect(sortJsonArrays([{ Names: ['b', 'a'] }], ['$[].Names'])).toEqual([{ Names: ['a', 'b'] }]);
    expect(sortJsonArrays(['b', 'a'], ['$'])).toEqual(['a', 'b']);
  });
  it('reduces values to a shape that still shows every key', () => {
    expect(jsonShape({ b: 1, a: ['x', 'y'], c: null, d: [{ k: 1 }, { k: 2 }] })).toEqual({ a: '<array>', b: '<number>', c: '<null>', d: [{ k: '<number>' }] });
  });
});
