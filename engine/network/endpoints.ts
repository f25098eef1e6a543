// A container's endpoints on bridge networks: the networks it names, the address each one gives it
// (a static --ip or the lowest free one), the MAC Docker would derive from that address, and the
// DNS aliases. Leases are taken inside a state transaction, so concurrent starts never collide.
import type { Engine } from '../context.js';
import { netStore } from './store.js';
import { conflict, invalidArgument } from '../errors.js';
import type { ContainerRecord } from '../model/container.js';
import type { EndpointSettings } from '../model/docker-types.js';
import type { EndpointRecord, NetworkRecord } from '../model/network.js';
import { generateId } from '../sys/ids.js';
import { contains, freeAddress, ipToInt, parseCidr } from './ipnet.js';
import { findNetwork, networkNameOf, noSuchNetwork } from './records.js';

/** The networks a container is attached to, in order: its NetworkMode's first, then the others. */
export function containerNetworkNames(rec: Pick<ContainerRecord, 'HostConfig' | 'NetworkingConfig' | 'AttachedNetworks'>): string[] {
  if (rec.AttachedNetworks) return [...rec.AttachedNetworks];
  const mode = rec.HostConfig.NetworkMode || 'default';
  if (mode.startsWith('container:')) return [];
  const names = [networkNameOf(mode)];
  for (const key of Object.keys(rec.NetworkingConfig?.EndpointsConfig ?? {})) {
    const name = networkNameOf(key);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Endpoint settings the user gave for a network (keyed by name, or "default" for the bridge). */
export function endpointConfig(rec: Pick<ContainerRecord, 'NetworkingConfig'>, net: NetworkRecord): EndpointSettings {
  const eps = rec.NetworkingConfig?.EndpointsConfig ?? {};
  return eps[net.Name] ?? eps[net.Id] ?? (net.Name === 'bridge' ? eps.default : undefined) ?? {};
}

// docker parity: libnetwork netutils.GenerateMACFromIP — 02:42 followed by the IPv4 address
export const macFromIp = (ip: string) => ['02', '42', ...ip.split('.').map((n) => Number(n).toString(16).padStart(2, '0'))].join(':');

function pickAddress(net: NetworkRecord, wanted: string | undefined, taken: Set<string>): string {
  const b = net.Bridge!;
  const subnet = parseCidr(b.Subnet)!;
  if (wanted) {
    // docker parity: moby daemon/container_operations.go validateNetworkingConfig / updateNetworkConfig
    if (net.Name === 'bridge') throw invalidArgument('ip-on-default-bridge', 'user specified IP address is supported on user defined networks only');
    if (b.AutoSubnet) throw invalidArgument('ip-on-auto-subnet', 'user specified IP address is supported only when connecting to networks with user configured subnets');
    if (!contains(subnet, ipToInt(wanted))) throw invalidArgument('ip-not-in-subnet', `no configured subnet or ip-range contain the IP address ${wanted}`);
    if (taken.has(wanted)) throw conflict('ip-in-use', 'Address already in use');
    return wanted;
  }
  const ip = freeAddress(subnet, b.IPRange ? parseCidr(b.IPRange) : undefined, taken);
  if (!ip) throw conflict('ip-exhausted', `no available IPv4 addresses on this network's address pools: ${net.Name} (${net.Id})`);
  return ip;
}

export interface EndpointRequest { network: NetworkRecord; settings: EndpointSettings; interfaceName: string }

/** Inside a transaction: leases an address on the network and records the endpoint. */
export function leaseEndpoint(engine: Engine, rec: ContainerRecord, req: EndpointRequest): EndpointRecord {
  const net = req.network;
  const b = net.Bridge!;
  const taken = new Set(netStore(engine).listEndpoints({ networkId: net.Id }).filter((e) => e.ContainerId !== rec.Id).map((e) => e.IPAddress));
  taken.add(b.Gateway);
  for (const aux of Object.values(net.IPAM.Config[0]?.AuxiliaryAddresses ?? {})) taken.add(aux);
  const ip = pickAddress(net, req.settings.IPAMConfig?.IPv4Address || undefined, taken);
  const userDefined = net.Name !== 'bridge';
  const aliases = userDefined ? [...new Set([...(req.settings.Aliases ?? []), rec.Id.slice(0, 12)])] : [];
  const ep: EndpointRecord = {
    ContainerId: rec.Id, ContainerName: rec.Name, NetworkId: net.Id, EndpointId: generateId(), IPAddress: ip, IPPrefixLen: parseCidr(b.Subnet)!.prefix,
    Gateway: b.Gateway, MacAddress: (req.settings.MacAddress as string | undefined) || (rec.Config.MacAddress as string | undefined) || macFromIp(ip),
    Aliases: aliases, InterfaceName: req.interfaceName,
  };
  netStore(engine).deleteEndpoints(rec.Id, net.Id);
  netStore(engine).putEndpoint(ep);
  return ep;
}

/** The bridge networks a container uses, looked up (a missing one is Docker's "network X not found"). */
export function bridgeNetworksOf(engine: Engine, rec: ContainerRecord): NetworkRecord[] {
  return containerNetworkNames(rec).map((name) => {
    const net = findNetwork(engine, name);
    if (!net) throw noSuchNetwork(name);
    return net;
  }).filter((n) => n.Driver === 'bridge');
}
