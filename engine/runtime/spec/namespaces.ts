// Namespaces, hostname and sysctls from the *Mode fields of HostConfig, in Docker 20.10's order
// (mount, network, uts, pid, ipc). Sharing another container's namespaces comes later (not-implemented).
import { invalidArgument, notImplemented } from '../../errors.js';
import type { ContainerRecord } from '../../model/container.js';
import type { HostConfig } from '../../model/docker-types.js';
import type { OciNamespace } from './types.js';

export type IpcKind = 'private' | 'host' | 'none';

const isHost = (mode: string | undefined) => mode === 'host';

function unsupportedMode(flag: string, mode: string): never {
  throw notImplemented('namespace-mode', `--${flag} ${mode} is not supported yet`);
}

/** --network: default/bridge/none get a new netns (a pre-made one when netnsPath is given); host gets none. */
export function isHostNetwork(hc: Pick<HostConfig, 'NetworkMode'>): boolean {
  return isHost(hc.NetworkMode);
}

function networkNamespace(mode: string, netnsPath: string | undefined): OciNamespace[] {
  if (isHost(mode)) return [];
  if (mode.startsWith('container:') && !netnsPath) unsupportedMode('network', mode);
  const known = ['', 'default', 'bridge', 'none'].includes(mode);
  if (!known && !netnsPath) unsupportedMode('network', mode);
  return [netnsPath ? { type: 'network', path: netnsPath } : { type: 'network' }];
}

export function ipcKind(hc: Pick<HostConfig, 'IpcMode'>): IpcKind {
  const mode = hc.IpcMode ?? '';
  if (mode === 'host' || mode === 'none') return mode;
  if (mode === '' || mode === 'private' || mode === 'shareable') return 'private';
  return unsupportedMode('ipc', mode);
}

function privateUnlessHost(flag: string, mode: string | undefined, type: OciNamespace['type']): OciNamespace[] {
  if (isHost(mode)) return [];
  if (mode && mode !== 'private') unsupportedMode(flag, mode);
  return [{ type }];
}

export function buildNamespaces(hc: HostConfig, netnsPath?: string): OciNamespace[] {
  if (hc.UsernsMode && hc.UsernsMode !== 'host') unsupportedMode('userns', hc.UsernsMode);
  const namespaces: OciNamespace[] = [
    { type: 'mount' },
    ...networkNamespace(hc.NetworkMode ?? '', netnsPath),
    ...privateUnlessHost('uts', hc.UTSMode, 'uts'),
    ...privateUnlessHost('pid', hc.PidMode, 'pid'),
    ...(ipcKind(hc) === 'host' ? [] : [{ type: 'ipc' as const }]),
  ];
  // cgroup v1 hosts default to the host cgroup namespace (Docker 20.10); `--cgroupns private` asks for one.
  if (hc.CgroupnsMode === 'private') namespaces.push({ type: 'cgroup' });
  return namespaces;
}

/** The UTS hostname: --hostname, else the 12-char id, else (host network) the host's own name. */
export function containerHostname(record: Pick<ContainerRecord, 'Id' | 'Config' | 'HostConfig'>, hostHostname = ''): string {
  if (record.Config.Hostname) return record.Config.Hostname;
  if (isHostNetwork(record.HostConfig) || isHost(record.HostConfig.UTSMode)) return hostHostname;
  return record.Id.slice(0, 12);
}

// docker parity: moby daemon/oci_linux.go WithSysctls defaults (unprivileged ping and low ports)
export const DOCKER_DEFAULT_SYSCTLS: Readonly<Record<string, string>> = {
  'net.ipv4.ip_unprivileged_port_start': '0',
  'net.ipv4.ping_group_range': '0 2147483647',
};

/**
 * Docker's two defaults for a private network namespace, then --sysctl values. Inside a user namespace
 * (rootless) the kernel refuses a ping_group_range with unmapped gids, so Docker leaves it out there.
 * IPv6 is disabled in the namespace as libnetwork does for networks without IPv6 (all of skiff's, for now):
 * Docker does it on the sandbox, not in config.json, so --sysctl can still turn it back on.
 */
export const DISABLE_IPV6 = 'net.ipv6.conf.all.disable_ipv6';

export function buildSysctls(hc: HostConfig, rootless = false): Record<string, string> | undefined {
  const hostNet = isHostNetwork(hc);
  const out: Record<string, string> = {};
  if (!hostNet) {
    // docker parity: moby daemon/oci_linux.go WithSysctls (userns.RunningInUserNS skips ping_group_range)
    out['net.ipv4.ip_unprivileged_port_start'] = DOCKER_DEFAULT_SYSCTLS['net.ipv4.ip_unprivileged_port_start']!;
    if (!rootless) out['net.ipv4.ping_group_range'] = DOCKER_DEFAULT_SYSCTLS['net.ipv4.ping_group_range']!;
    // docker parity: measured on Docker 20.10 (default and none networks): disable_ipv6 is 1 for all, default and lo
    // (a joined container:<x> namespace keeps what its own container set).
    if (!(hc.NetworkMode ?? '').startsWith('container:')) out[DISABLE_IPV6] = '1';
  }
  for (const [key, value] of Object.entries(hc.Sysctls ?? {})) {
    if (hostNet && key.startsWith('net.')) {
      // docker parity: runc libcontainer/configs/validate sysctl check (reported by docker run)
      throw invalidArgument('sysctl-host-netns', `sysctl "${key}" not allowed in host network namespace`);
    }
    out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
