// --network and the per-network flags (--network-alias, --link, --ip, --ip6, --mac-address,
// --link-local-ip) as NetworkingConfig.EndpointsConfig (docker/cli opts.go parseNetworkOpts).
import { parseError } from './create-errors.js';
import { isGoMAC } from '../../util/go-net.js';
import type { NetworkAttachment } from './network-opt.js';

export interface NetworkInputs {
  networks: NetworkAttachment[];
  aliases: string[];
  links: string[];
  ipv4: string;
  ipv6: string;
  mac: string;
  linkLocalIPs: string[];
}

/** An endpoint as Go encodes network.EndpointSettings (all keys, Go's order). */
export type EndpointWire = Record<string, unknown>;

/** NetworkMode helpers of docker's container.NetworkMode. */
export const isContainerMode = (n: string) => n.startsWith('container:');
export const isUserDefined = (n: string) => !['default', 'bridge', 'host', 'none'].includes(n) && !isContainerMode(n);

/** HostConfig.NetworkMode: the first network's target, "default" without --network. */
export const networkMode = (nets: NetworkAttachment[]) => nets[0]?.Target ?? 'default';

// docker parity: docker/cli cli/command/container/opts.go parseNetworkOpts
export function buildEndpoints(inp: NetworkInputs): Record<string, EndpointWire> {
  const endpoints: Record<string, EndpointWire> = {};
  if (inp.networks.length === 0) {
    endpoints.default = endpointWire(attachmentSettings(applyContainerOptions({ Target: 'default' }, inp)));
  }
  let userDefined = false;
  let other = false;
  inp.networks.forEach((net, i) => {
    if (isUserDefined(net.Target)) userDefined = true; else other = true;
    // The first network takes the old single-network flags, as it always did.
    const n = i === 0 ? applyContainerOptions({ ...net }, inp) : net;
    const ep = attachmentSettings(n);
    if (n.Target in endpoints) throw parseError(`network ${JSON.stringify(n.Target)} is specified multiple times`);
    // A lone network without options sends no endpoint config (the daemon creates one anyway).
    if (i === 0 && inp.networks.length === 1 && isEmptySettings(ep)) return;
    endpoints[n.Target] = endpointWire(ep);
  });
  if (userDefined && other) throw parseError('conflicting options: cannot attach both user-defined and non-user-defined network-modes');
  return endpoints;
}

// docker parity: docker/cli cli/command/container/opts.go applyContainerOptions
function applyContainerOptions(n: NetworkAttachment, inp: NetworkInputs): NetworkAttachment {
  const conflict = (what: string) => parseError(`conflicting options: cannot specify both ${what}`);
  if ((n.Aliases?.length ?? 0) > 0 && inp.aliases.length > 0) throw conflict('--network-alias and per-network alias');
  if ((n.Links?.length ?? 0) > 0 && inp.links.length > 0) throw conflict('--link and per-network links');
  if (n.IPv4Address && inp.ipv4) throw conflict('--ip and per-network IPv4 address');
  if (n.IPv6Address && inp.ipv6) throw conflict('--ip6 and per-network IPv6 address');
  if (n.MacAddress && inp.mac) throw conflict('--mac-address and per-network MAC address');
  if ((n.LinkLocalIPs?.length ?? 0) > 0 && inp.linkLocalIPs.length > 0) throw conflict('--link-local-ip and per-network link-local IP addresses');
  if (inp.aliases.length > 0) n.Aliases = [...inp.aliases];
  // On a user-defined network --link is an endpoint alias; on the default bridge a legacy link.
  if (isUserDefined(n.Target) && inp.links.length > 0) n.Links = [...inp.links];
  if (inp.ipv4) n.IPv4Address = inp.ipv4;
  if (inp.ipv6) n.IPv6Address = inp.ipv6;
  if (inp.mac) n.MacAddress = inp.mac;
  if (inp.linkLocalIPs.length > 0) n.LinkLocalIPs = [...inp.linkLocalIPs];
  return n;
}

interface Settings {
  IPAMConfig: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null;
  Links: string[] | null;
  Aliases: string[] | null;
  MacAddress: string;
  DriverOpts: Record<string, string> | null;
  GwPriority: number;
}

// docker parity: docker/cli cli/command/container/opts.go parseNetworkAttachmentOpt
function attachmentSettings(ep: NetworkAttachment): Settings {
  if (ep.Target.trim() === '') throw parseError('no name set for network');
  if (!isUserDefined(ep.Target)) {
    if ((ep.Aliases?.length ?? 0) > 0) throw parseError('network-scoped aliases are only supported for user-defined networks');
    if ((ep.Links?.length ?? 0) > 0) throw parseError('links are only supported for user-defined networks');
  }
  if (ep.MacAddress && !isGoMAC(ep.MacAddress.trim())) throw parseError(`${ep.MacAddress} is not a valid mac address`);
  const ipam = ep.IPv4Address || ep.IPv6Address || (ep.LinkLocalIPs?.length ?? 0) > 0
    ? dropEmpty({ IPv4Address: ep.IPv4Address, IPv6Address: ep.IPv6Address, LinkLocalIPs: ep.LinkLocalIPs })
    : null;
  return {
    IPAMConfig: ipam,
    Links: ep.Links && ep.Links.length > 0 ? ep.Links : null,
    Aliases: ep.Aliases && ep.Aliases.length > 0 ? [...ep.Aliases] : null,
    MacAddress: ep.MacAddress ?? '',
    DriverOpts: ep.DriverOpts && Object.keys(ep.DriverOpts).length > 0 ? ep.DriverOpts : null,
    GwPriority: ep.GwPriority ?? 0,
  };
}

const dropEmpty = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

const isEmptySettings = (s: Settings) =>
  s.IPAMConfig === null && s.Links === null && s.Aliases === null && s.MacAddress === '' && s.DriverOpts === null && s.GwPriority === 0;

function endpointWire(s: Settings): EndpointWire {
  return {
    ...s,
    DriverOpts: s.DriverOpts && sortedMap(s.DriverOpts),
    NetworkID: '', EndpointID: '', Gateway: '', IPAddress: '', IPPrefixLen: 0, IPv6Gateway: '',
    GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: null,
  };
}

const sortedMap = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
