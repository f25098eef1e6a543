// NetworkSettings of inspect (and the summary's networks and ports) from the container's record and
// what its network attachment recorded while it runs: Docker fills the addresses only while the
// container runs, and the top-level (legacy) fields only from the default bridge.
import type { ContainerRecord } from '../model/container.js';
import type { EndpointSettings, PortMap } from '../model/docker-types.js';

export interface EndpointView { NetworkID: string; EndpointID: string; Gateway: string; IPAddress: string; IPPrefixLen: number; MacAddress: string; Aliases: string[] | null }

/** What the domain gathers for the views: the sandbox and, per network the container names, its live endpoint. */
export interface NetworkRuntime {
  sandbox?: { Id: string; Key: string; Ports: PortMap };
  networks: Array<{ name: string; id: string; endpoint?: EndpointView }>;
}

const running = (rec: ContainerRecord) => rec.State.Status === 'running' || rec.State.Status === 'paused';

/** The user's endpoint settings for a network (keyed by name; the CLI's "default" for the bridge). */
function userSettings(rec: ContainerRecord, name: string): EndpointSettings {
  const eps = rec.NetworkingConfig?.EndpointsConfig ?? {};
  return eps[name] ?? (name === 'bridge' ? eps.default : undefined) ?? {};
}

function ipamConfig(s: EndpointSettings): Record<string, unknown> | null {
  const c = s.IPAMConfig as Record<string, unknown> | null | undefined;
  if (!c) return null;
  const kept = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));
  return Object.keys(kept).length > 0 ? kept : null;
}

function endpointSettings(rec: ContainerRecord, name: string, live: EndpointView | undefined): Record<string, unknown> {
  const s = userSettings(rec, name);
  const aliases = live?.Aliases?.length ? live.Aliases : s.Aliases?.length ? s.Aliases : null;
  return {
    IPAMConfig: ipamConfig(s), Links: s.Links?.length ? s.Links : null, Aliases: aliases, MacAddress: live?.MacAddress ?? '',
    DriverOpts: null, NetworkID: live?.NetworkID ?? '', EndpointID: live?.EndpointID ?? '', Gateway: live?.Gateway ?? '',
    IPAddress: live?.IPAddress ?? '', IPPrefixLen: live?.IPPrefixLen ?? 0, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
  };
}

/** The published ports as inspect, ps and `port` show them: the host ports really taken while running. */
export function livePorts(rec: ContainerRecord, rt: NetworkRuntime | undefined): PortMap {
  if (!running(rec)) return {};
  if (rt?.sandbox) return rt.sandbox.Ports;
  // No sandbox (host or none network, or a container started before ports were published): exposed only.
  const out: PortMap = {};
  if ((rec.HostConfig.NetworkMode || 'default') !== 'host') for (const p of Object.keys(rec.Config.ExposedPorts ?? {})) out[p] = null;
  return out;
}

export function networkSettings(rec: ContainerRecord, rt: NetworkRuntime = { networks: [] }): Record<string, unknown> {
  const live = running(rec);
  const bridge = live ? rt.networks.find((n) => n.name === 'bridge')?.endpoint : undefined;
  const names = rt.networks.length > 0 ? rt.networks.map((n) => n.name) : [networkNameOf(rec)];
  return {
    Bridge: '', SandboxID: live ? rt.sandbox?.Id ?? '' : '', HairpinMode: false, LinkLocalIPv6Address: '', LinkLocalIPv6PrefixLen: 0,
    Ports: livePorts(rec, rt), SandboxKey: live ? rt.sandbox?.Key ?? '' : '', SecondaryIPAddresses: null, SecondaryIPv6Addresses: null,
    EndpointID: bridge?.EndpointID ?? '', Gateway: bridge?.Gateway ?? '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
    IPAddress: bridge?.IPAddress ?? '', IPPrefixLen: bridge?.IPPrefixLen ?? 0, IPv6Gateway: '', MacAddress: bridge?.MacAddress ?? '',
    Networks: Object.fromEntries(names.map((name) => [name, endpointSettings(rec, name, live ? rt.networks.find((n) => n.name === name)?.endpoint : undefined)])),
  };
}

const networkNameOf = (rec: ContainerRecord) => {
  const mode = rec.HostConfig.NetworkMode || 'default';
  return mode === 'default' ? 'bridge' : mode;
};
