import { describe, expect, it } from 'vitest';
import type { ContainerConfig } from '../../model/docker-types.js';
import { buildProcessEnv, commandFor, DEFAULT_PATH_ENV, mergeImageConfig, normalizePath, processCwd, replaceOrAppendEnv } from './process-config.js';

const cfg = (over: Partial<ContainerConfig>): ContainerConfig => ({
  Hostname: '', Domainname: '', User: '', AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false,
  OpenStdin: false, StdinOnce: false, Env: null, Cmd: null, Image: 'img', Volumes: null, WorkingDir: '', Entrypoint: null,
  OnBuild: null, Labels: {}, ...over,
});
const image = { Env: ['PATH=/img/bin', 'LANG=C'], Cmd: ['sh'], Entrypoint: ['/entry.sh'], WorkingDir: '/srv', User: 'app' };

describe('mergeImageConfig (Docker create-time merge)', () => {
  it('fills what the container left empty from the image', () => {
    const out = mergeImageConfig(cfg({}), image);
    expect(out).toMatchObject({ User: 'app', Env: ['PATH=/img/bin', 'LANG=C'], Cmd: ['sh'], Entrypoint: ['/entry.sh'], WorkingDir: '/srv' });
  });

  it('container env first, image env appended unless the key is set', () => {
    expect(mergeImageConfig(cfg({ Env: ['FOO=bar', 'PATH=/x'] }), image).Env).toEqual(['FOO=bar', 'PATH=/x', 'LANG=C']);
  });

  it('a container Cmd keeps the image entrypoint but not the image Cmd', () => {
    expect(mergeImageConfig(cfg({ Cmd: ['ls'] }), image)).toMatchObject({ Cmd: ['ls'], Entrypoint: ['/entry.sh'] });
  });

  it('--entrypoint X drops the image Cmd and entrypoint', () => {
    expect(mergeImageConfig(cfg({ Entrypoint: ['sh'] }), image)).toMatchObject({ Cmd: null, Entrypoint: ['sh'] });
  });

  it('--entrypoint "" clears the entrypoint and does not inherit the image Cmd', () => {
    const out = mergeImageConfig(cfg({ Entrypoint: [''], Cmd: ['sleep', '60'] }), image);
    expect(out).toMatchObject({ Entrypoint: null, Cmd: ['sleep', '60'] });
    expect(() => commandFor(mergeImageConfig(cfg({ Entrypoint: [''] }), { Cmd: ['sh'] }))).toThrow('No command specified');
  });

  it('is idempotent', () => {
    const once = mergeImageConfig(cfg({ Env: ['A=1'] }), image);
    expect(mergeImageConfig(once, image)).toEqual(once);
  });
});

describe('commandFor', () => {
  it('entrypoint words then cmd (Docker Path/Args)', () => {
    expect(commandFor({ Entrypoint: ['sh', '-c'], Cmd: ['echo hi'] })).toEqual({ path: 'sh', args: ['-c', 'echo hi'] });
    expect(commandFor({ Entrypoint: null, Cmd: ['sleep', '60'] })).toEqual({ path: 'sleep', args: ['60'] });
  });

  it('fails like Docker with neither', () => {
    expect(() => commandFor({ Entrypoint: null, Cmd: null })).toThrow(expect.objectContaining({ kind: 'invalid-argument', message: 'No command specified' }));
  });
});

describe('environment', () => {
  it('PATH default, HOSTNAME, TERM only with a tty', () => {
    expect(buildProcessEnv(null, 'abc', false)).toEqual([DEFAULT_PATH_ENV, 'HOSTNAME=abc']);
    expect(buildProcessEnv(['FOO=1'], 'abc', true)).toEqual([DEFAULT_PATH_ENV, 'HOSTNAME=abc', 'TERM=xterm', 'FOO=1']);
  });

  it('container values replace defaults in place (measured: PATH=/x:/y:/bin, HOSTNAME=myhost, FOO=bar)', () => {
    expect(buildProcessEnv(['FOO=bar', 'PATH=/x:/y:/bin'], 'myhost', false)).toEqual(['PATH=/x:/y:/bin', 'HOSTNAME=myhost', 'FOO=bar']);
  });

  it('a bare KEY unsets it; values may contain =', () => {
    expect(replaceOrAppendEnv(['A=1', 'B=2'], ['A', 'C=x=y'])).toEqual(['B=2', 'C=x=y']);
  });
});

describe('cwd', () => {
  it('defaults to / and cleans the path', () => {
    expect(processCwd('')).toBe('/');
    expect(processCwd('/tmp/../srv//app/')).toBe('/srv/app');
    expect(normalizePath('/')).toBe('/');
  });

  it('rejects a relative working directory with Docker\'s message', () => {
    expect(() => processCwd('rel')).toThrow("the working directory 'rel' is invalid, it needs to be an absolute path");
  });
});
