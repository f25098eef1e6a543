import { describe, expect, it } from 'vitest';
import { buildCreateBody, type CreateContext } from './create-body.js';
import { ContainerOptionsError } from './create-errors.js';
import { parseCmd, virtualFs } from './testdata/harness.js';

const build = (cmd: 'run' | 'create', argv: string[], env: NodeJS.ProcessEnv = {}, files: Record<string, string> = {}, ctx: CreateContext = {}) =>
  buildCreateBody(parseCmd(cmd, argv), env, virtualFs(files), { command: cmd, cwd: '/work', ...ctx });

const stageOf = (f: () => unknown) => {
  try { f(); } catch (e) { return e instanceof ContainerOptionsError ? `${e.stage}: ${e.message}` : `other: ${(e as Error).message}`; }
  return 'no error';
};

describe('command and entrypoint', () => {
  it('takes the image and the command from the positional args', () => {
    const { body } = build('create', ['busybox', 'sh', '-c', 'echo hi']);
    expect(body.Image).toBe('busybox');
    expect(body.Cmd).toEqual(['sh', '-c', 'echo hi']);
    expect(body.Entrypoint).toBeNull();
  });

  it('resets the entrypoint with --entrypoint ""', () => {
    expect(build('create', ['--entrypoint', '', 'busybox']).body.Entrypoint).toEqual(['']);
    expect(build('create', ['--entrypoint=/bin/sh', 'busybox']).body.Entrypoint).toEqual(['/bin/sh']);
  });

  it('stops flag parsing at the image', () => {
    const { body } = build('run', ['busybox', 'ls', '-l', '--rm']);
    expect(body.Cmd).toEqual(['ls', '-l', '--rm']);
    expect(body.HostConfig?.AutoRemove).toBe(false);
  });
});

describe('environment and labels', () => {
  it('fills a bare -e KEY from the client env and keeps an unset one bare', () => {
    expect(build('create', ['-e', 'A=1', '-e', 'HOME', '-e', 'NOPE', 'busybox'], { HOME: '/root' }).body.Env).toEqual(['A=1', 'HOME=/root', 'NOPE']);
  });

  it('collapses repeated keys to the last value, at the first position', () => {
    expect(build('create', ['-e', 'A=1', '-e', 'B=2', '-e', 'A=3', 'busybox']).body.Env).toEqual(['A=3', 'B=2']);
  });

  it('puts env-file entries first, skipping comments and blank lines', () => {
    const files = { '/e': '\uFEFFX=1\r\n  # note\n\n  Y=a b\nHOME\nUNSET\n' };
    expect(build('create', ['--env-file', '/e', '-e', 'Z=9', 'busybox'], { HOME: '/h' }, files).body.Env).toEqual(['X=1', 'Y=a b', 'HOME=/h', 'Z=9']);
  });

  it('sends null Env when there is none', () => {
    expect(build('create', ['busybox']).body.Env).toBeNull();
  });

  it('reports bad env files with docker texts', () => {
    expect(stageOf(() => build('create', ['--env-file', '/e', 'busybox'], {}, { '/e': 'a b=1\n' }))).toBe("parse: invalid env file (/e): variable 'a b' contains whitespaces");
    expect(stageOf(() => build('create', ['--env-file', '/e', 'busybox'], {}, { '/e': '=1\n' }))).toBe("parse: invalid env file (/e): no variable name on line '=1'");
    expect(stageOf(() => build('create', ['--env-file', '/missing', 'busybox']))).toBe('parse: open /missing: no such file or directory');
    expect(stageOf(() => build('create', ['--env-file', '/tmp', 'busybox']))).toBe('parse: invalid env file (/tmp): read /tmp: is a directory');
  });

  it('merges label files and -l; bare file keys are dropped, bare -l is empty', () => {
    const files = { '/l': 'a=1\nb\n' };
    expect(build('create', ['--label-file', '/l', '-l', 'c', '-l', 'a=2', 'busybox'], {}, files).body.Labels).toEqual({ a: '2', c: '' });
  });
});

describe('attach, tty and stdin', () => {
  it('attaches stdout and stderr by default', () => {
    expect(build('create', ['busybox']).body).toMatchObject({ AttachStdin: false, AttachStdout: true, AttachStderr: true, OpenStdin: false, StdinOnce: false });
  });

  it('opens and attaches stdin with -i, closing it once', () => {
    const req = build('run', ['-i', 'busybox']);
    expect(req.body).toMatchObject({ AttachStdin: true, OpenStdin: true, StdinOnce: true });
    expect(req.attach).toEqual({ stdin: true, stdout: true, stderr: true });
  });

  it('attaches only the -a streams (case-insensitive)', () => {
    expect(build('run', ['-a', 'STDERR', 'busybox']).attach).toEqual({ stdin: false, stdout: false, stderr: true });
  });

  it('detaches everything with run -d and keeps OpenStdin', () => {
    const req = build('run', ['-dit', 'busybox']);
    expect(req.detach).toBe(true);
    expect(req.body).toMatchObject({ AttachStdin: false, AttachStdout: false, AttachStderr: false, StdinOnce: false, OpenStdin: true, Tty: true });
  });

  it('allows -d with --rm, refuses -d with -a', () => {
    expect(build('run', ['-d', '--rm', 'busybox']).body.HostConfig?.AutoRemove).toBe(true);
    expect(stageOf(() => build('run', ['-d', '-a', 'stdout', 'busybox']))).toBe('run: conflicting options: cannot specify both --attach and --detach');
  });

  it('reports run-only settings', () => {
    const req = build('run', ['--sig-proxy=false', '--detach-keys', 'ctrl-x', 'busybox']);
    expect(req).toMatchObject({ sigProxy: false, detachKeys: 'ctrl-x' });
    expect(build('run', ['busybox']).sigProxy).toBe(true);
    expect(build('create', ['busybox']).sigProxy).toBe(false);
  });

  it('sends the terminal size unless a linux platform is requested', () => {
    expect(build('run', ['-t', 'busybox'], {}, {}, { ttySize: [40, 120] }).body.HostConfig?.ConsoleSize).toEqual([40, 120]);
    expect(build('run', ['-t', '--platform', 'linux', 'busybox'], {}, {}, { ttySize: [40, 120] }).body.HostConfig?.ConsoleSize).toEqual([0, 0]);
  });
});

describe('request options outside the body', () => {
  it('reports name, pull, quiet, cidfile and platform', () => {
    const req = build('create', ['--name', 'web', '--pull', 'never', '-q', '--cidfile', '/c', '--platform', 'Linux/x86_64', 'busybox']);
    expect(req).toMatchObject({ name: 'web', pull: 'never', quiet: true, cidfile: '/c', platform: 'linux/amd64' });
  });

  it('pulls a missing image by default; --pull "" pulls never', () => {
    expect(build('create', ['busybox']).pull).toBe('missing');
    expect(build('create', ['--pull=', 'busybox']).pull).toBe('never');
  });

  it('defaults the platform from DOCKER_DEFAULT_PLATFORM', () => {
    expect(build('create', ['busybox'], { DOCKER_DEFAULT_PLATFORM: 'linux/arm64/v8' }).platform).toBe('linux/arm64/v8');
    expect(build('create', ['--platform', '', 'busybox'], { DOCKER_DEFAULT_PLATFORM: 'linux/arm64' }).platform).toBeUndefined();
  });

  it('warns about a loopback DNS server', () => {
    expect(build('create', ['--dns', '127.0.0.53', 'busybox']).warnings).toEqual(['Localhost DNS (127.0.0.53) may fail in containers.']);
  });
});

describe('restart and health', () => {
  it('parses restart policies', () => {
    expect(build('create', ['--restart', 'on-failure:5', 'busybox']).body.HostConfig?.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 5 });
    expect(build('create', ['busybox']).body.HostConfig?.RestartPolicy).toEqual({ Name: 'no', MaximumRetryCount: 0 });
    expect(build('create', ['--restart', '', 'busybox']).body.HostConfig?.RestartPolicy).toEqual({ Name: '', MaximumRetryCount: 0 });
  });

  it('allows --rm with --restart no', () => {
    expect(build('create', ['--rm', '--restart', 'no', 'busybox']).body.HostConfig?.AutoRemove).toBe(true);
  });

  it('builds a healthcheck in nanoseconds', () => {
    expect(build('create', ['--health-cmd', 'true', '--health-interval', '1m30s', 'busybox']).body.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'true'], Interval: 90e9 });
    expect(build('create', ['--health-retries', '2', 'busybox']).body.Healthcheck).toEqual({ Retries: 2 });
  });

  it('sends StopTimeout only when given', () => {
    expect(build('create', ['--stop-timeout', '0', 'busybox']).body.StopTimeout).toBe(0);
    expect('StopTimeout' in build('create', ['busybox']).body).toBe(false);
  });

  it('sends Init only when given', () => {
    expect(build('create', ['--init=false', 'busybox']).body.HostConfig?.Init).toBe(false);
    expect('Init' in (build('create', ['busybox']).body.HostConfig ?? {})).toBe(false);
  });
});

describe('networks', () => {
  it('keeps --net and --network in argv order', () => {
    const { body } = build('create', ['--net', 'a', '--network', 'b', '--net', 'c', 'busybox']);
    expect(body.HostConfig?.NetworkMode).toBe('a');
    expect(Object.keys(body.NetworkingConfig?.EndpointsConfig ?? {})).toEqual(['a', 'b', 'c']);
  });

  it('keeps --dns-opt and --dns-option in argv order', () => {
    expect(build('create', ['--dns-option', 'a', '--dns-opt', 'b', '--dns-option', 'c', 'busybox']).body.HostConfig?.DnsOptions).toEqual(['a', 'b', 'c']);
  });

  it('normalizes --dns addresses', () => {
    expect(build('create', ['--dns', '2001:DB8:0:0:0:0:0:1', 'busybox']).body.HostConfig?.Dns).toEqual(['2001:db8::1']);
  });

  it('refuses conflicting per-network options', () => {
    expect(stageOf(() => build('create', ['--network', 'name=n1,alias=x', '--network-alias', 'y', 'busybox'])))
      .toBe('parse: conflicting options: cannot specify both --network-alias and per-network alias');
    expect(stageOf(() => build('create', ['--network', 'bridge', '--link', 'a', '--network-alias', 'x', 'busybox'])))
      .toBe('parse: network-scoped aliases are only supported for user-defined networks');
  });

  it('refuses any MAC address at API 1.41, as docker 28 does', () => {
    expect(stageOf(() => build('create', ['--mac-address', '02:42:ac:11:00:02', 'busybox'])))
      .toBe('create: "specify mac-address per network" requires API version 1.44, but the Docker daemon API version is 1.41');
  });
});

describe('mounts and devices', () => {
  it('splits -v into binds and anonymous volumes, making ./ sources absolute', () => {
    const { body } = build('create', ['-v', '/data', '-v', './d:/x:ro', '-v', 'named:/n', '-v', '/h:/c', '-v', '/h:/c', 'busybox']);
    expect(body.Volumes).toEqual({ '/data': {} });
    expect(body.HostConfig?.Binds).toEqual(['/work/d:/x:ro', 'named:/n', '/h:/c']);
  });

  it('parses --tmpfs path[:options]', () => {
    expect(build('create', ['--tmpfs', '/run:size=1m', '--tmpfs', '/x', 'busybox']).body.HostConfig?.Tmpfs).toEqual({ '/run': 'size=1m', '/x': '' });
  });

  it('makes relative --mount sources absolute and keeps Go key order', () => {
    const mounts = build('create', ['--mount', 'src=./v,dst=/v,type=bind,bind-propagation=rslave,ro', 'busybox']).body.HostConfig?.Mounts;
    expect(JSON.stringify(mounts)).toBe('[{"Type":"bind","Source":"/work/v","Target":"/v","ReadOnly":true,"BindOptions":{"Propagation":"rslave"}}]');
  });

  it('refuses bind-recursive=readonly at API 1.41', () => {
    expect(stageOf(() => build('create', ['--mount', 'type=bind,src=/a,dst=/b,ro,bind-propagation=rprivate,bind-recursive=readonly', 'busybox'])))
      .toBe('create: bind-recursive=readonly requires API v1.44 or later');
  });

  it('maps devices and CDI names', () => {
    const hc = build('create', ['--device', '/dev/fuse', '--device', '/dev/sda:/dev/xvda:r', '--device', 'vendor.com/gpu=all', 'busybox']).body.HostConfig;
    expect(hc?.Devices).toEqual([
      { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' },
      { PathOnHost: '/dev/sda', PathInContainer: '/dev/xvda', CgroupPermissions: 'r' },
    ]);
    expect(hc?.DeviceRequests).toEqual([{ Driver: 'cdi', Count: 0, DeviceIDs: ['vendor.com/gpu=all'], Capabilities: null, Options: null }]);
  });

  it('normalizes capabilities like the moby client', () => {
    const hc = build('create', ['--cap-add', 'net_admin', '--cap-add', 'CAP_NET_ADMIN', '--cap-add', 'all', '--cap-drop', 'chown', 'busybox']).body.HostConfig;
    expect(hc?.CapAdd).toEqual(['ALL', 'CAP_NET_ADMIN']);
    expect(hc?.CapDrop).toEqual(['CAP_CHOWN']);
  });
});

describe('resources', () => {
  it('converts sizes and CPUs', () => {
    const hc = build('create', ['-m', '1.5g', '--memory-swap', '-1', '--cpus', '0.25', '--shm-size', '64m', '--pids-limit', '-1', 'busybox']).body.HostConfig;
    expect(hc).toMatchObject({ Memory: 1610612736, MemorySwap: -1, NanoCpus: 250000000, ShmSize: 67108864, PidsLimit: -1 });
  });

  it('keeps one ulimit per name, sorted', () => {
    const hc = build('create', ['--ulimit', 'nproc=5', '--ulimit', 'core=0', '--ulimit', 'nproc=-1', 'busybox']).body.HostConfig;
    expect(hc?.Ulimits).toEqual([{ Name: 'core', Hard: 0, Soft: 0 }, { Name: 'nproc', Hard: -1, Soft: -1 }]);
  });

  it('inlines a local seccomp profile, compacted', () => {
    const files = { '/p.json': '{ "defaultAction": "SCMP_ACT_ALLOW",\n  "x": "a b" }\n' };
    expect(build('create', ['--security-opt', 'seccomp=/p.json', 'busybox'], {}, files).body.HostConfig?.SecurityOpt)
      .toEqual(['seccomp={"defaultAction":"SCMP_ACT_ALLOW","x":"a b"}']);
  });
});
