// What inspect, ps and `port` show of a container's networking: its sandbox and, for each network it
// names, the endpoint it holds there (slirp4netns containers get slirp's fixed addresses).
import type { Engine } from '../context.js';
import { netStore } from './store.js';
import type { ContainerRecord } from '../model/container.js';
import type { NetworkRuntime } from '../views/container-network.js';
import { containerNetworkNames, macFromIp } from './endpoints.js';
import { ensurePredefined, findNetwork } from './records.js';
import type { EndpointRecord, NetworkRecord, SandboxRecord } from '../model/network.js';
import { SLIRP_GATEWAY, SLIRP_IP, SLIRP_PREFIX } from './rootless-addresses.js';

/** Where the runtime view reads sandboxes, endpoints and networks from. */
interface NetSource {
  sandbox(containerId: string): SandboxRecord | undefined;
  endpoints(containerId: string): EndpointRecord[];
  network(name: string): NetworkRecord | undefined;
}

export function networkRuntime(engine: Engine, rec: ContainerRecord): NetworkRuntime {
  return runtimeFrom({
    sandbox: (id) => netStore(engine).getSandbox(id),
    endpoints: (id) => netStore(engine).listEndpoints({ containerId: id }),
    network: (name) => findNetwork(engine, name),
  }, rec);
}

/**
 * For listing many containers: three queries in all instead of three per container (ps and
 * GET /containers/json). Network references in records are names or full ids, never prefixes.
 */
export function networkRuntimes(engine: Engine): (rec: ContainerRecord) => NetworkRuntime {
  ensurePredefined(engine);
  const store = netStore(engine);
  const sandboxes = new Map(store.listSandboxes().map((sb) => [sb.ContainerId, sb]));
  const endpoints = new Map<string, EndpointRecord[]>();
  for (const ep of store.listEndpoints()) endpoints.set(ep.ContainerId, [...(endpoints.get(ep.ContainerId) ?? []), ep]);
  const networks = new Map<string, NetworkRecord>();
  for (const n of store.listNetworks()) { networks.set(n.Id, n); networks.set(n.Name, n); }
  const source: NetSource = {
    sandbox: (id) => sandboxes.get(id),
    endpoints: (id) => endpoints.get(id) ?? [],
    network: (name) => networks.get(name) ?? findNetwork(engine, name),
  };
  return (rec) => runtimeFrom(source, rec);
}

function runtimeFrom(src: NetSource, rec: ContainerRecord): NetworkRuntime {
  const sandbox = src.sandbox(rec.Id);
  const endpoints = src.endpoints(rec.Id);
  const mode = rec.HostConfig.NetworkMode || 'default';
  const names = mode.startsWith('container:') ? [] : containerNetworkNames(rec);
  return {
    sandbox: sandbox ? { Id: sandbox.Id, Key: sandbox.Key, Ports: sandbox.Ports } : undefined,
    networks: names.map((name) => {
      const net = src.network(name);
      const ep = net ? endpoints.find((e) => e.NetworkId === net.Id) : undefined;
      if (ep) {
        return { name, id: net!.Id, endpoint: { NetworkID: net!.Id, EndpointID: ep.EndpointId, Gateway: ep.Gateway, IPAddress: ep.IPAddress, IPPrefixLen: ep.IPPrefixLen, MacAddress: ep.MacAddress, Aliases: ep.Aliases.length ? ep.Aliases : null } };
      }
      if (sandbox?.Slirp && net && name === 'bridge') {
        return { name, id: net.Id, endpoint: { NetworkID: net.Id, EndpointID: sandbox.Id, Gateway: SLIRP_GATEWAY, IPAddress: SLIRP_IP, IPPrefixLen: SLIRP_PREFIX, MacAddress: macFromIp(SLIRP_IP), Aliases: null } };
      }
      // host and none: Docker shows the network's id while the container runs.
      const live = rec.State.Status === 'running' && net && net.Driver !== 'bridge';
      return { name, id: net?.Id ?? '', endpoint: live ? { NetworkID: net!.Id, EndpointID: '', Gateway: '', IPAddress: '', IPPrefixLen: 0, MacAddress: '', Aliases: null } : undefined };
    }),
  };
}
