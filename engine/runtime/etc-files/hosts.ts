// The container's /etc/hosts as Docker 20.10 writes it (libnetwork etchosts.Build, sandbox buildHostsFile):
// fixed loopback/IPv6 lines, --add-host entries, then the container's own address when it has one.
// With --network host and no --add-host, the host's own /etc/hosts is copied unchanged.
import { invalidArgument } from '../../errors.js';

// docker parity: libnetwork etchosts/etchosts.go defaultContent
export const DOCKER_DEFAULT_HOSTS: ReadonlyArray<readonly [string, string]> = [
  ['127.0.0.1', 'localhost'],
  ['::1', 'localhost ip6-localhost ip6-loopback'],
  ['fe00::0', 'ip6-localnet'],
  ['ff00::0', 'ip6-mcastprefix'],
  ['ff02::1', 'ip6-allnodes'],
  ['ff02::2', 'ip6-allrouters'],
];

export const HOST_GATEWAY = 'host-gateway';

export interface ExtraHost { name: string; ip: string }

const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;
const IPV6 = /^[0-9a-fA-F:.]+$/;
const isIp = (s: string) => IPV4.test(s) || (s.includes(':') && IPV6.test(s));

/** `name:ip` (the IP may itself contain colons) or `name:host-gateway` (docker/cli opts ValidateExtraHost). */
export function parseExtraHost(entry: string, hostGatewayIp?: string): ExtraHost {
  const at = entry.indexOf(':');
  // docker parity: docker/cli opts/hosts.go ValidateExtraHost
  if (at <= 0) throw invalidArgument('bad-add-host', `bad format for add-host: "${entry}"`);
  const name = entry.slice(0, at);
  let ip = entry.slice(at + 1);
  if (ip === HOST_GATEWAY) {
    if (!hostGatewayIp) throw invalidArgument('no-host-gateway', `unable to derive the IP value for host-gateway`);
    ip = hostGatewayIp;
  }
  if (!isIp(ip)) throw invalidArgument('bad-add-host', `invalid IP address in add-host: "${ip}"`);
  return { name, ip };
}

/** `hostname.domain hostname` when there is a domain part, else the bare name (etchosts.Build main record). */
export function hostsNames(hostname: string, domainname = ''): string {
  const fqdn = domainname ? `${hostname}.${domainname}` : hostname;
  const dot = fqdn.indexOf('.');
  return dot < 0 ? fqdn : `${fqdn} ${fqdn.slice(0, dot)}`;
}

export interface HostsInput {
  hostNetwork: boolean;
  /** The host's /etc/hosts content (used with --network host). */
  hostHosts?: string;
  /** HostConfig.ExtraHosts (`name:ip`). */
  extraHosts?: readonly string[] | null;
  /** The container's address on its network; none on a loopback-only or `none` network. */
  ip?: string;
  hostname: string;
  domainname?: string;
  /** What `host-gateway` in --add-host stands for. */
  hostGatewayIp?: string;
  /** Legacy links: "IP\talias shortid name" lines, after --add-host's. */
  links?: ReadonlyArray<{ ip: string; names: string }>;
}

const record = (ip: string, names: string) => `${ip}\t${names}\n`;

export function buildHostsFile(input: HostsInput): string {
  const extras = (input.extraHosts ?? []).map((e) => parseExtraHost(e, input.hostGatewayIp));
  if (input.hostNetwork && extras.length === 0) return input.hostHosts ?? '';
  const lines = [
    ...DOCKER_DEFAULT_HOSTS.map(([ip, names]) => record(ip, names)),
    ...extras.map((h) => record(h.ip, h.name)),
    ...(input.links ?? []).map((l) => record(l.ip, l.names)),
  ];
  if (input.ip && !input.hostNetwork) lines.push(record(input.ip, hostsNames(input.hostname, input.domainname)));
  return lines.join('');
}
