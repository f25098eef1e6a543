// The three files skiff writes for each container and binds over /etc/hosts, /etc/hostname and
// /etc/resolv.conf (Docker keeps them in /var/lib/docker/containers/<id>/).
import type { ContainerRecord } from '../../model/container.js';
import { containerHostname, isHostNetwork } from '../spec/namespaces.js';
import { buildHostnameFile } from './hostname.js';
import { buildHostsFile } from './hosts.js';
import { buildResolvConf } from './resolv-conf.js';

export { buildHostnameFile } from './hostname.js';
export { buildHostsFile, hostsNames, parseExtraHost, DOCKER_DEFAULT_HOSTS, type HostsInput } from './hosts.js';
export { buildResolvConf, filterResolvConf, formatResolvConf, hostResolvConfPath, type ResolvConfInput } from './resolv-conf.js';

export interface EtcFilesHost {
  /** Content of the host's /etc/hosts. */
  hosts: string;
  /** Content of the host's resolv.conf (from hostResolvConfPath()). */
  resolvConf: string;
  /** The host's hostname (the container's with --network host). */
  hostname: string;
}

export interface EtcFilesNetwork {
  /** The container's address, when its network gives it one (none for loopback-only and `none`). */
  ip?: string;
  hostGatewayIp?: string;
  /** The embedded resolver of a user-defined network (Docker's 127.0.0.11). */
  nameservers?: readonly string[];
  /** --link targets on the default bridge. */
  links?: ReadonlyArray<{ ip: string; names: string }>;
}

export interface EtcFiles { hosts: string; hostname: string; resolvConf: string }

export function buildEtcFiles(
  record: Pick<ContainerRecord, 'Id' | 'Config' | 'HostConfig'>,
  host: EtcFilesHost,
  network: EtcFilesNetwork = {},
): EtcFiles {
  const hc = record.HostConfig;
  const hostNetwork = isHostNetwork(hc);
  const hostname = containerHostname(record, host.hostname);
  return {
    hosts: buildHostsFile({
      hostNetwork, hostHosts: host.hosts, extraHosts: hc.ExtraHosts, ip: network.ip, hostname,
      domainname: record.Config.Domainname, hostGatewayIp: network.hostGatewayIp, links: network.links,
    }),
    hostname: buildHostnameFile(hostname),
    resolvConf: buildResolvConf({
      hostResolvConf: host.resolvConf, dns: hc.Dns, dnsSearch: hc.DnsSearch, dnsOptions: hc.DnsOptions, hostNetwork, embeddedNameservers: network.nameservers,
    }),
  };
}
