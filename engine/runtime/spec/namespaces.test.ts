import { describe, expect, it } from 'vitest';
import { buildNamespaces, buildSysctls, containerHostname, ipcKind } from './namespaces.js';
import { parseSecurityOpts } from './security-opts.js';
import { makeRecord } from './testdata/fixtures.js';
import type { HostConfig } from '../../model/docker-types.js';

const hc = (over: Partial<HostConfig> = {}) => makeRecord({}, over).HostConfig;
const types = (over: Partial<HostConfig>, netns?: string) => buildNamespaces(hc(over), netns).map((n) => n.path ? `${n.type}=${n.path}` : n.type);

describe('namespaces', () => {
  it('Docker\'s order: mount, network, uts, pid, ipc', () => {
    expect(types({})).toEqual(['mount', 'network', 'uts', 'pid', 'ipc']);
    expect(types({ NetworkMode: 'none' })).toEqual(['mount', 'network', 'uts', 'pid', 'ipc']);
  });

  it('host modes drop the namespace; a prepared netns is joined by path', () => {
    expect(types({ NetworkMode: 'host' })).toEqual(['mount', 'uts', 'pid', 'ipc']);
    expect(types({ PidMode: 'host', IpcMode: 'host', UTSMode: 'host' })).toEqual(['mount', 'network']);
    expect(types({}, '/run/netns/x')).toEqual(['mount', 'network=/run/netns/x', 'uts', 'pid', 'ipc']);
    expect(types({ CgroupnsMode: 'private' }).at(-1)).toBe('cgroup');
  });

  it('sharing another container\'s namespaces is not implemented yet', () => {
    for (const over of [{ NetworkMode: 'container:x' }, { PidMode: 'container:x' }, { IpcMode: 'container:x' }, { UsernsMode: 'private' }]) {
      expect(() => buildNamespaces(hc(over))).toThrow(expect.objectContaining({ kind: 'not-implemented' }));
    }
  });

  it('ipc kinds', () => {
    expect(['', 'private', 'shareable', 'host', 'none'].map((IpcMode) => ipcKind({ IpcMode }))).toEqual(['private', 'private', 'private', 'host', 'none']);
  });
});

describe('hostname', () => {
  it('--hostname, else the 12-char id, else the host\'s name with --network host', () => {
    const r = makeRecord({ Hostname: '' });
    expect(containerHostname(r, 'vm')).toBe(r.Id.slice(0, 12));
    expect(containerHostname(makeRecord({ Hostname: 'web' }), 'vm')).toBe('web');
    expect(containerHostname(makeRecord({ Hostname: '' }, { NetworkMode: 'host' }), 'vm')).toBe('vm');
  });
});

describe('sysctls', () => {
  it('Docker\'s two defaults, user values on top', () => {
    expect(buildSysctls(hc({ Sysctls: { 'net.core.somaxconn': '1024' } }))).toEqual({
      'net.ipv4.ip_unprivileged_port_start': '0', 'net.ipv4.ping_group_range': '0 2147483647', 'net.ipv6.conf.all.disable_ipv6': '1',
      'net.core.somaxconn': '1024',
    });
    // --sysctl can turn IPv6 back on, as with Docker.
    expect(buildSysctls(hc({ Sysctls: { 'net.ipv6.conf.all.disable_ipv6': '0' } }))?.['net.ipv6.conf.all.disable_ipv6']).toBe('0');
    expect(buildSysctls(hc({ NetworkMode: 'container:abc' }))?.['net.ipv6.conf.all.disable_ipv6']).toBeUndefined();
  });

  it('none with the host network; net.* sysctls are refused there', () => {
    expect(buildSysctls(hc({ NetworkMode: 'host' }))).toBeUndefined();
    expect(buildSysctls(hc({ NetworkMode: 'host', Sysctls: { 'kernel.msgmax': '1' } }))).toEqual({ 'kernel.msgmax': '1' });
    expect(() => buildSysctls(hc({ NetworkMode: 'host', Sysctls: { 'net.core.somaxconn': '1' } })))
      .toThrow('sysctl "net.core.somaxconn" not allowed in host network namespace');
  });

  it('rootless leaves out ping_group_range (unmapped gids are refused in a user namespace)', () => {
    expect(buildSysctls(hc(), true)).toEqual({ 'net.ipv4.ip_unprivileged_port_start': '0', 'net.ipv6.conf.all.disable_ipv6': '1' });
  });
});

describe('--security-opt', () => {
  it('parses Docker\'s forms', () => {
    expect(parseSecurityOpts(['no-new-privileges'])).toMatchObject({ noNewPrivileges: true, seccomp: 'default' });
    expect(parseSecurityOpts(['no-new-privileges=false', 'seccomp=unconfined', 'apparmor:unconfined', 'label=disable'])).toMatchObject({
      noNewPrivileges: false, seccomp: 'unconfined', apparmor: 'unconfined', labels: ['disable'],
    });
    expect(parseSecurityOpts(['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}']).seccomp).toEqual({ defaultAction: 'SCMP_ACT_ALLOW' });
    expect(parseSecurityOpts(['systempaths=unconfined']).unconfinedSystemPaths).toBe(true);
  });

  it('rejects unknown options with Docker\'s messages', () => {
    expect(() => parseSecurityOpts(['foo'])).toThrow('invalid --security-opt 1: "foo"');
    expect(() => parseSecurityOpts(['foo=bar'])).toThrow('invalid --security-opt 2: "foo=bar"');
    expect(() => parseSecurityOpts(['no-new-privileges=maybe'])).toThrow('invalid --security-opt 2: "no-new-privileges=maybe"');
  });
});
