import { describe, expect, it } from 'vitest';
import { DetachScanner, detachKeyBytes, parseDetachKeys } from './detach-keys.js';
import { frame } from '../../api/stdcopy.js';
import { execInspect } from '../../views/exec-inspect.js';

describe('detach keys', () => {
  it('parses Docker\'s key names, and refuses what moby/term refuses', () => {
    expect(detachKeyBytes(undefined)).toEqual([16, 17]);
    expect(detachKeyBytes('ctrl-a,x,ctrl-@,ctrl-[,ctrl-_')).toEqual([1, 120, 0, 27, 31]);
    expect(detachKeyBytes('bogus')).toBeUndefined();
    expect(detachKeyBytes('ctrl-1')).toBeUndefined();
    expect(() => parseDetachKeys('ctrl-')).toThrow('Invalid detach keys (ctrl-) provided');
  });

  it('holds a partial sequence back, releases it on a mismatch, and reports a full one', () => {
    const s = new DetachScanner([16, 17]);
    expect(s.push(Buffer.from([97, 16]))).toEqual({ forward: Buffer.from([97]), detached: false });
    expect(s.push(Buffer.from([98]))).toEqual({ forward: Buffer.from([16, 98]), detached: false });
    expect(s.push(Buffer.from([16, 16]))).toEqual({ forward: Buffer.from([16]), detached: false });
    expect(s.push(Buffer.from([17, 99]))).toEqual({ forward: Buffer.alloc(0), detached: true });
  });
});

describe('stdcopy frames', () => {
  it('writes the 8-byte header with the stream and the big-endian size; no frame for nothing', () => {
    expect(frame(1, 'hello\n')).toEqual(Buffer.from('\x01\x00\x00\x00\x00\x00\x00\x06hello\n', 'latin1'));
    expect(frame(2, Buffer.alloc(300, 120)).subarray(0, 8)).toEqual(Buffer.from([2, 0, 0, 0, 0, 0, 1, 44]));
    expect(frame(1, '')).toHaveLength(0);
  });
});

describe('exec inspect view', () => {
  it('has Docker 20.10\'s shape: user only when set, keys as base64, null exit code until it ends', () => {
    const rec = { Id: 'e', ContainerId: 'c', Created: '', Running: false, ExitCode: null, Pid: 0,
      Config: { Cmd: ['sh', '-c', 'x'], Tty: true, AttachStdin: true, User: 'nobody', DetachKeys: 'ctrl-a', Privileged: false } };
    expect(execInspect(rec)).toEqual({
      ID: 'e', Running: false, ExitCode: null, ProcessConfig: { tty: true, entrypoint: 'sh', arguments: ['-c', 'x'], privileged: false, user: 'nobody' },
      OpenStdin: true, OpenStderr: false, OpenStdout: false, CanRemove: false, ContainerID: 'c', DetachKeys: 'AQ==', Pid: 0,
    });
    expect(execInspect({ ...rec, Config: { Cmd: ['true'] } }).ProcessConfig).toEqual({ tty: false, entrypoint: 'true', arguments: [], privileged: false });
  });
});
