import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allCommands } from './commands/index.js';
import { CREATE_FLAGS } from './flags/container-flags.js';
import { flagUsagesWrapped, wrap } from './flag-usages.js';
import { commandAliases, renderCommandHelp, renderGroupHelp, renderRootHelp } from './help.js';
import { FlagError, parseFlags } from './pflag.js';
import { runFakeCli } from '../test-support/fake-cli.js';

const text = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
const find = (path: string) => allCommands().find((c) => c.path === path || c.aliases?.includes(path))!;

describe('help in docker/cli layout', () => {
  it('prints `docker ps --help` as docker 28.2 does (recorded)', () => {
    expect(renderCommandHelp(find('ps'), 'docker ps')).toBe(text('./testdata/ps-help.txt'));
  });

  it("wraps flag usages like pflag's FlagUsagesWrapped at 79 columns (create's recorded options)", () => {
    const recorded = text('./flags/testdata/create-help.txt');
    const options = recorded.slice(recorded.indexOf('Options:\n') + 'Options:\n'.length);
    expect(flagUsagesWrapped(CREATE_FLAGS, 79)).toBe(options);
  });

  it('wraps as a block on the next line when the column is too narrow', () => {
    expect(wrap(60, 79, 'short text')).toBe('\n                short text');
    expect(wrap(10, 0, 'a\nb')).toBe('a\n          b');
  });

  it('lists aliases canonical first, then group aliases, then top-level ones', () => {
    expect(commandAliases('docker', find('ps'))).toBe('docker container ls, docker container list, docker container ps, docker ps');
  });

  it('lays out the root help in docker sections with the global options', () => {
    const out = renderRootHelp('docker', allCommands(), [{ name: 'debug', short: 'D', type: 'bool', usage: 'Enable debug mode' }]);
    expect(out).toMatch(/^Usage: {2}docker \[OPTIONS\] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n {2}run {9}Create and run a new container from an image\n/);
    expect(out).toContain('\nManagement Commands:\n  container   Manage containers\n');
    expect(out).toContain('\nGlobal Options:\n  -D, --debug   Enable debug mode\n\nRun \'docker COMMAND --help\' for more information on a command.\n\n');
    expect(out.endsWith('For more help on how to use Docker, head to https://docs.docker.com/go/guides/\n')).toBe(true);
  });

  it('lists a management command with its subcommands', () => {
    expect(renderGroupHelp('docker', 'container', allCommands())).toMatch(/^Usage: {2}docker container COMMAND\n\nManage containers\n\nCommands:\n {2}attach {6}Attach/);
  });
});

describe("pflag's messages", () => {
  it('quotes values and flag names with Go %q', () => {
    const specs = [{ name: 'timeout', short: 't', type: 'int' as const }];
    expect(() => parseFlags(['-t', 'a"b'], specs, { interspersed: true }))
      .toThrow(new FlagError('invalid argument "a\\"b" for "-t, --timeout" flag: strconv.ParseInt: parsing "a\\"b": invalid syntax'));
    expect(parseFlags(['-t', '0x10'], specs, { interspersed: true }).flags.timeout).toBe(16);
  });

  it('notes a deprecated flag and keeps it out of help', () => {
    const specs = [{ name: 'time', type: 'int' as const, deprecated: 'use --timeout instead' }, { name: 'timeout', short: 't', type: 'int' as const }];
    expect(parseFlags(['--time', '3'], specs, { interspersed: true }).notices).toEqual(['Flag --time has been deprecated, use --timeout instead']);
    expect(flagUsagesWrapped(specs, 79)).toBe('  -t, --timeout int   \n');
  });

  it("names stop's -t flag --timeout as docker 28 does", () => {
    expect(() => parseFlags(['-t', 'notanumber'], find('stop').flags, { interspersed: true }))
      .toThrow('invalid argument "notanumber" for "-t, --timeout" flag: strconv.ParseInt: parsing "notanumber": invalid syntax');
  });
});

describe('help through the dispatcher', () => {
  it('`help CMD` prints that command\'s help; unknown topics fail', async () => {
    expect(await runFakeCli(['help', 'ps'])).toEqual({ code: 0, stdout: text('./testdata/ps-help.txt'), stderr: '' });
    expect(await runFakeCli(['help', 'nosuch'])).toEqual({ code: 1, stdout: '', stderr: 'unknown help topic: nosuch\n' });
    expect((await runFakeCli(['container', 'list', '--help'])).stdout).toMatch(/^Usage: {2}docker container ls \[OPTIONS\]\n/);
  });

  it('prints the usage of a bare command on stderr and --help on stdout', async () => {
    const bare = await runFakeCli([]);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^Usage: {2}docker \[OPTIONS\] COMMAND\n/);
    expect((await runFakeCli(['--help'])).stdout).toBe(bare.stderr);
    expect((await runFakeCli(['system'])).stderr).toMatch(/^Usage: {2}docker system COMMAND\n\nManage Docker\n/);
  });
});
