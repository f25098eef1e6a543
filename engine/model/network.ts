// Networks, a container's endpoints on them and its network sandbox, as skiff stores them. The
// network record carries Docker's NetworkResource fields plus what netavark needs (bridge name,
// the gateway really used, DNS); endpoints are the IP leases (one row per container and network).

export interface IpamConfig { Subnet: string; IPRange?: string; Gateway?: string; AuxiliaryAddresses?: Record<string, string> }

export interface NetworkRecord {
  Id: string;
  Name: string;
  /** RFC 3339 with nanoseconds. */
  Created: string;
  Driver: 'bridge' | 'host' | 'null';
  Scope: 'local';
  EnableIPv6: boolean;
  IPAM: { Driver: string; Options: Record<string, string> | null; Config: IpamConfig[] };
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigOnly: boolean;
  Options: Record<string, string>;
  Labels: Record<string, string>;
  /** bridge driver: the host interface netavark creates, and the subnet/gateway containers get. */
  Bridge?: { Interface: string; Subnet: string; Gateway: string; IPRange?: string; DnsEnabled: boolean; /** The subnet came from the pool, not --subnet. */ AutoSubnet?: boolean };
}

/** A container attached to a network: its lease and what inspect shows (EndpointSettings). */
export interface EndpointRecord {
  ContainerId: string;
  /** For `network inspect`'s Containers (the container may live under another storage root). */
  ContainerName: string;
  NetworkId: string;
  EndpointId: string;
  IPAddress: string;
  IPPrefixLen: number;
  Gateway: string;
  MacAddress: string;
  /** Names other containers resolve it by on this network (besides its name). */
  Aliases: string[];
  /** eth0, eth1… inside the container. */
  InterfaceName: string;
}

/** The container's network namespace and what serves it while it runs (Docker's sandbox). */
export interface SandboxRecord {
  ContainerId: string;
  /** 64-hex SandboxID of inspect. */
  Id: string;
  /** The owning engine's data root: a sandbox whose root or container is gone is stale. */
  Root: string;
  /** The netns file runc joins. */
  Key: string;
  /** Published ports with the host ports actually taken ("80/tcp" → [{HostIp, HostPort}]). */
  Ports: Record<string, Array<{ HostIp: string; HostPort: string }> | null>;
  /** rootless: the slirp4netns process and its API socket. */
  Slirp?: { Pid: number; ApiSocket: string };
  /** rootless user networks: attached through the rootless netns; its slirp4netns forward ids. */
  RootlessNetns?: { Forwards: number[] };
  /** Set (epoch ms) by the one detach that tears this sandbox down. */
  Detaching?: number;
  /** The container's StartCount once this start succeeds: a late cleanup of an earlier run leaves it alone. */
  Generation: number;
}
