// The non-resource HostConfig fields and the NetworkingConfig of run/create, from the parsed flags.
import { parseError } from './create-errors.js';
import { buildLogConfig, buildSecurityOpts, buildStorageOpts, isRestartNone, normalizeCapabilities, parseRestartPolicy } from './create-host.js';
import { buildEndpoints, networkMode, type EndpointWire } from './create-network.js';
import { nilIfEmpty } from './create-resources.js';
import type { HostParts } from './create-shape.js';
import { bool, list, num, str, type ParsedFlags, type ReadFile } from './flag-access.js';
import { mergeOrdered } from './container-flags.js';
import type { NetworkAttachment } from './network-opt.js';

export interface MountParts {
  binds: string[] | null;
  bindings: Record<string, unknown>;
  tmpfs: Record<string, string>;
  mounts: Array<Record<string, unknown>> | undefined;
}

const networksOf = (p: ParsedFlags) => mergeOrdered<NetworkAttachment>(list(p, 'net'), list(p, 'network'));

/** HostConfig minus Resources; ConsoleSize is filled in by the caller. */
export function buildHostParts(p: ParsedFlags, readFile: ReadFile, m: MountParts): HostParts {
  const restart = parseRestartPolicy(str(p, 'restart'));
  const logConfig = buildLogConfig(p);
  const security = buildSecurityOpts(list(p, 'security-opt'), readFile);
  const storageOpt = buildStorageOpts(list(p, 'storage-opt'));
  return {
    Binds: m.binds, ContainerIDFile: str(p, 'cidfile'), LogConfig: logConfig,
    NetworkMode: networkMode(networksOf(p)), PortBindings: m.bindings, RestartPolicy: restart,
    AutoRemove: bool(p, 'rm'), VolumeDriver: str(p, 'volume-driver'), VolumesFrom: nilIfEmpty(list(p, 'volumes-from')), ConsoleSize: [0, 0],
    CapAdd: normalizeCapabilities(list(p, 'cap-add')), CapDrop: normalizeCapabilities(list(p, 'cap-drop')),
    CgroupnsMode: str(p, 'cgroupns'),
    // Never nil: moby/moby#17779.
    Dns: list(p, 'dns'), DnsOptions: mergeOrdered<string>(list(p, 'dns-opt'), list(p, 'dns-option')), DnsSearch: list(p, 'dns-search'),
    ExtraHosts: nilIfEmpty(list(p, 'add-host')), GroupAdd: nilIfEmpty(list(p, 'group-add')), IpcMode: str(p, 'ipc'),
    Links: nilIfEmpty(list(p, 'link')), OomScoreAdj: num(p, 'oom-score-adj'), PidMode: str(p, 'pid'),
    Privileged: bool(p, 'privileged'), PublishAllPorts: bool(p, 'publish-all'), ReadonlyRootfs: bool(p, 'read-only'),
    SecurityOpt: security.securityOpt, StorageOpt: storageOpt, Tmpfs: m.tmpfs, UTSMode: str(p, 'uts'), UsernsMode: str(p, 'userns'),
    ShmSize: num(p, 'shm-size'), Sysctls: toMap(list(p, 'sysctl')), Runtime: str(p, 'runtime'), Isolation: str(p, 'isolation'),
    Mounts: m.mounts, MaskedPaths: security.maskedPaths, ReadonlyPaths: security.readonlyPaths,
    // Only sent when given, so the daemon's default applies otherwise.
    Init: p.changed.has('init') ? bool(p, 'init') : undefined,
  };
}

// docker parity: docker/cli cli/command/container/opts.go parse() — --rm with a restart policy
export function checkRestartWithRm(host: HostParts): void {
  if (host.AutoRemove && !isRestartNone(host.RestartPolicy)) throw parseError('conflicting options: cannot specify both --restart and --rm');
}

/** NetworkingConfig.EndpointsConfig from --network and the per-network flags. */
export function buildNetworking(p: ParsedFlags): Record<string, EndpointWire> {
  return buildEndpoints({
    networks: networksOf(p),
    aliases: mergeOrdered<string>(list(p, 'net-alias'), list(p, 'network-alias')),
    links: list(p, 'link'), ipv4: str(p, 'ip'), ipv6: str(p, 'ip6'), mac: str(p, 'mac-address'),
    linkLocalIPs: list(p, 'link-local-ip'),
  });
}

// MapOpts: later values of a key win.
function toMap(values: string[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf('=');
    m[i < 0 ? v : v.slice(0, i)] = i < 0 ? '' : v.slice(i + 1);
  }
  return m;
}
