import { describe, expect, it } from 'vitest';
import { renderTop } from './top.js';

describe('top output', () => {
  it('aligns like docker top (tabwriter 20/1/3), the last column unpadded', () => {
    expect(renderTop({ Titles: ['UID', 'PID', 'CMD'], Processes: [['root', '13781', 'sleep 1000']] })).toBe(
      'UID                 PID                 CMD\nroot                13781               sleep 1000\n');
    expect(renderTop({ Titles: ['PID', 'COMMAND'], Processes: [] })).toBe('PID                 COMMAND\n');
  });
});
