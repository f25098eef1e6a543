import { describe, expect, it } from 'vitest';
import { FormatError, renderList } from '../format/index.js';
import { containerRow, containerRowProbe, PS_HEADERS } from './container-row.js';
import type { ContainerSummary } from './container-summary.js';

const summary: ContainerSummary = {
  Id: 'f'.repeat(64), Names: ['/web'], Image: 'docker.io/library/busybox:latest', ImageID: `sha256:${'e'.repeat(64)}`,
  Command: "echo <a&b> é tab\there", Created: 1_700_000_000, Ports: [], Labels: { x: '<a&b>', b: '2' }, State: 'created', Status: 'Created',
  SizeRw: 0, SizeRootFs: 1984666, HostConfig: { NetworkMode: 'default' }, NetworkSettings: { Networks: { bridge: {} } }, Mounts: [],
};
const row = containerRow(summary, { trunc: true, now: 1_700_000_000_500 });

describe('ps row (formatter.ContainerContext)', () => {
  it('marshals {{json .}} as docker: sorted keys, HTML escaped, Platform null', () => {
    const out = renderList('{{json .}}', [row], PS_HEADERS);
    expect(out).toBe('{"Command":"\\"echo \\u003ca\\u0026b\\u003e é tab\\\\the…\\"","CreatedAt":"' + row.CreatedAt + '","ID":"ffffffffffff",'
      + '"Image":"busybox:latest","Labels":"b=2,x=\\u003ca\\u0026b\\u003e","LocalVolumes":"0","Mounts":"","Names":"web","Networks":"bridge",'
      + '"Platform":null,"Ports":"","RunningFor":"Less than a second ago","Size":"0B (virtual 1.98MB)","State":"created","Status":"Created"}\n');
  });

  it('is a struct: unknown fields fail with the Go type name; Label is a method', () => {
    expect(() => renderList('{{.Nope}}', [row], PS_HEADERS)).toThrow(FormatError);
    expect(() => renderList('{{.Nope}}', [row], PS_HEADERS)).toThrow("can't evaluate field Nope in type *formatter.ContainerContext");
    expect(renderList('{{.Label "x"}} {{.Platform}}', [row], PS_HEADERS)).toBe('<a&b> <nil>\n');
  });

  it('keeps short ids and drops the domain of image names', () => {
    const byId = containerRow({ ...summary, Image: summary.ImageID }, { trunc: true, now: 0 });
    expect(byId.Image).toBe('eeeeeeeeeeee');
    expect(containerRow({ ...summary, Image: 'reg.io:5000/a/b:1' }, { trunc: true, now: 0 }).Image).toBe('reg.io:5000/a/b:1');
    expect(containerRow({ ...summary, Names: ['/a/b', '/c', '/d'] }, { trunc: true, now: 0 }).Names).toBe('c');
  });

  it('the probe records which fields a template reads', () => {
    const p = containerRowProbe(0);
    renderList('{{.ID}} {{json .}}', [p.row], PS_HEADERS);
    expect(p.used.has('Size')).toBe(true);
    const q = containerRowProbe(0);
    renderList('{{.ID}}', [q.row], PS_HEADERS);
    expect(q.used.has('Size')).toBe(false);
  });
});
