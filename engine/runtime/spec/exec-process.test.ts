import { describe, expect, it } from 'vitest';
import { CAPABILITY_NAMES, DOCKER_DEFAULT_CAPS } from './capabilities.js';
import { buildExecProcess, type ExecProcessInput } from './exec-process.js';
import type { OciProcess } from './types.js';

const containerProcess: OciProcess = {
  user: { uid: 65534, gid: 65534, additionalGids: [65534] },
  args: ['sleep', '60'],
  env: ['PATH=/usr/bin:/bin', 'HOSTNAME=81a851674329', 'TERM=xterm', 'FOO=1'],
  cwd: '/tmp',
  capabilities: { bounding: [...DOCKER_DEFAULT_CAPS] },
  rlimits: [{ type: 'RLIMIT_NOFILE', hard: 2048, soft: 1024 }],
  oomScoreAdj: 0,
  terminal: true,
};
const nobody = { uid: 65534, gid: 65534, additionalGids: [65534], home: '/home' };
const root = { uid: 0, gid: 0, additionalGids: [0, 10], home: '/root' };
const exec = (over: Partial<ExecProcessInput>) => buildExecProcess({
  record: { Config: { Env: ['FOO=1'] } as never }, process: containerProcess, args: ['sh'], tty: false, user: nobody,
  host: { capLastCap: 40 }, ...over,
});

describe('buildExecProcess', () => {
  it('keeps the container\'s user, cwd and rlimits; TERM only with the exec\'s own -t; adds HOME', () => {
    expect(exec({ args: ['env'] })).toEqual({
      user: { uid: 65534, gid: 65534, additionalGids: [65534] },
      args: ['env'],
      env: ['PATH=/usr/bin:/bin', 'HOSTNAME=81a851674329', 'FOO=1', 'HOME=/home'],
      cwd: '/tmp',
      capabilities: { bounding: DOCKER_DEFAULT_CAPS },
      rlimits: [{ type: 'RLIMIT_NOFILE', hard: 2048, soft: 1024 }],
    });
  });

  it('-t -e -u root -w /: TERM after HOSTNAME, env replaced/appended, root caps, cwd override', () => {
    const p = exec({ tty: true, env: ['FOO=2', 'BAR=3'], user: root, cwd: '/', process: { ...containerProcess, env: containerProcess.env.filter((e) => !e.startsWith('TERM')) } });
    expect(p.terminal).toBe(true);
    expect(p.env).toEqual(['PATH=/usr/bin:/bin', 'HOSTNAME=81a851674329', 'TERM=xterm', 'FOO=2', 'BAR=3', 'HOME=/root']);
    expect(p.user).toEqual({ uid: 0, gid: 0, additionalGids: [0, 10] });
    expect(p.cwd).toBe('/');
    expect(p.capabilities).toEqual({ bounding: DOCKER_DEFAULT_CAPS, effective: DOCKER_DEFAULT_CAPS, permitted: DOCKER_DEFAULT_CAPS });
  });

  it('keeps a TERM the user set on the container, and an existing HOME', () => {
    const p = exec({ record: { Config: { Env: ['TERM=vt100'] } as never }, process: { ...containerProcess, env: ['TERM=vt100', 'HOME=/x'] } });
    expect(p.env).toEqual(['TERM=vt100', 'HOME=/x']);
  });

  it('--privileged gets every capability', () => {
    expect(exec({ privileged: true, user: root }).capabilities?.bounding).toEqual(CAPABILITY_NAMES);
  });

  it('rejects a relative -w', () => {
    expect(() => exec({ cwd: 'rel' })).toThrow("the working directory 'rel' is invalid");
  });
});
