// netavark (rootful bridge networking, and rootless inside the rootless netns): the options JSON it
// reads on stdin, built from skiff's records, and the setup/teardown calls (engine-facts §5.1).
import { existsSync, mkdirSync } from 'node:fs';
import { EngineError } from '../errors.js';
import type { EndpointRecord, NetworkRecord } from '../model/network.js';
import { run } from '../sys/process.js';
import type { PortMapping } from './ports.js';

export const NETAVARK = ['/usr/lib/podman/netavark', '/usr/libexec/podman/netavark'].find((p) => existsSync(p)) ?? '/usr/lib/podman/netavark';
export const AARDVARK = ['/usr/lib/podman/aardvark-dns', '/usr/libexec/podman/aardvark-dns'].find((p) => existsSync(p)) ?? '/usr/lib/podman/aardvark-dns';

/** netavark keys firewall chains and aardvark files by network name: skiff's are its own, never Podman's. */
export const netavarkName = (net: Pick<NetworkRecord, 'Id'>) => `skiff-${net.Id.slice(0, 12)}`;

export interface NetavarkAttachment { network: NetworkRecord; endpoint: EndpointRecord }

export interface NetavarkRequest {
  containerId: string;
  containerName: string;
  attachments: NetavarkAttachment[];
  ports: PortMapping[];
  /** --dns servers aardvark forwards to for this container. */
  dnsServers?: string[];
}

function networkInfo(net: NetworkRecord): Record<string, unknown> {
  const b = net.Bridge!;
  return {
    name: netavarkName(net), id: net.Id, driver: 'bridge', network_interface: b.Interface,
    subnets: [{ subnet: b.Subnet, gateway: b.Gateway }],
    ipv6_enabled: false, internal: net.Internal, dns_enabled: b.DnsEnabled, ipam_options: { driver: 'host-local' },
    // User-defined networks cannot reach each other (Docker's DOCKER-ISOLATION chains).
    options: { isolate: String(net.Name !== 'bridge'), ...(net.Options['com.docker.network.driver.mtu'] ? { mtu: net.Options['com.docker.network.driver.mtu'] } : {}) },
  };
}

/** The JSON of `netavark setup|teardown` (netavark's NetworkOptions). */
export function netavarkOptions(req: NetavarkRequest): Record<string, unknown> {
  const networks: Record<string, unknown> = {};
  const info: Record<string, unknown> = {};
  for (const { network, endpoint } of req.attachments) {
    const name = netavarkName(network);
    networks[name] = { static_ips: [endpoint.IPAddress], aliases: endpoint.Aliases, interface_name: endpoint.InterfaceName, static_mac: endpoint.MacAddress };
    info[name] = networkInfo(network);
  }
  return {
    container_id: req.containerId,
    container_name: req.containerName,
    port_mappings: req.ports.map((p) => ({ host_ip: p.hostIp === '0.0.0.0' ? '' : p.hostIp, container_port: p.containerPort, host_port: p.hostPort, range: 1, protocol: p.protocol })),
    networks,
    network_info: info,
    ...(req.dnsServers && req.dnsServers.length > 0 ? { dns_servers: req.dnsServers } : {}),
  };
}

export interface NetavarkStatus { [network: string]: { dns_server_ips?: string[]; interfaces?: Record<string, { mac_address: string }> } }

export interface NetavarkRunner { configDir: string; rootless: boolean; env: NodeJS.ProcessEnv; /** Runs the command inside another netns (rootless). */ wrap?: (argv: string[]) => string[] }

/**
 * Setup retried when iptables loses a race: another firewall manager on the host (dockerd rewrites its
 * chains) can make a rule append fail transiently ("No chain/target/match", xtables lock). A failed
 * setup is torn down before the next try, as netavark does not roll itself back.
 */
export async function netavark(r: NetavarkRunner, verb: 'setup' | 'teardown', netns: string, options: Record<string, unknown>): Promise<NetavarkStatus> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await netavarkOnce(r, verb, netns, options);
    } catch (e) {
      const transient = verb === 'setup' && /iptables|xtables|No chain\/target\/match|Resource temporarily unavailable/.test((e as Error).message);
      if (!transient || attempt >= 4) throw e;
      await netavarkOnce(r, 'teardown', netns, options).catch(() => undefined);
      await new Promise((res) => setTimeout(res, 150 * attempt));
    }
  }
}

async function netavarkOnce(r: NetavarkRunner, verb: 'setup' | 'teardown', netns: string, options: Record<string, unknown>): Promise<NetavarkStatus> {
  mkdirSync(r.configDir, { recursive: true, mode: 0o755 });
  const argv = [NETAVARK, '--config', r.configDir, `--rootless=${r.rootless}`, `--aardvark-binary=${AARDVARK}`, verb, netns];
  const [file, ...args] = r.wrap ? r.wrap(argv) : argv;
  const res = await run(file!, args, { input: JSON.stringify(options), env: { ...r.env, RUST_LOG: 'netavark=warn' } });
  if (res.exitCode !== 0) {
    let message = res.stderr.trim() || `exit ${res.exitCode}`;
    try { message = (JSON.parse(res.stdout) as { error?: string }).error ?? message; } catch { /* not JSON */ }
    throw new EngineError('internal', `netavark-${verb}`, `netavark ${verb}: ${message}`);
  }
  try { return JSON.parse(res.stdout || '{}') as NetavarkStatus; } catch { return {}; }
}
