// Behaviour pinned against Go text/template as run by docker 28.2.2 (`docker inspect --format`
// on busybox, `docker version --format`), recorded by hand; no docker needed here.
import { describe, expect, it } from 'vitest';
import { DOCKER_FUNCS } from './docker-funcs.js';
import { TemplateError } from './errors.js';
import { parse, Template } from './template.js';
import { goFloat, goStruct } from './values.js';

// The shape docker's raw inspect fallback sees: JSON decoded into maps.
const image = {
  Id: 'sha256:7cec',
  RepoDigests: [],
  Os: 'linux',
  Architecture: 'amd64',
  Size: 1984666,
  Config: { Env: ['PATH=/bin'], Cmd: ['sh'], Entrypoint: null, Labels: null },
  GraphDriver: { Data: { UpperDir: '/u', MergedDir: '/m', WorkDir: '/w' }, Name: 'overlay2' },
};

// The shape of `docker version`'s typed data: structs.
const version = goStruct({
  Client: goStruct({ Os: 'linux', Arch: 'amd64' }, 'system.clientVersion'),
  Server: goStruct({ Components: [goStruct({ Name: 'Engine', Details: { ApiVersion: '1.41' } }, 'types.ComponentVersion')] }, '*types.Version'),
}, 'system.versionInfo');

const run = (text: string, data: unknown = image, name = '') => parse(text, DOCKER_FUNCS, name).execute(data);
const fail = (text: string, data: unknown = image, name = '') => {
  try {
    run(text, data, name);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${text}`);
};

describe('printing values', () => {
  it.each([
    ['{{.Os}}', 'linux'],
    ['{{.Size}}', '1984666'],
    ['{{.Config.Cmd}}', '[sh]'],
    ['{{.RepoDigests}}', '[]'],
    ['{{.GraphDriver}}', 'map[Data:map[MergedDir:/m UpperDir:/u WorkDir:/w] Name:overlay2]'],
    ['{{.Config.Entrypoint}}', '<no value>'], // nil interface{} in a map prints "no value"
    ['{{print .Config.Entrypoint}}', '<nil>'], // but is <nil> as a function argument
    ['{{.Missing}}', '<no value>'],
    ['{{.Missing.Deeper}}', '<no value>'],
    ['{{1e6}} {{1.0}} {{1.5}} {{0x10}} {{-3}} {{1e21}} {{1234567.0}} {{123456.0}} {{0.0001}} {{0.00001}} {{\'a\'}}',
      '1e+06 1 1.5 16 -3 1e+21 1.234567e+06 123456 0.0001 1e-05 97'],
    ['{{0x1F}} {{0o17}} {{017}} {{0b101}} {{1_000}} {{1.5e3}} {{0x1p4}}', '31 15 15 5 1000 1500 16'],
    ['{{"\\u00e9\\x41\\101\\n"}}', 'éAA\n'],
    ['{{`raw\\n`}}', 'raw\\n'],
    ['{{true}} {{false}}', 'true false'],
  ])('%s', (text, want) => expect(run(text)).toBe(want));

  it('prints structs in field order, with nil pointer fields as <nil>', () => {
    const s = goStruct({ Type: 'layers', Layers: ['a', 'b'], Health: null }, 'types.RootFS');
    expect(run('{{.}}', s)).toBe('{layers [a b] <nil>}');
    expect(run('{{.Health}}', s)).toBe('<nil>');
    expect(run('{{printf "%+v" .}}', s)).toBe('{Type:layers Layers:[a b] Health:<nil>}');
  });

  it('prints Go floats and dates the Go way', () => {
    expect(run('{{.}}', goFloat(1e6))).toBe('1e+06');
    expect(run('{{.}}', 2.5)).toBe('2.5');
    expect(run('{{.}}', new Date(Date.UTC(2026, 10, 28, 13, 10, 27)))).toMatch(/^2026-11-28 \d\d:\d0:27 [+-]\d{4} \S+$/);
  });
});

describe('actions', () => {
  it.each([
    ['a  {{- " b " -}}  c {{- /* x */ -}} d', 'a b cd'],
    ['x{{/* c */}}y{{- /* c */ -}} z', 'xyz'],
    ['{{-3}}|{{- 3}}|{{3 -}} |{{ 3 }}', '-3|3|3|3'],
    ['{{if eq .Os "x"}}1{{else if eq .Os "linux"}}2{{else}}3{{end}}', '2'],
    ['{{with .Missing}}{{.}}{{else with .Os}}[{{.}}]{{end}}', '[linux]'],
    ['{{with $x := .Os}}{{$x}}{{end}}', 'linux'],
    ['{{range .Config.Env}}[{{.}}]{{else}}none{{end}}|{{range .RepoDigests}}x{{else}}none{{end}}', '[PATH=/bin]|none'],
    ['{{range $k, $v := .GraphDriver.Data}}{{$k}}={{$v}};{{end}}', 'MergedDir=/m;UpperDir=/u;WorkDir=/w;'],
    ['{{range $i, $e := .Config.Cmd}}{{$i}}:{{$e}}:{{$.Os}}{{end}}', '0:sh:linux'],
    ['{{range $x := 3}}{{$x}}{{end}}', '012'],
    ['{{range $i, $e := .Config.Env}}{{if eq $i 0}}{{continue}}{{end}}{{$e}}{{break}}{{end}}end', 'end'],
    ['{{range .Config.Cmd}}a{{break}}b{{end}}', 'a'],
    ['{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}', '2'],
    ['{{define "T"}}<{{.}}>{{end}}{{template "T" .Os}}{{block "B" .Architecture}}[{{.}}]{{end}}', '<linux>[amd64]'],
    ['{{define "T"}}{{.}}{{end}}{{template "T"}}', '<no value>'],
    ['{{(.Config).Cmd}}|{{(index .Config.Cmd 0)}}', '[sh]|sh'],
    ['{{.Os | printf "%s-%s" "a"}}|{{"x" | printf "%s"}}|{{.Os | len | printf "%d"}}', 'a-linux|x|5'],
    ['{{.Os |}}', 'linux'],
  ])('%s', (text, want) => expect(run(text)).toBe(want));

  it('keeps output written before an execution error', () => {
    try {
      run('abc{{.Client.Nope}}', version);
    } catch (e) {
      expect((e as TemplateError).partial).toBe('abc');
    }
  });

  it('calls methods on objects, with arguments', () => {
    const row = goStruct({ ID: 'abc', Label: (k: string) => (k === 'x' ? 'y' : '') }, '*formatter.ContainerContext');
    expect(run('{{.ID}} {{.Label "x"}}|{{"x" | .Label}}', row)).toBe('abc y|y');
    const cls = new (class Row { Name() { return 'n'; } })();
    expect(run('{{.Name}}', cls)).toBe('n');
    expect(run('{{call .F 2 3}}', { F: (a: number, b: number) => a * b })).toBe('6');
  });

  it('stops runaway recursion with an error', () => {
    expect(() => run('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}')).toThrow('exceeded maximum template depth');
  });

  it('does not resolve names from Object.prototype', () => {
    expect(fail('{{toString}}')).toBe('template: :1: function "toString" not defined');
    expect(run('{{.constructor}}', {})).toBe('<no value>');
  });

  it('supports missingkey=error and several parses into one set', () => {
    expect(() => new Template('').option('missingkey=error').parse('{{.X}}').execute({})).toThrow('map has no entry for key "X"');
    const t = new Template('').parse('{{define "a"}}1{{end}}{{template "a"}}').parse('{{define "a"}}2{{end}}');
    expect(t.execute(null)).toBe('2');
  });
});

describe('builtins', () => {
  it.each([
    ['{{and 1 0 2}}|{{or 0 "" "x"}}|{{and 1 2}}|{{or 0 ""}}|{{not 0}}|{{not "a"}}', '0|x|2||true|false'],
    ['{{not .Config.Entrypoint}}|{{and .Config.Entrypoint 1}}|{{or .Config.Entrypoint 1}}|{{eq .Config.Entrypoint nil}}', 'true|<no value>|1|true'],
    ['{{eq 1 1}}|{{eq "a" "b" "a"}}|{{ne 1 2}}|{{lt 1 2}}|{{le "a" "b"}}|{{gt 2 1}}|{{ge 1 1}}', 'true|true|true|true|true|true|true'],
    ['{{index .GraphDriver "x"}}|{{index .GraphDriver.Data "x"}}|{{slice "hello" 1 3}}|{{slice .Config.Cmd 0 1}}|{{len .GraphDriver.Data}}', '<no value>|<no value>|el|[sh]|3'],
    ['{{index "abc" 1}}|{{slice "héllo" 1 3}}|{{len "héllo"}}', '98|é|6'],
    ['{{print 1 2 "a" "b" 3 nil true}}|{{println 1 "a"}}|', '1 2ab3 <nil> true|1 a\n|'],
    ['{{html "<a href=\\"x\\">&\'</a>"}}|{{js "a\'b\\"c<d>&=\\\\ é\\n"}}|{{urlquery "a b&c=d/é~"}}|{{html 1 2}}',
      '&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt;|a\\\'b\\"c\\u003Cd\\u003E\\u0026\\u003D\\\\ é\\u000A|a+b%26c%3Dd%2F%C3%A9~|1 2'],
    ['{{printf "%v|%s|%d|%q" .Config.Cmd .Config.Cmd .Config.Cmd .Config.Cmd}}', '[sh]|[sh]|[%!d(string=sh)]|["sh"]'],
    ['{{printf "%T %T %T %T" 1 1.5 "s" true}}', 'int float64 string bool'],
  ])('%s', (text, want) => expect(run(text)).toBe(want));

  it('applies docker functions', () => {
    expect(run('{{title "hello wOrld-foo bar_baz"}}|{{lower "ABC"}}|{{upper "abc"}}|{{split "a,b,c" ","}}|{{join .Config.Cmd ","}}|{{pad "x" 2 1}}|{{pad "" 2 1}}|{{truncate "abcdef" 3}}|{{truncate "ab" 3}}'))
      .toBe('Hello WOrld-Foo Bar_baz|abc|ABC|[a b c]|sh|  x ||abc|ab');
    expect(run('{{json .GraphDriver.Name}}|{{json "<&>"}}|{{json 1.5}}|{{json nil}}|{{json .Missing}}')).toBe('"overlay2"|"<&>"|1.5|null|null');
    expect(run('{{json .}}', { b: 1, a: [true, null], c: { '<': '\u2028' } })).toBe('{"b":1,"a":[true,null],"c":{"<":"\\u2028"}}');
  });
});

describe('parse errors', () => {
  it.each([
    ['{{.}', "template: :1: bad character U+007D '}'"],
    ['{{}}', 'template: :1: missing value for command'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{else}}', 'template: :1: unexpected {{else}}'],
    ['{{if .X}}', 'template: :1: unexpected EOF'],
    ['{{range}}{{end}}', 'template: :1: missing value for range'],
    ['{{if}}{{end}}', 'template: :1: missing value for if'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{with $x := 1}}{{$x}}{{end}}{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{foo}}', 'template: :1: function "foo" not defined'],
    ['{{"abc}}', 'template: :1: unterminated quoted string'],
    ['{{`abc}}', 'template: :1: unterminated raw quoted string'],
    ['{{(.X}}', 'template: :1: unclosed left paren'],
    ['{{.X)}}', 'template: :1: unexpected right paren'],
    ['{{.X | "a"}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{3 | 4}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{/* x */ .X}}', 'template: :1: comment ends before closing delimiter'],
    ['{{/* x }}', 'template: :1: unclosed comment'],
    ['{{1a}}', 'template: :1: bad number syntax: "1a"'],
    ['{{template}}', 'template: :1: unexpected "}}" in template clause'],
    ['{{range $a, $b, $c := .}}{{end}}', 'template: :1: too many declarations in range'],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{range .}}{{break 1}}{{end}}', 'template: :1: unexpected "1" in {{break}}'],
    ['{{"a".X}}', 'template: :1: unexpected . after term "\\"a\\""'],
    ["{{'ab'}}", "template: :1: malformed character constant: 'ab'"],
    ['{{"\\q"}}', 'template: :1: invalid syntax'],
    ['{{define "T"}}x{{end}}{{define "T"}}y{{end}}', 'template: :1: template: multiple definition of template "T"'],
    ['a\n\n{{.X', 'template: :3: unclosed action'],
  ])('%s', (text, want) => expect(fail(text)).toBe(want));
});

describe('execution errors', () => {
  it.each([
    ['{{.Client.Version.Foo}}', 'template: version:1:9: executing "version" at <.Client.Version.Foo>: can\'t evaluate field Version in type system.clientVersion'],
    ['abc\n{{.Client.Nope}}', 'template: version:2:9: executing "version" at <.Client.Nope>: can\'t evaluate field Nope in type system.clientVersion'],
    ['{{.X 3}}', 'template: version:1:2: executing "version" at <.X>: can\'t evaluate field X in type system.versionInfo'],
    ['{{template "x"}}', 'template: version:1:11: executing "version" at <{{template "x"}}>: template "x" not defined'],
    ['{{define "T"}}{{.Nope}}{{end}}{{template "T" .Client}}', 'template: version:1:16: executing "T" at <.Nope>: can\'t evaluate field Nope in type system.clientVersion'],
    ['{{$x := .Client}}{{$x.Os}}{{$x.Nope}}', 'template: version:1:30: executing "version" at <$x.Nope>: can\'t evaluate field Nope in type system.clientVersion'],
    ['{{nil}}', 'template: version:1:2: executing "version" at <nil>: nil is not a command'],
    ['{{.Client.Os.Len}}', 'template: version:1:9: executing "version" at <.Client.Os.Len>: can\'t evaluate field Len in type string'],
    ['{{range .Client.Os}}{{end}}', 'template: version:1:15: executing "version" at <.Client.Os>: range can\'t iterate over linux'],
    ['{{index .Client.Os "a"}}', 'template: version:1:2: executing "version" at <index .Client.Os "a">: error calling index: cannot index slice/array with type string'],
    ['{{slice .Client.Os 3 1}}', 'template: version:1:2: executing "version" at <slice .Client.Os 3 1>: error calling slice: invalid slice index: 3 > 1'],
    ['{{len}}', 'template: version:1:2: executing "version" at <len>: wrong number of args for len: want 1 got 0'],
    ['{{printf}}', 'template: version:1:2: executing "version" at <printf>: wrong number of args for printf: want at least 1 got 0'],
    ['{{with index .Server.Components 0}}{{upper .Details.Nope}}{{end}}', 'template: version:1:51: executing "version" at <.Details.Nope>: invalid value; expected string'],
    ['{{with index .Server.Components 0}}{{len .Details.Nope}}{{end}}', 'template: version:1:37: executing "version" at <len .Details.Nope>: error calling len: reflect: call of reflect.Value.Type on zero Value'],
  ])('%s', (text, want) => expect(fail(text, version, 'version')).toBe(want));

  it.each([
    ['{{.Config.Entrypoint.X}}', 'template: :1:9: executing "" at <.Config.Entrypoint.X>: nil pointer evaluating interface {}.X'],
    ['{{index .Config.Cmd 5}}', 'template: :1:2: executing "" at <index .Config.Cmd 5>: error calling index: index out of range: 5'],
    ['{{len 3}}', 'template: :1:2: executing "" at <len 3>: error calling len: len of type int'],
    ['{{len .Config.Entrypoint}}', 'template: :1:2: executing "" at <len .Config.Entrypoint>: error calling len: len of nil pointer'],
    ['{{index .Config.Entrypoint 1}}', 'template: :1:2: executing "" at <index .Config.Entrypoint 1>: error calling index: index of untyped nil'],
    ['{{eq "a" 1}}', 'template: :1:2: executing "" at <eq "a" 1>: error calling eq: incompatible types for comparison'],
    ['{{lt true false}}', 'template: :1:2: executing "" at <lt true false>: error calling lt: invalid type for comparison'],
    ['{{eq .Config.Cmd .Config.Cmd}}', 'template: :1:2: executing "" at <eq .Config.Cmd .Config.Cmd>: error calling eq: non-comparable type [sh]: []interface {}'],
    ['{{.Os 1}}', 'template: :1:2: executing "" at <.Os>: Os is not a method but has arguments'],
    ['{{"x" | .Os}}', 'template: :1:8: executing "" at <.Os>: Os is not a method but has arguments'],
    ['{{join .Os ","}}', 'template: :1:7: executing "" at <.Os>: wrong type for value; expected []string; got string'],
    ['{{truncate .Os "a"}}', 'template: :1:15: executing "" at <"a">: expected integer; found "a"'],
  ])('%s', (text, want) => expect(fail(text)).toBe(want));
});
