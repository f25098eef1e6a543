// Published ports: -p bindings and -P's exposed ports resolved to concrete host ports (random ones
// from the ephemeral range), checked against other skiff containers and against sockets already
// bound on the host, with Docker's messages.
import type { PortMap } from '../model/docker-types.js';

export interface PortMapping { hostIp: string; hostPort: number; containerPort: number; protocol: string }

/** A request before host ports are chosen: hostPort 0 = any; a host range = the first free in it. */
export interface PortRequest { hostIp: string; hostFrom: number; hostTo: number; containerPort: number; protocol: string }

/** What the ports of -p/-P ask for (moby daemon/network.go getPortMapInfo + nat.ParsePortSpecs). */
export function portRequests(bindings: PortMap | undefined, exposed: Record<string, unknown> | undefined, publishAll: boolean): PortRequest[] {
  const out: PortRequest[] = [];
  const add = (key: string, list: Array<{ HostIp: string; HostPort: string }>) => {
    const [port = '', proto = 'tcp'] = key.split('/');
    for (const b of list) {
      const [from = '', to = from] = (b.HostPort ?? '').split('-');
      out.push({ hostIp: b.HostIp || '', hostFrom: Number(from) || 0, hostTo: Number(to) || Number(from) || 0, containerPort: Number(port), protocol: proto });
    }
  };
  for (const [key, list] of Object.entries(bindings ?? {})) add(key, list && list.length > 0 ? list : [{ HostIp: '', HostPort: '' }]);
  if (publishAll) for (const key of Object.keys(exposed ?? {})) if (!(key in (bindings ?? {}))) add(key, [{ HostIp: '', HostPort: '' }]);
  return out;
}

const wildcard = (ip: string) => ip === '' || ip === '0.0.0.0';

/** Two bindings collide when protocol and port match and one address covers the other. */
export const collides = (a: PortMapping, b: PortMapping) =>
  a.protocol === b.protocol && a.hostPort === b.hostPort && (wildcard(a.hostIp) || wildcard(b.hostIp) || a.hostIp === b.hostIp);

export interface PortAllocator {
  /** Mappings other running containers hold. */
  taken: readonly PortMapping[];
  /** Whether a host socket already holds the port (probes with bind). */
  inUseOnHost(protocol: string, ip: string, port: number): Promise<boolean>;
  /** The ephemeral range to draw random ports from (net.ipv4.ip_local_port_range). */
  range: [number, number];
}

export class PortError extends Error {
  constructor(message: string, readonly kind: 'allocated' | 'in-use' | 'exhausted') { super(message); }
}

// docker parity: libnetwork portallocator ("Bind for IP:PORT failed: port is already allocated") and
// portmapper/proxy ("Error starting userland proxy: listen tcp4 IP:PORT: bind: address already in use")
export async function allocatePorts(requests: PortRequest[], alloc: PortAllocator): Promise<PortMapping[]> {
  const chosen: PortMapping[] = [];
  let nextRandom = alloc.range[0];
  const busy = (m: PortMapping) => [...alloc.taken, ...chosen].some((t) => collides(t, m));
  for (const r of requests) {
    const ip = wildcard(r.hostIp) ? '0.0.0.0' : r.hostIp;
    const candidates = r.hostFrom === 0 ? undefined : range(r.hostFrom, r.hostTo);
    let picked: PortMapping | undefined;
    if (candidates) {
      for (const port of candidates) {
        const m = { hostIp: ip, hostPort: port, containerPort: r.containerPort, protocol: r.protocol };
        if (busy(m)) {
          if (candidates.length === 1) throw new PortError(`Bind for ${ip}:${port} failed: port is already allocated`, 'allocated');
          continue;
        }
        if (await alloc.inUseOnHost(r.protocol, ip, port)) {
          if (candidates.length === 1) throw new PortError(`Error starting userland proxy: listen ${r.protocol}4 ${ip}:${port}: bind: address already in use`, 'in-use');
          continue;
        }
        picked = m;
        break;
      }
    } else {
      for (; nextRandom <= alloc.range[1] && !picked; nextRandom++) {
        const m = { hostIp: ip, hostPort: nextRandom, containerPort: r.containerPort, protocol: r.protocol };
        if (!busy(m) && !(await alloc.inUseOnHost(r.protocol, ip, nextRandom))) picked = m;
      }
    }
    if (!picked) throw new PortError(`Bind for ${ip}:${r.hostFrom || ''} failed: no free port in the range`, 'exhausted');
    chosen.push(picked);
  }
  return chosen;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(1, to - from + 1) }, (_, i) => from + i);

/** NetworkSettings.Ports: every published mapping, plus exposed ports that are not published (null). */
export function resolvedPortMap(mappings: PortMapping[], exposed: Record<string, unknown> | undefined): PortMap {
  const out: PortMap = {};
  for (const key of Object.keys(exposed ?? {})) out[key] = null;
  for (const m of mappings) {
    const key = `${m.containerPort}/${m.protocol}`;
    (out[key] ??= []).push({ HostIp: m.hostIp, HostPort: String(m.hostPort) });
  }
  return out;
}

/** Mappings back from a stored port map (for teardown and conflict checks). */
export function mappingsOf(ports: PortMap): PortMapping[] {
  const out: PortMapping[] = [];
  for (const [key, list] of Object.entries(ports)) {
    const [port = '', proto = 'tcp'] = key.split('/');
    for (const b of list ?? []) out.push({ hostIp: b.HostIp, hostPort: Number(b.HostPort), containerPort: Number(port), protocol: proto });
  }
  return out;
}
