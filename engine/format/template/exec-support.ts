// Pieces of template execution that need no evaluator state: error locations, what `range`
// iterates over, and literal arguments checked against a parameter type.
import type { ParamKind } from './funcs.js';
import { printValue } from './go-print.js';
import { nodeString, type ArgNode, type Node } from './nodes.js';
import type { Tree } from './parser.js';
import { goTypeName, hasField, kindOf, mapEntries, mapGet, TypedNil } from './values.js';

type Fail = (msg: string) => never;

export type MissingKey = 'default' | 'zero' | 'error';

/** Go's exec error text: `template: :1:2: executing "" at <.Foo>: msg` (column in bytes). */
export function execErrorText(tree: Tree, node: Node | null, msg: string): string {
  if (!node) return `template: ${tree.name}: ${msg}`;
  const text = tree.text.slice(0, node.pos);
  const col = Buffer.byteLength(text.slice(text.lastIndexOf('\n') + 1));
  const line = 1 + (text.match(/\n/g)?.length ?? 0);
  return `template: ${tree.parseName}:${line}:${col}: executing ${JSON.stringify(tree.name)} at <${nodeString(node)}>: ${msg}`;
}

/** [index or key, element] pairs `range` visits: slices, maps in key order, and 0..n-1 for ints. */
export function rangePairs(val: unknown, declCount: number, fail: Fail): [unknown, unknown][] {
  switch (kindOf(val)) {
    case 'slice': return Array.from(val as ArrayLike<unknown>, (e, i) => [i, e]);
    case 'map': return mapEntries(val as object);
    case 'invalid': case 'nil': return [];
    case 'int':
      if (declCount > 1) fail(`can't use ${String(val)} to iterate over more than one variable`);
      return Array.from({ length: Math.max(Number(val), 0) }, (_, i) => [i, i]);
    default: return fail(`range can't iterate over ${printValue(val, 'v', {}, 0)}`);
  }
}

/** A literal operand (bool, number, string) passed where `kind` is expected. */
export function literalValue(n: ArgNode, kind: ParamKind | null, fail: Fail): unknown {
  if (kind === 'bool') return n.type === 'bool' ? n.value : fail(`expected bool; found ${nodeString(n)}`);
  if (kind === 'int') return n.type === 'number' && n.isInt ? Number(n.value) : fail(`expected integer; found ${nodeString(n)}`);
  if (kind === 'string') return n.type === 'string' ? n.text : fail(`expected string; found ${nodeString(n)}`);
  if (kind === 'strings') return fail(`can't handle ${nodeString(n)} for arg of type []string`);
  if (n.type === 'bool') return n.value;
  if (n.type === 'string') return n.text;
  return fail(`can't handle ${nodeString(n)} for arg of type interface {}`);
}

/** A struct field or map entry named by `.Name` (methods were tried first by the caller). */
export function fieldValue(receiver: unknown, name: string, hasArgs: boolean, missingKey: MissingKey, fail: Fail): unknown {
  const kind = kindOf(receiver);
  if (kind === 'struct' && hasField(receiver as object, name)) {
    if (!/^\p{Lu}/u.test(name)) fail(`${name} is an unexported field of struct type ${goTypeName(receiver)}`);
    if (hasArgs) fail(`${name} has arguments but cannot be invoked as function`);
    const v = (receiver as Record<string, unknown>)[name];
    return v === null || v === undefined ? new TypedNil('*' + name) : v; // a nil pointer field prints <nil>
  }
  if (kind === 'map') {
    if (hasArgs) fail(`${name} is not a method but has arguments`);
    const v = mapGet(receiver as object, name);
    if (v === undefined && missingKey === 'error') fail(`map has no entry for key ${JSON.stringify(name)}`);
    return v;
  }
  return fail(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
}
