import { describe, expect, it } from 'vitest';
import { goTimeString, renderOne } from '../format/index.js';
import type { ImageRecord } from '../model/image.js';
import { historyRow, rfc3339Local } from './image-history.js';
import { goTime, imageInspect, imageInspectJson } from './image-inspect.js';
import { imageRows, imageSummary } from './image-summary.js';

const ID = `sha256:${'7cec26eab73b'.padEnd(64, 'a')}`;
const img: ImageRecord = {
  Id: ID, RepoTags: [], RepoDigests: [], Layers: ['sha256:l'], Size: 1984666, Parent: '', LoadedAt: '',
  Config: { architecture: 'amd64', os: 'linux', created: '2024-01-01T00:00:00Z', config: { Env: ['PATH=/bin'], Cmd: ['sh'] }, rootfs: { type: 'layers', diff_ids: ['sha256:d'] } },
};
const now = Date.parse('2026-01-01T00:00:00Z');

describe('image summary and rows', () => {
  it('matches GET /images/json for a tagged image', () => {
    expect(JSON.stringify(imageSummary(img, ['busybox:latest', 'x:1'], []))).toBe(
      `{"Containers":-1,"Created":1704067200,"Id":"${ID}","Labels":null,"ParentId":"","RepoDigests":null,"RepoTags":["busybox:latest","x:1"],"SharedSize":-1,"Size":1984666,"VirtualSize":1984666}`);
  });

  it('marks untagged images <none>', () => {
    const s = imageSummary(img, [], []);
    expect([s.RepoTags, s.RepoDigests]).toEqual([['<none>:<none>'], ['<none>@<none>']]);
    expect(imageRows(s, { trunc: true, digests: false, needDigest: false, now }).map((r) => [r.Repository, r.Tag])).toEqual([['<none>', '<none>']]);
  });

  it('gives one row per repository:tag with Docker\'s row fields', () => {
    const rows = imageRows(imageSummary(img, ['busybox:latest', 'busybox:1', 'localhost:5000/a/b:c'], []), { trunc: true, digests: false, needDigest: false, now });
    expect(rows.map((r) => `${r.Repository}:${r.Tag}`)).toEqual(['busybox:latest', 'busybox:1', 'localhost:5000/a/b:c']);
    expect(JSON.parse(JSON.stringify(rows[0]))).toEqual({
      Containers: 'N/A', CreatedAt: goTimeString(1704067200000), CreatedSince: '2 years ago', Digest: '<none>', ID: '7cec26eab73b',
      Repository: 'busybox', SharedSize: 'N/A', Size: '1.98MB', Tag: 'latest', UniqueSize: 'N/A', VirtualSize: '1.985MB',
    });
  });

  it('shows digests per tag with --digests and digest-only repos', () => {
    const d = `sha256:${'b'.repeat(64)}`;
    const rows = imageRows(imageSummary(img, ['a:1'], [`a@${d}`, `c@${d}`]), { trunc: true, digests: true, needDigest: true, now });
    expect(rows.map((r) => [r.Repository, r.Tag, r.Digest])).toEqual([['a', '1', d], ['c', '<none>', d]]);
  });
});

describe('image inspect', () => {
  it('fills Docker\'s shape from the config', () => {
    const out = imageInspectJson(img, { repoTags: ['busybox:latest'], repoDigests: [], graphDriver: { Data: null, Name: 'vfs' } });
    expect(Object.keys(out)).toEqual(['Id', 'RepoTags', 'RepoDigests', 'Parent', 'Comment', 'Created', 'Container', 'ContainerConfig', 'DockerVersion', 'Author', 'Config', 'Architecture', 'Os', 'Size', 'VirtualSize', 'GraphDriver', 'RootFS', 'Metadata']);
    expect(out.Config).toMatchObject({ Env: ['PATH=/bin'], Cmd: ['sh'], Labels: null, Image: '' });
    expect(out.ContainerConfig).toMatchObject({ Env: null, Cmd: null });
    expect(out.Metadata.LastTagTime).toBe('0001-01-01T00:00:00Z');
  });

  // docker parity: recorded with docker CLI 28.2 against Docker 20.10 (`docker image inspect -f … busybox`).
  const typed = imageInspect({ ...img, LoadedAt: '2026-11-28T16:32:32.408121517Z' }, { repoTags: ['busybox:latest'], repoDigests: [], graphDriver: { Data: null, Name: 'overlay' } });
  it.each([
    ['{{.ID}}', ID], ['{{.Id}}', ID], // .Id through the raw fallback
    ['{{.Config}}', '{{ map[] [PATH=/bin] [] [sh] map[]  map[]  false} {<nil> [] []}}'],
    ['{{.ContainerConfig}}', '{   false false false map[] false false false [] [] <nil> false  map[]  [] false  [] map[]  <nil> []}'],
    ['{{json .Config}} {{.RootFS}} {{.Descriptor}} {{.Variant}}|', '{"Env":["PATH=/bin"],"Cmd":["sh"]} {layers [sha256:d]} <nil> |'],
    ['{{.Metadata}} {{json .Metadata}}', '{2026-11-28 16:32:32.408121517 +0000 UTC} {"LastTagTime":"2026-11-28T16:32:32.408121517Z"}'],
  ])('templates see docker/cli\'s Go struct: %s', (format, want) => expect(renderOne(format, typed)).toBe(`${want}\n`));

  it('fails unknown fields as docker does, after the raw fallback', () => {
    expect(() => renderOne('{{.Nope}}', typed)).toThrow('template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"');
    expect(() => renderOne('{{.Config.Nope}}', typed)).toThrow('template parsing error: template: :1:9: executing "" at <.Config.Nope>: map has no entry for key "Nope"');
  });

  it('marshals the Go struct for {{json .}} and the API document for JSON.stringify', () => {
    expect(Object.keys(JSON.parse(renderOne('{{json .}}', typed)) as object)).not.toContain('Container');
    expect(Object.keys(JSON.parse(JSON.stringify(typed)) as object)).toContain('Container');
  });

  it.each([
    ['2024-01-01T00:00:00.000000000Z', '2024-01-01T00:00:00Z'], ['2024-01-01T00:00:00.120Z', '2024-01-01T00:00:00.12Z'], [undefined, '0001-01-01T00:00:00Z'],
  ])('re-marshals %s as Go does', (t, want) => expect(goTime(t)).toBe(want));
});

describe('history rows', () => {
  const item = { Comment: '', Created: 1704067200, CreatedBy: '/bin/sh -c #(nop) ADD file:ad5cd5992b873702cddb628135faaac7d60795fdd277e92763ec5134cd1c635e in / ', Id: '<missing>', Size: 1984666, Tags: null };
  it('truncates like docker history', () => {
    expect(JSON.parse(JSON.stringify(historyRow(item, { trunc: true, human: true, now })))).toEqual({
      Comment: '', CreatedAt: rfc3339Local(1704067200), CreatedBy: '/bin/sh -c #(nop) ADD file:ad5cd5992b873702c…', CreatedSince: '2 years ago', ID: '<missing>', Size: '1.98MB',
    });
  });
  it('prints raw values with -H=false and N/A before 2000', () => {
    expect(historyRow({ ...item, Created: 0 }, { trunc: true, human: true, now }).CreatedSince).toBe('N/A');
    expect(historyRow(item, { trunc: false, human: false, now }).Size).toBe('1984666');
  });
});
