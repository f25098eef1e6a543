import { describe, expect, it } from 'vitest';
import { parseFlags } from '../pflag.js';
import { checkFlagSupport, ContainerOptionsError } from './create-errors.js';
import { buildExecConfig, checkExecTty, EXEC_FLAGS, EXEC_FLAG_REQUIREMENTS } from './exec-flags.js';
import { validateUpdateBody } from '../../domain/containers/validate/create-body.js';
import { buildUpdateBody, UPDATE_FLAGS } from './update-flags.js';
import { RECORDED_HOST, virtualFs } from './testdata/harness.js';

const files = { '/tmp/cap/g.env': 'GA=1\n# comment\n\nHOME\nGB=x y\n' };
const exec = (argv: string[], configKeys = '') =>
  buildExecConfig(parseFlags(argv, EXEC_FLAGS, { interspersed: false }), { HOME: '/root' }, virtualFs(files), configKeys);
const update = (argv: string[]) => buildUpdateBody(parseFlags(argv, UPDATE_FLAGS, { interspersed: true }));

describe('docker exec bodies recorded from docker 28.2 (byte for byte)', () => {
  it.each([
    [['-d', 'c1', 'true'], '{"User":"","Privileged":false,"Tty":false,"AttachStdin":false,"AttachStderr":false,"AttachStdout":false,"Detach":true,"DetachKeys":"","Env":null,"WorkingDir":"","Cmd":["true"]}'],
    [['c1', 'true'], '{"User":"","Privileged":false,"Tty":false,"AttachStdin":false,"AttachStderr":true,"AttachStdout":true,"Detach":false,"DetachKeys":"","Env":null,"WorkingDir":"","Cmd":["true"]}'],
    [['-i', 'c1', 'true'], '{"User":"","Privileged":false,"Tty":false,"AttachStdin":true,"AttachStderr":true,"AttachStdout":true,"Detach":false,"DetachKeys":"","Env":null,"WorkingDir":"","Cmd":["true"]}'],
    [['-e', 'A=1', '-e', 'HOME', '-e', 'NOPE', '-u', '1:1', '-w', '/tmp', '--privileged', '--detach-keys', 'ctrl-a,a', 'c1', 'true'],
      '{"User":"1:1","Privileged":true,"Tty":false,"AttachStdin":false,"AttachStderr":true,"AttachStdout":true,"Detach":false,"DetachKeys":"ctrl-a,a","Env":["A=1","HOME=/root","NOPE"],"WorkingDir":"/tmp","Cmd":["true"]}'],
    [['--env-file', '/tmp/cap/g.env', '-e', 'A=2', 'c1', 'true'],
      '{"User":"","Privileged":false,"Tty":false,"AttachStdin":false,"AttachStderr":true,"AttachStdout":true,"Detach":false,"DetachKeys":"","Env":["GA=1","HOME=/root","GB=x y","A=2"],"WorkingDir":"","Cmd":["true"]}'],
    [['-it', 'c1', 'true'], '{"User":"","Privileged":false,"Tty":true,"AttachStdin":true,"AttachStderr":true,"AttachStdout":true,"Detach":false,"DetachKeys":"","Env":null,"WorkingDir":"","Cmd":["true"]}'],
  ])('exec %j', (argv, body) => {
    const req = exec(argv);
    expect(JSON.stringify(req.body)).toBe(body);
    expect(req.container).toBe('c1');
    expect(req.start).toEqual({ Detach: argv.includes('-d'), Tty: argv.includes('-it') });
  });

  it('keeps repeated -e values (exec does not collapse them)', () => {
    expect(exec(['-e', 'A=1', '-e', 'A=2', 'c1', 'sh']).body.Env).toEqual(['A=1', 'A=2']);
  });

  it('takes detach keys from the client config unless given', () => {
    expect(exec(['c1', 'sh'], 'ctrl-q').body.DetachKeys).toBe('ctrl-q');
    expect(exec(['--detach-keys', 'ctrl-x', 'c1', 'sh'], 'ctrl-q').body.DetachKeys).toBe('ctrl-x');
  });

  it('prints env-file errors bare with exit 1', () => {
    const err = (() => { try { exec(['--env-file', '/nope', 'c1', 'sh']); } catch (e) { return e; } })() as ContainerOptionsError;
    expect([err.stage, err.message]).toEqual(['run', 'open /nope: no such file or directory']);
  });

  it('needs a terminal for -it unless detached', () => {
    expect(() => checkExecTty(exec(['-it', 'c1', 'sh']).body, false)).toThrow('the input device is not a TTY');
    expect(() => checkExecTty(exec(['-it', 'c1', 'sh']).body, true)).not.toThrow();
    expect(() => checkExecTty(exec(['-dit', 'c1', 'sh']).body, false)).not.toThrow();
  });

  it('knows the API versions of its flags', () => {
    expect(checkFlagSupport(new Set(['workdir']), EXEC_FLAG_REQUIREMENTS, { apiVersion: '1.30', osType: 'linux' })?.message)
      .toBe('"--workdir" requires API version 1.35, but the Docker daemon API version is 1.30');
  });
});

describe('docker update bodies recorded from docker 28.2 (byte for byte)', () => {
  it.each([
    [['--memory', '20m', '--memory-swap', '40m', 'c1'], '{"CpuShares":0,"Memory":20971520,"NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":null,"BlkioDeviceReadBps":null,"BlkioDeviceWriteBps":null,"BlkioDeviceReadIOps":null,"BlkioDeviceWriteIOps":null,"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":null,"DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,"MemorySwap":41943040,"MemorySwappiness":null,"OomKillDisable":null,"PidsLimit":null,"Ulimits":null,"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"RestartPolicy":{"Name":"","MaximumRetryCount":0}}'],
    [['--restart', 'on-failure:2', 'c1'], '{"CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":null,"BlkioDeviceReadBps":null,"BlkioDeviceWriteBps":null,"BlkioDeviceReadIOps":null,"BlkioDeviceWriteIOps":null,"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":null,"DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":null,"OomKillDisable":null,"PidsLimit":null,"Ulimits":null,"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":2}}'],
    [['--cpus', '0.5', '--pids-limit', '50', '--cpu-shares', '100', '--blkio-weight', '300', '--cpuset-cpus', '0', 'c1'], '{"CpuShares":100,"Memory":0,"NanoCpus":500000000,"CgroupParent":"","BlkioWeight":300,"BlkioWeightDevice":null,"BlkioDeviceReadBps":null,"BlkioDeviceWriteBps":null,"BlkioDeviceReadIOps":null,"BlkioDeviceWriteIOps":null,"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"0","CpusetMems":"","Devices":null,"DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":null,"OomKillDisable":null,"PidsLimit":50,"Ulimits":null,"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"RestartPolicy":{"Name":"","MaximumRetryCount":0}}'],
    [['--memory-swap', '-1', '--kernel-memory', '10m', 'c1'], '{"CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":null,"BlkioDeviceReadBps":null,"BlkioDeviceWriteBps":null,"BlkioDeviceReadIOps":null,"BlkioDeviceWriteIOps":null,"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":null,"DeviceCgroupRules":null,"DeviceRequests":null,"KernelMemory":10485760,"MemoryReservation":0,"MemorySwap":-1,"MemorySwappiness":null,"OomKillDisable":null,"PidsLimit":null,"Ulimits":null,"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"RestartPolicy":{"Name":"","MaximumRetryCount":0}}'],
    [['--pids-limit', '-1', 'c1', 'c2'], '{"CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":null,"BlkioDeviceReadBps":null,"BlkioDeviceWriteBps":null,"BlkioDeviceReadIOps":null,"BlkioDeviceWriteIOps":null,"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":null,"DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":null,"OomKillDisable":null,"PidsLimit":-1,"Ulimits":null,"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"RestartPolicy":{"Name":"","MaximumRetryCount":0}}'],
  ])('update %j', (argv, body) => {
    const req = update(argv);
    expect(JSON.stringify(req.body)).toBe(body);
    expect(req.containers).toEqual(argv.filter((a) => /^c\d$/.test(a)));
  });

  it('refuses an update without flags, and bad restart formats, bare with exit 1', () => {
    const fail = (argv: string[]) => { try { update(argv); } catch (e) { const o = e as ContainerOptionsError; return `${o.stage}: ${o.message}`; } return 'ok'; };
    expect(fail(['c1'])).toBe('run: you must provide one or more flags when using this command');
    expect(fail(['--restart', ':1', 'c1'])).toBe('run: invalid restart policy format: no policy provided before colon');
    expect(fail(['--restart', 'always:x', 'c1'])).toBe('run: invalid restart policy format: maximum retry count must be an integer');
  });

  it('leaves daemon-side checks to validateUpdateBody', () => {
    expect(() => validateUpdateBody(update(['--restart', 'bogus', 'c1']).body, RECORDED_HOST)).toThrow("invalid restart policy 'bogus'");
    expect(() => validateUpdateBody(update(['-m', '1k', 'c1']).body, RECORDED_HOST)).toThrow('Minimum memory limit allowed is 6MB');
    expect(() => validateUpdateBody(update(['--kernel-memory', '1m', 'c1']).body, RECORDED_HOST)).toThrow('Minimum kernel memory limit allowed is 6MB');
    expect(validateUpdateBody(update(['--memory-swap', '20m', 'c1']).body, RECORDED_HOST).warnings).toEqual([]);
    expect(validateUpdateBody(update(['--kernel-memory', '10m', 'c1']).body, RECORDED_HOST).warnings)
      .toEqual(['Specifying a kernel memory limit is deprecated and will be removed in a future release.']);
  });
});

