// fmt and strconv behaviour pinned against Go 1.24 (docker 28.2.2's `printf`), recorded by hand.
import { describe, expect, it } from 'vitest';
import { formatFloat } from './go-float.js';
import { goQuote, goQuoteRune } from './go-quote.js';
import { marshalJSON } from './json.js';
import { sprint, sprintf, sprintln } from './printf.js';
import { goFloat, goStruct } from './values.js';

describe('sprintf', () => {
  it.each<[string, unknown[], string]>([
    ['%q %x %X %5d|%-5d|%05d %t %.2f %8.3f %e %g %c %U %o %b', ['h"i', 'hi', 255, 42, 42, 42, true, 3.14159, 2.5, 1234.5678, 0.000012, 65, 65, 8, 5],
      '"h\\"i" 6869 FF    42|42   |00042 true 3.14    2.500 1.234568e+03 1.2e-05 A U+0041 10 101'],
    ['%5.1f|%-8q|%x|%X|% x|%08.3f|%+d|%6s|%-6s|%.2s', [3.14159, 'a', -255, 'hi', 'hi', 3.14159, 5, 'ab', 'ab', 'héllo'],
      '  3.1|"a"     |-ff|6869|68 69|0003.142|+5|    ab|ab    |hé'],
    ['%.0f %.0f %.0f %.1f %.2f %.3g %.10g %g %g', [0.5, 1.5, 2.5, 0.25, 1.005, 1e-5, 1, 100000, goFloat(1e6)], '0 2 2 0.2 1.00 1e-05 1 100000 1e+06'],
    ['%v %v %v %.3v %10.4v|%-8v|%08d|%o|%#o|%#x|%b|% d|%+.2e|%G|%E', [goFloat(1), 0.1, goFloat(123456789), 3.14159, goFloat(2), true, -42, 8, 8, 255, -5, 5, 12345.678, 1e-7, goFloat(1e21)],
      '1 0.1 1.23456789e+08 3.14          2|true    |-0000042|10|010|0xff|-101| 5|+1.23e+04|1E-07|1.000000E+21'],
    ['%6.2f%%|%s|%v|%d', [12.3456, null, null, null], ' 12.35%|%!s(<nil>)|<nil>|%!d(<nil>)'],
    ['%s %d', [], '%!s(MISSING) %!d(MISSING)'],
    ['%s', [1, 2], '%!s(int=1)%!(EXTRA int=2)'],
    ['%!', [], '%!!(MISSING)'],
    ['%z', [1], '%!z(int=1)'],
    ['%d', [1.5], '%!d(float64=1.5)'],
    ['%s', [true], '%!s(bool=true)'],
    ['%d %d', [1], '1 %!d(MISSING)'],
    ['%[2]d %[1]d', [1, 2], '2 1'],
    ['%*d', [5, 1], '    1'],
    ['%c|%U|%q', [9786, 9786, 9786], "☺|U+263A|'☺'"],
    ['%5s|%-5s|%5.1s|%x|%X', ['☺', '☺', '☺☺', '☺', 255], '    ☺|☺    |    ☺|e298ba|FF'],
    ['%q|%+q|%#q|%q|%q', ['a\tb\x01é☺\u2028', 'é', 'ab', 65, '\x7f'], '"a\\tb\\x01é☺\\u2028"|"\\u00e9"|`ab`|\'A\'|"\\x7f"'],
    ['%v|%d|%s', [['a', 'b'], [1, 2], { k: 'v' }], '[a b]|[1 2]|map[k:v]'],
    ['%v', [new Map([[2, 'b'], [1, 'a']])], 'map[1:a 2:b]'],
    ['%.2f', [0], '0.00'], // JS has no int/float split: integers format with float verbs
  ])('%s', (format, args, want) => expect(sprintf(format, args)).toBe(want));

  it('prints structs and Go syntax', () => {
    const s = goStruct({ Os: 'linux', Arch: 'amd64' }, 'system.clientVersion');
    expect(sprintf('%v|%+v|%#v', [s, s, s])).toBe('{linux amd64}|{Os:linux Arch:amd64}|system.clientVersion{Os:"linux", Arch:"amd64"}');
    expect(sprintf('%#v', [['sh']])).toBe('[]interface {}{"sh"}');
  });
});

describe('sprint and sprintln', () => {
  it('spaces operands like fmt.Sprint', () => {
    expect(sprint([1, 2, 'a', 'b', 3, null, true])).toBe('1 2ab3 <nil> true');
    expect(sprintln([1, 'a'])).toBe('1 a\n');
  });
});

describe('formatFloat (strconv)', () => {
  it.each<[number, string, number, string]>([
    [999.999, 'g', 3, '1e+03'],
    [999.999, 'g', 4, '1000'],
    [300.288, 'g', 3, '300'],
    [300.288, 'g', 4, '300.3'],
    [1.982377, 'g', 3, '1.98'],
    [1, 'g', 4, '1'],
    [0, 'g', 3, '0'],
    [0, 'e', 6, '0.000000e+00'],
    [0.125, 'f', 2, '0.12'],
    [0.375, 'f', 2, '0.38'],
    [1e21, 'g', -1, '1e+21'],
    [123456, 'g', -1, '123456'],
    [1234567, 'g', -1, '1.234567e+06'],
    [1e-5, 'g', -1, '1e-05'],
    [-2.5, 'f', 0, '-2'],
    [Infinity, 'g', -1, '+Inf'],
    [NaN, 'f', 2, 'NaN'],
  ])('%d %s %d', (x, fmt, prec, want) => expect(formatFloat(x, fmt, prec)).toBe(want));
});

describe('quoting', () => {
  it('follows strconv.Quote', () => {
    expect(goQuote("sh -c 'trap \"exit 0…")).toBe('"sh -c \'trap \\"exit 0…"');
    expect(goQuote('\x00\x1b\u200b\u{1F600}')).toBe('"\\x00\\x1b\\u200b\u{1F600}"');
    expect(goQuote('é', true)).toBe('"\\u00e9"');
    expect(goQuoteRune(39)).toBe("'\\''");
  });
});

describe('marshalJSON (encoding/json)', () => {
  it('encodes like Go', () => {
    expect(marshalJSON({ s: '<&>\u2028\b\f\x01', n: 1.5, big: 1e21, small: 1e-7, u: undefined, z: null })).toBe(
      '{"s":"<&>\\u2028\\b\\f\\u0001","n":1.5,"big":1e+21,"small":1e-7,"z":null}',
    );
    expect(marshalJSON('<a>', { escapeHTML: true })).toBe('"\\u003ca\\u003e"');
    expect(marshalJSON(new Map([['b', 1], ['a', 2]]))).toBe('{"a":2,"b":1}');
    expect(marshalJSON(new Date(Date.UTC(2024, 0, 1)))).toBe('"2024-01-01T00:00:00Z"');
    expect(marshalJSON(new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 120)))).toBe('"2024-01-01T00:00:00.12Z"');
    expect(marshalJSON(undefined)).toBe('null');
    expect(marshalJSON([1n, goFloat(2)])).toBe('[1,2]');
  });
});
