// Paired cases about what run/create record (inspect), the terminal, and the errors with exit 125.
import { expect } from 'vitest';
import type { CaseOutcome, PairedCase } from '../../test-support/paired.js';
import { CGROUP_WARNING } from './run-flag-cases.js';

const INSPECT = '{{.Config.StopSignal}}|{{.Config.StopTimeout}}|{{json .HostConfig.RestartPolicy}}|{{json .Config.Labels}}|{{.HostConfig.AutoRemove}}';

/** `create --name N FLAGS busybox`, then inspect it and remove it. */
const recorded = (name: string, flags: (tmp: string) => string[], format = INSPECT): PairedCase => ({
  name,
  argv: (c) => ['create', '--name', c.name, ...flags(c.tmp), 'busybox'],
  after: (c) => [['inspect', '--format', format, c.name]],
  cleanup: (c) => [['rm', '-f', c.name]],
});

const bad = (name: string, flags: string[]): PairedCase => ({ name, argv: () => ['run', '--rm', ...flags, 'busybox', 'true'] });

export const INSPECT_CASES: PairedCase[] = [
  recorded('defaults as inspect shows them', () => []),
  recorded('--stop-signal / --stop-timeout', () => ['--stop-signal', 'SIGUSR1', '--stop-timeout', '7']),
  recorded('--restart on-failure:3', () => ['--restart', 'on-failure:3']),
  recorded('--restart always', () => ['--restart', 'always']),
  recorded('-l and --label-file', (tmp) => ['-l', 'a=1', '--label', 'b', '--label-file', `${tmp}/labels`]),
  recorded('--init, --read-only, --privileged as recorded', () => ['--init', '--read-only', '--privileged'],
    '{{.HostConfig.Init}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Privileged}} {{json .HostConfig.Tmpfs}}'),
  {
    ...recorded('resources as recorded', () => ['--memory', '64m', '--cpus', '1.5', '--pids-limit', '50'],
      '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCPUs}} {{.HostConfig.PidsLimit}}'),
    // Rootless: recorded as asked (inspect shows them), with the create-time warning that they are not applied.
    rootless: (docker: CaseOutcome, skiff: CaseOutcome) => expect(skiff).toEqual({ ...docker, stderr: CGROUP_WARNING }),
  },
  recorded('ulimits as recorded', () => ['--ulimit', 'nofile=10:20', '--ulimit', 'nproc=5'], '{{json .HostConfig.Ulimits}}'),
  // A JSON-only field name (NanoCpus; the Go field is NanoCPUs) makes docker run the template on the raw JSON map.
  recorded('inspect template on the raw JSON map', () => ['--ulimit', 'nofile=10:20'], '{{.HostConfig.NanoCpus}} {{json .HostConfig.Ulimits}}'),
  recorded('caps and mounts as recorded', (tmp) => ['--cap-add', 'net_admin', '--cap-drop', 'chown', '-v', `${tmp}/data:/data:ro`, '--tmpfs', '/run:size=1m'],
    '{{json .HostConfig.CapAdd}} {{json .HostConfig.CapDrop}} {{json .HostConfig.Binds}} {{json .HostConfig.Tmpfs}}'),
  recorded('user, workdir, entrypoint, env as recorded', () => ['-u', 'nobody', '-w', '/tmp', '--entrypoint', 'sh', '-e', 'A=1', '-h', 'hh'],
    '{{.Config.User}}|{{.Config.WorkingDir}}|{{json .Config.Entrypoint}}|{{json .Config.Cmd}}|{{json .Config.Env}}|{{.Config.Hostname}}'),
];

export const CIDFILE_CASES: PairedCase[] = [
  {
    name: '--cidfile gets the full id',
    argv: (c) => ['run', '--rm', '--cidfile', `${c.tmp}/id.cid`, 'busybox', 'true'],
    after: (c) => [['run', '--rm', '-v', `${c.tmp}:/t`, 'busybox', 'sh', '-c', 'wc -c < /t/id.cid; grep -cE "^[0-9a-f]{64}$" /t/id.cid']],
  },
  { name: '--cidfile that exists', argv: (c) => ['run', '--rm', '--cidfile', `${c.tmp}/env.list`, 'busybox', 'true'] },
  { name: '--cidfile in a missing directory (run)', argv: (c) => ['run', '--rm', '--cidfile', `${c.tmp}/no/dir.cid`, 'busybox', 'true'] },
  { name: '--cidfile in a missing directory (create)', argv: (c) => ['create', '--cidfile', `${c.tmp}/no/dir.cid`, 'busybox', 'true'] },
  {
    name: '--cidfile is removed when create fails',
    argv: (c) => ['run', '--rm', '--cidfile', `${c.tmp}/failed.cid`, '--memory', '1m', 'busybox', 'true'],
    after: (c) => [['run', '--rm', '-v', `${c.tmp}:/t`, 'busybox', 'sh', '-c', 'ls /t/failed.cid 2>&1; true']],
  },
];

export const NAME_CASES: PairedCase[] = [
  {
    name: '--name conflict',
    argv: (c) => ['create', '--name', c.name, 'busybox'],
    after: (c) => [['run', '--rm', '--name', c.name, 'busybox', 'true'], ['create', '--name', c.name, 'busybox']],
    cleanup: (c) => [['rm', '-f', c.name]],
  },
  bad('invalid --name', ['--name', 'a b']),
  bad('one-letter --name', ['--name', 'a']),
];

export const TTY_CASES: PairedCase[] = [
  { name: '-i feeds stdin', argv: () => ['run', '--rm', '-i', 'busybox', 'sh', '-c', 'cat; echo done'], input: 'abc\n' },
  { name: 'no -i: stdin is closed', argv: () => ['run', '--rm', 'busybox', 'sh', '-c', 'cat; echo done'], input: 'abc\n' },
  { name: '-t gives a tty (CRLF output)', argv: () => ['run', '--rm', '-t', 'busybox', 'sh', '-c', 'test -t 0 && echo tty0; test -t 1 && echo tty1; echo $TERM'] },
  { name: '-it without a terminal', argv: () => ['run', '--rm', '-it', 'busybox', 'true'] },
  {
    name: 'exec -it without a terminal, exec in a missing container',
    argv: (c) => ['run', '-d', '--name', c.name, 'busybox', 'sleep', '60'],
    after: (c) => [['exec', '-it', c.name, 'true'], ['exec', '-i', c.name, 'sh', '-c', 'echo in'], ['exec', '-it', `${c.name}-missing`, 'true']],
    cleanup: (c) => [['rm', '-f', c.name]],
  },
  { name: 'exit code of the command', argv: () => ['run', '--rm', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 7'] },
  { name: 'missing executable', argv: () => ['run', '--rm', 'busybox', 'nosuchcmd'] },
];

export const ERROR_CASES: PairedCase[] = [
  { name: 'missing image', argv: () => ['run', '--rm', 'nosuchimage-paired:1', 'true'], norm: (s) => s.replace(/Error response from daemon: .*\n/, 'Error response from daemon: <pull failure>\n') },
  { name: 'no image argument', argv: () => ['run', '--rm'] },
  bad('unknown flag', ['--no-such-flag']),
  bad('bad -e', ['-e', '=x']),
  bad('bad --memory', ['--memory', 'lots']),
  bad('bad --ulimit', ['--ulimit', 'nofile=x']),
  bad('bad --ulimit name', ['--ulimit', 'bogus=1']),
  bad('bad -v', ['-v', '::']),
  bad('-v relative destination', ['-v', '/tmp:rel']),
  bad('bad --mount', ['--mount', 'type=bind,target=/x']),
  bad('bad --mount type', ['--mount', 'type=nfs,target=/x']),
  bad('bad --restart', ['--restart', 'sometimes']),
  bad('--rm with --restart', ['--restart', 'always']),
  bad('bad --cpus', ['--cpus', 'many']),
  bad('bad --cap-add', ['--cap-add', 'NOT_A_CAP']),
  bad('bad --stop-signal', ['--stop-signal', 'SIGNOPE']),
  bad('bad --tmpfs destination', ['--tmpfs', 'relative']),
  bad('bad --pids-limit', ['--pids-limit', 'x']),
  bad('bad --network', ['--network', 'nosuchnet']),
  bad('bad --env-file', ['--env-file', '/nonexistent/env']),
  bad('bad --label-file', ['--label-file', '/nonexistent/labels']),
  bad('malformed -u (fails at start)', ['-u', 'a:b:c']),
  bad('bad --stop-timeout', ['--stop-timeout', 'soon']),
];
