// Structural JSON comparison: every differing path, with "missing" and "extra" keys named as such.

export interface JsonDifference { path: string; expected: string; actual: string }

const show = (v: unknown) => (v === undefined ? '<missing>' : JSON.stringify(v));

export function diffJson(expected: unknown, actual: unknown, path = '$'): JsonDifference[] {
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((k) => {
      const sub = /^[A-Za-z_][\w-]*$/.test(k) ? `${path}.${k}` : `${path}["${k}"]`;
      if (!(k in actual)) return [{ path: sub, expected: show(expected[k]), actual: '<missing key>' }];
      if (!(k in expected)) return [{ path: sub, expected: '<no such key>', actual: show(actual[k]) }];
      return diffJson(expected[k], actual[k], sub);
    });
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out: JsonDifference[] = [];
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (i >= actual.length) out.push({ path: `${path}[${i}]`, expected: show(expected[i]), actual: '<missing item>' });
      else if (i >= expected.length) out.push({ path: `${path}[${i}]`, expected: '<no such item>', actual: show(actual[i]) });
      else out.push(...diffJson(expected[i], actual[i], `${path}[${i}]`));
    }
    return out;
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [{ path, expected: show(expected), actual: show(actual) }];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
