import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { goStruct } from '../format/index.js';
import type { CliIO } from './command.js';
import { inspectRefs, writeInspect } from './inspect-output.js';

function fakeIO() {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => Object.assign(new PassThrough(), { write: (c: string) => { into.push(String(c)); return true; } });
  const io = { stdin: new PassThrough(), stdout: sink(out), stderr: sink(err), env: {} } as unknown as CliIO;
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const objects: Record<string, object> = { a: goStruct({ Name: '/a' }, 'T'), b: goStruct({ Name: '/b' }, 'T') };
const lookup = async (ref: string) => { if (!objects[ref]) throw new Error(`No such container: ${ref}`); return objects[ref]; };
const describeErr = (e: unknown) => `Error response from daemon: ${(e as Error).message}`;

describe('inspect output (docker/cli inspector)', () => {
  it('prints found objects, then errors in reference order', async () => {
    const f = fakeIO();
    expect(await inspectRefs(f.io, ['x', 'a', 'y'], '{{.Name}}', lookup, describeErr)).toBe(1);
    expect(f.out()).toBe('/a\n');
    expect(f.err()).toBe('Error response from daemon: No such container: x\nError response from daemon: No such container: y\n');
  });

  it('a failing template prints nothing for that object, and a lone newline when nothing printed', async () => {
    const f = fakeIO();
    expect(await inspectRefs(f.io, ['a', 'b'], '{{.Name}}{{.Nope}}', lookup, describeErr)).toBe(1);
    expect(f.out()).toBe('\n');
    expect(f.err().split('\n').filter(Boolean)).toEqual(Array(2).fill(
      'template parsing error: template: :1:11: executing "" at <.Nope>: map has no entry for key "Nope"'));
  });

  it('a template that does not parse exits 64 before any lookup', async () => {
    const f = fakeIO();
    let looked = false;
    await expect(inspectRefs(f.io, ['a'], '{{.Name', async () => { looked = true; return {}; }, describeErr))
      .rejects.toMatchObject({ status: 64, message: 'template parsing error: template: :1: unclosed action' });
    expect(looked).toBe(false);
  });

  it('JSON output is an indented array, [] when nothing was found', async () => {
    const f = fakeIO();
    await inspectRefs(f.io, ['nope'], undefined, lookup, describeErr);
    expect(f.out()).toBe('[]\n');
    const g = fakeIO();
    expect(writeInspect(g.io, [{ A: '<' }], undefined)).toBe(0);
    // Measured: `docker inspect` of a label "<b>&" prints it raw (docker/cli re-indents without HTML escaping).
    expect(g.out()).toBe('[\n    {\n        "A": "<"\n    }\n]\n');
  });
});
