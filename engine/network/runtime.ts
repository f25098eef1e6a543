// What inspect, ps and `port` show of a container's networking: its sandbox and, for each network it
// names, the endpoint it holds there (slirp4netns containers get slirp's fixed addresses).
import type { Engine } from '../context.js';
import { netStore } from './store.js';
import type { ContainerRecord } from '../model/container.js';
import type { NetworkRuntime } from '../views/container-network.js';
import { containerNetworkNames, macFromIp } from './endpoints.js';
import { findNetwork } from './records.js';
import { SLIRP_GATEWAY, SLIRP_IP, SLIRP_PREFIX } from './rootless-addresses.js';

export function networkRuntime(engine: Engine, rec: ContainerRecord): NetworkRuntime {
  const sandbox = netStore(engine).getSandbox(rec.Id);
  const endpoints = netStore(engine).listEndpoints({ containerId: rec.Id });
  const mode = rec.HostConfig.NetworkMode || 'default';
  const names = mode.startsWith('container:') ? [] : containerNetworkNames(rec);
  return {
    sandbox: sandbox ? { Id: sandbox.Id, Key: sandbox.Key, Ports: sandbox.Ports } : undefined,
    networks: names.map((name) => {
      const net = findNetwork(engine, name);
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
