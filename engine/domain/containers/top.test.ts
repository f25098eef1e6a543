import { describe, expect, it } from 'vitest';
import { parsePs, validatePsArgs } from './top.js';

describe('top', () => {
  // docker parity: moby daemon/top_unix.go validatePSArgs (Docker 20.10: `docker top C -o x=PID`).
  it('refuses renaming another column to PID', () => {
    expect(() => validatePsArgs('-o pid,comm -o x=PID')).toThrow('specifying "x=PID" is not allowed');
    expect(() => validatePsArgs('-o comm= PIDX')).toThrow('specifying "comm=PIDX" is not allowed');
    expect(() => validatePsArgs('-o pid=PID')).not.toThrow();
    expect(() => validatePsArgs('-ef')).not.toThrow();
  });

  it('keeps the container\'s rows, their thread rows, and joins the last column', () => {
    const out = 'PID TTY STAT TIME COMMAND\n 10 ? - 0:00 sleep 600\n  - - Ss 0:00 -\n 11 ? - 0:00 other\n  - - S 0:00 -\n';
    expect(parsePs(out, new Set([10]))).toEqual({
      Titles: ['PID', 'TTY', 'STAT', 'TIME', 'COMMAND'],
      Processes: [['10', '?', '-', '0:00', 'sleep 600'], ['-', '-', 'Ss', '0:00', '-']],
    });
  });

  it('fails like Docker without a PID column or with a bad pid', () => {
    expect(() => parsePs('COMMAND\nsleep\n', new Set())).toThrow("Couldn't find PID field in ps output");
    expect(() => parsePs('PID CMD\nx sh\n', new Set())).toThrow('Unexpected pid \'x\': strconv.Atoi: parsing "x": invalid syntax');
  });
});
