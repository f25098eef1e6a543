import { describe, expect, it } from 'vitest';
import { StatusError } from '../../command.js';
import { checkPsTemplate, psFormat } from './ps.js';

describe('ps --format checks', () => {
  it('rejects templates that do not parse or run, with docker texts', () => {
    expect(() => checkPsTemplate('{{.Nope')).toThrow(new StatusError('failed to parse template: template: :1: unclosed action', 1));
    expect(() => checkPsTemplate('{{.ID | nofunc}}')).toThrow('failed to parse template: template: :1: function "nofunc" not defined');
    expect(() => checkPsTemplate('table {{.Nope}}')).toThrow(
      'failed to execute template: template: :1:8: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext');
    expect(() => checkPsTemplate('{{.Label}}')).toThrow('wrong number of args for Label: want 1 got 0');
  });

  it('reports whether .Size is read (json . reads every field)', () => {
    expect(checkPsTemplate('{{.Size}}').has('Size')).toBe(true);
    expect(checkPsTemplate('{{json .}}').has('Size')).toBe(true);
    expect(checkPsTemplate('json').has('Size')).toBe(false);
    expect(checkPsTemplate('table {{.ID}}').has('Size')).toBe(false);
  });

  it('chooses the format as docker NewContainerFormat does', () => {
    expect(psFormat('', true, false)).toBe('{{.ID}}');
    expect(psFormat('{{.Names}}', true, false)).toBe('{{.ID}}');
    expect(psFormat('table', false, true)).toMatch(/\{\{\.Names\}\}\\t\{\{\.Size\}\}$/);
    expect(psFormat('raw', true, false)).toBe('container_id: {{.ID}}');
    expect(psFormat('raw', false, true)).toMatch(/^container_id: \{\{\.ID\}\}\n[\s\S]*size: \{\{\.Size\}\}\\n$/);
    expect(psFormat('{{.Names}}', false, true)).toBe('{{.Names}}');
  });
});
