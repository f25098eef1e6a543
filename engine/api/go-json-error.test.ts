import { describe, expect, it } from 'vitest';
import { goJsonSyntaxError } from './go-json-error.js';

describe('goJsonSyntaxError', () => {
  it.each([
    ['no', "invalid character 'o' in literal null (expecting 'u')"],
    ['{bad}', "invalid character 'b' looking for beginning of object key string"],
    ['xx', "invalid character 'x' looking for beginning of value"],
    ['{"a":1', 'unexpected end of JSON input'],
    ['', 'unexpected end of JSON input'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b"}', "invalid character '\"' after object key:value pair"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['1.x', "invalid character 'x' after decimal point in numeric literal"],
    ['tru', 'unexpected end of JSON input'],
  ])('%j → %s', (input, message) => {
    expect(goJsonSyntaxError(input)).toBe(message);
  });

  it('accepts valid JSON', () => {
    expect(goJsonSyntaxError('{"a":[1,-2.5e3,true,null,"x\\u00e9"]}')).toBeUndefined();
  });
});
