// Table and --format output pinned against docker 28.2.2 (`docker ps -a`, `docker images`,
// `docker inspect -f`), recorded by hand.
import { describe, expect, it } from 'vitest';
import { FormatError, parseFormat, renderList, renderOne } from './docker-format.js';
import { goStruct } from './template/values.js';

const PS_TABLE = 'table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}';
const PS_HEADERS = {
  ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED',
  Ports: 'PORTS', State: 'STATE', Status: 'STATUS', Size: 'SIZE', Names: 'NAMES', Labels: 'LABELS',
};
const label = (labels: Record<string, string>) => (k: string) => labels[k] ?? '';
const ps = [
  { ID: 'acd081f26a0f', Image: 'busybox', Command: '"true"', RunningFor: 'Less than a second ago', Status: 'Created', Ports: '', Names: 'fmt-probe-2', Labels: '', Label: label({}) },
  {
    ID: 'e45cbc07039b', Image: 'busybox', Command: '"sh -c \'echo hello w…"', RunningFor: 'Less than a second ago', Status: 'Created',
    Ports: '', Names: 'fmt-probe-1', Labels: 'a=b,com.x.proj=p1', Label: label({ a: 'b', 'com.x.proj': 'p1' }),
  },
];
const lines = (...l: string[]) => l.map((x) => x + '\n').join('');

describe('parseFormat', () => {
  it.each<[string | undefined, string, string]>([
    [undefined, 'table', '{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}'],
    ['', 'table', '{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}'],
    ['table', 'table', '{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}'],
    ['json', 'json', '{{json .}}'],
    ['  {{.ID}}\\n ', 'raw', '{{.ID}}\n'],
    ['table   {{.Names}} {{.ID}}  ', 'table', '{{.Names}} {{.ID}}'],
    ['tablex{{.ID}}', 'table', 'x{{.ID}}'],
    ['\t{{.ID}}', 'raw', '\t{{.ID}}'],
  ])('%j', (format, kind, template) => expect(parseFormat(format, PS_TABLE)).toEqual({ kind, template }));
});

describe('renderList', () => {
  it('renders the default ps table', () => {
    expect(renderList(parseFormat(undefined, PS_TABLE), ps, PS_HEADERS)).toBe(lines(
      'CONTAINER ID   IMAGE     COMMAND                  CREATED                  STATUS    PORTS     NAMES',
      'acd081f26a0f   busybox   "true"                   Less than a second ago   Created             fmt-probe-2',
      'e45cbc07039b   busybox   "sh -c \'echo hello w…"   Less than a second ago   Created             fmt-probe-1',
    ));
  });

  it('prints only the header when there are no rows', () => {
    expect(renderList(PS_TABLE, [], PS_HEADERS)).toBe(lines('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES'));
    expect(renderList('table {{.ID}}\\t{{.Ports}}\\t{{.Names}}', [], PS_HEADERS)).toBe(lines('CONTAINER ID   PORTS     NAMES'));
  });

  it.each<[string, string]>([
    ['table {{.Label "com.x.proj"}}\\t{{.Names}}\\t{{.Labels}}', lines('proj      NAMES         LABELS', '          fmt-probe-2   ', 'p1        fmt-probe-1   a=b,com.x.proj=p1')],
    ['table {{json .Names}}\\t{{json .Ports}}', lines('NAMES           PORTS', '"fmt-probe-2"   ""', '"fmt-probe-1"   ""')],
    ['table {{.Names}}\\t{{.Labels}}end', lines('NAMES         LABELSend', 'fmt-probe-2   end', 'fmt-probe-1   a=b,com.x.proj=p1end')],
    ['table {{.Names}}\\t\\t{{.Labels}}\\t', lines('NAMES                   LABELS              ', 'fmt-probe-2                                 ', 'fmt-probe-1             a=b,com.x.proj=p1   ')],
    ['{{.Names}}\\t{{.Labels}}', lines('fmt-probe-2\t', 'fmt-probe-1\ta=b,com.x.proj=p1')],
    ['table   {{.Names}} {{.ID}}  ', lines('NAMES CONTAINER ID', 'fmt-probe-2 acd081f26a0f', 'fmt-probe-1 e45cbc07039b')],
    ['table {{.ID}}\\t{{.Image}}\\n\\t{{.Names}}', lines('CONTAINER ID   IMAGE', '               NAMES', 'acd081f26a0f   busybox', '               fmt-probe-2', 'e45cbc07039b   busybox', '               fmt-probe-1')],
    ['tablex{{.ID}}', lines('xCONTAINER ID', 'xacd081f26a0f', 'xe45cbc07039b')],
    ['table {{json .ID}}\\t{{upper .Image}}|{{pad .Image 2 3}}|{{truncate .Image 3}}|{{split .Image "b"}}',
      lines('CONTAINER ID     IMAGE|  IMAGE   |IMAGE|IMAGE', '"acd081f26a0f"   BUSYBOX|  busybox   |bus|[ usy ox]', '"e45cbc07039b"   BUSYBOX|  busybox   |bus|[ usy ox]')],
  ])('%s', (format, want) => expect(renderList(format, ps, PS_HEADERS)).toBe(want));

  it('gives the header a Label method (last dotted part, - and _ as spaces)', () => {
    const rows = [{ Label: (k: string) => (k === 'com.docker.compose.project-name' ? 'web' : '') }];
    expect(renderList('table {{.Label "com.docker.compose.project-name"}}\t', rows, {})).toBe('project name   \nweb            \n');
  });

  it('leaves the header empty when a header function fails, as docker does', () => {
    const out = renderList('table {{json .}}', [{ A: 1 }], { A: 'A' });
    expect(out).toBe('\n{"A":1}\n');
  });

  it('renders `json` and raw formats one object per line', () => {
    expect(renderList('json', [{ b: 1, a: 'x' }, { b: 2, a: 'y' }], {})).toBe('{"b":1,"a":"x"}\n{"b":2,"a":"y"}\n');
    expect(renderList('{{.a}}', [{ a: 'x' }], {})).toBe('x\n');
  });

  it('aligns wide and combining characters by display width', () => {
    const images = [{ Repository: 'skiffref-commit', Tag: '1', X: 'x' }, { Repository: 'busybox', Tag: 'latest', X: '日本語テキスト' }];
    const h = { Repository: 'REPOSITORY', Tag: 'TAG' };
    expect(renderList('table {{.Repository}}\\t{{if eq .Repository "busybox"}}{{.X}}{{else}}x{{end}}\\t{{.Tag}}', images, h)).toBe(lines(
      'REPOSITORY        x                TAG', 'skiffref-commit   x                1', 'busybox           日本語テキスト   latest',
    ));
    expect(renderList('table {{.Repository}}\\t{{"e\\u0301"}}\\t{{.Tag}}', images.slice(0, 1), h)).toBe(lines(
      'REPOSITORY        e\u0301         TAG', 'skiffref-commit   e\u0301         1',
    ));
  });

  it('ends a column block at a line without tabs', () => {
    const rows = [{ Repository: 'skiffref-commit', Tag: '1' }, { Repository: 'busybox', Tag: 'latest' }];
    const format = 'table {{.Repository}}{{if eq .Repository "busybox"}}\\nno-tab-line{{end}}\\t{{.Tag}}';
    expect(renderList(format, rows, { Repository: 'REPOSITORY', Tag: 'TAG' })).toBe(lines(
      'REPOSITORY        TAG', 'skiffref-commit   1', 'busybox', 'no-tab-line   latest',
    ));
    expect(renderList('table {{pad .Repository 1 2}}\\t{{.Tag}}', rows, { Repository: 'REPOSITORY', Tag: 'TAG' })).toBe(lines(
      ' REPOSITORY          TAG', ' skiffref-commit     1', ' busybox             latest',
    ));
  });

  it('reports template errors with docker\'s prefix', () => {
    const row = goStruct({ ID: 'x' }, '*formatter.ContainerContext');
    expect(() => renderList('{{.}', [row], {})).toThrow("template parsing error: template: :1: bad character U+007D '}'");
    expect(() => renderList('table {{.ID}}\\t{{.Foo}}', [row], {})).toThrow(
      'template parsing error: template: :1:10: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext',
    );
    expect(() => renderList('{{.}', [], {})).toThrow(FormatError);
  });
});

describe('renderOne (inspect -f)', () => {
  const image = { Id: 'sha256:7cec', Os: 'linux', Size: 1984666, Config: { Labels: {}, Cmd: ['sh'], Entrypoint: null } };

  it.each<[string, string]>([
    ['{{.Id}}', 'sha256:7cec\n'],
    ['{{.Id}}\\n', 'sha256:7cec\\n\n'], // no escape processing for inspect
    [' {{.Os}} ', ' linux \n'], // nor trimming
    ['{{.Size}}', '1984666\n'],
    ['{{.Config.Labels.foo}}', '<no value>\n'],
    ['{{.Config.Labels}}', 'map[]\n'],
    ['{{printf "%v %s %d" .Size .Os .Os}}', '1984666 linux %!d(string=linux)\n'],
  ])('%s', (format, want) => expect(renderOne(format, image)).toBe(want));

  it('reruns failing templates on the plain JSON with missingkey=error', () => {
    const typed = goStruct({ Id: 'x', Config: goStruct({ Labels: {}, Cmd: ['sh'], Entrypoint: null }, 'container.Config') }, 'types.ImageInspect');
    expect(renderOne('{{.Config.Labels.foo}}', typed)).toBe('<no value>\n');
    expect(renderOne('{{.Config.Entrypoint}}', typed)).toBe('<nil>\n');
    expect(() => renderOne('{{.Foo}}', typed)).toThrow('template parsing error: template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"');
    expect(() => renderOne('{{.Config.Foo.Bar}}', typed)).toThrow('template parsing error: template: :1:9: executing "" at <.Config.Foo.Bar>: map has no entry for key "Foo"');
    expect(() => renderOne('{{index .Config.Cmd 5}}', image)).toThrow('template parsing error: template: :1:2: executing "" at <index .Config.Cmd 5>: error calling index: index out of range: 5');
  });
});
