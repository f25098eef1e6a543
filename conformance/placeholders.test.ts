import { describe, expect, it } from 'vitest';
import { checkPlaceholders, Placeholders } from './placeholders.js';

const env = { image: 'busybox:latest', imageId: 'sha256:' + 'ab'.repeat(32), registry: '127.0.0.1:5000', labelKey: 'skiff.conformance' };

describe('Placeholders', () => {
  it('gives unique names per run and remembers them', () => {
    const p = new Placeholders(env, 'r1a2b3');
    expect(p.substitute('run --name ${name:web} ${image}')).toBe('run --name skc-r1a2b3-web busybox:latest');
    expect(p.substitute('${name:web}')).toBe('skc-r1a2b3-web');
    expect(p.generatedNames()).toEqual(['skc-r1a2b3-web']);
    expect(p.substitute('--label ${label}')).toBe('--label skiff.conformance=r1a2b3');
  });
  it('turns values back into tokens, including the image id in both lengths', () => {
    const p = new Placeholders(env, 'r1a2b3');
    p.substitute('${name:web} ${name:web2}');
    expect(p.tokenize('skc-r1a2b3-web2 skc-r1a2b3-web ' + 'ab'.repeat(6))).toBe('${name:web2} ${name:web} ${image_short_id}');
  });
  it('tokenizes whole words only, and leaves times to the normalizers', () => {
    const p = new Placeholders(env, 'abc123');
    p.substitute('${run} ${t0}');
    expect(p.tokenize('abc123 ffabc123ff skc-abc123-x')).toBe('${run} ffabc123ff skc-${run}-x');
    expect(p.tokenize(p.values.get('${t0}')!)).toBe(p.values.get('${t0}'));
  });
  it('keeps $${ as a literal ${', () => {
    expect(new Placeholders(env, 'x').substitute('sh -c "echo $${HOME}"')).toBe('sh -c "echo ${HOME}"');
  });
  it('reports unknown placeholders and bad names', () => {
    expect(checkPlaceholders('${image} ${name:ok-1} ${var:id}')).toEqual([]);
    expect(checkPlaceholders('${nope}')).toHaveLength(1);
    expect(checkPlaceholders('${name:Bad}')).toHaveLength(1);
    expect(checkPlaceholders('$${HOME}')).toEqual([]);
  });
  it('fails on a var used before it is saved', () => {
    expect(() => new Placeholders(env, 'x').substitute('${var:id}')).toThrow(/before a step saved it/);
  });
});
