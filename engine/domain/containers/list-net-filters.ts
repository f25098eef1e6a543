// The ps filters about networking and storage: network=NAME|ID-prefix, publish= and expose= (a port or
// range, optionally /proto), volume=NAME|SOURCE|DESTINATION.
// docker parity: moby 20.10 daemon/list.go (portOp, includeContainerInList)
import type { Engine } from '../../context.js';
import { invalidArgument } from '../../errors.js';
import type { ContainerRecord } from '../../model/container.js';
import { networkRuntime } from '../../network/runtime.js';
import { livePorts } from '../../views/container-network.js';
import { summaryPorts } from '../../views/container-ports.js';
import { mountPoints } from '../../views/container-inspect.js';
import type { Filters } from './list.js';

/** The port set a publish/expose filter selects ("80", "8000-8005/udp"). */
export function portFilter(key: string, values: string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const value of values ?? []) {
    if (value.includes(':')) throw invalidArgument('invalid-filter', `filter for '${key}' should not contain ':': ${value}`);
    const [port = '', proto = 'tcp'] = value.split('/');
    const [from, to = from] = port.split('-');
    const start = Number(from);
    const end = Number(to);
    if (!/^\d+$/.test(from ?? '') || !/^\d+$/.test(to ?? '') || end < start) throw invalidArgument('invalid-filter', `error while looking up for ${key} ${value}: invalid port range`);
    for (let p = start; p <= end; p++) out.add(`${p}/${proto || 'tcp'}`);
  }
  return out;
}

export function matchesNetworkFilters(engine: Engine, rec: ContainerRecord, f: Filters, publish: Set<string>, expose: Set<string>): boolean {
  const needsNet = (f.network?.length ?? 0) > 0 || publish.size > 0 || expose.size > 0;
  const rt = needsNet ? networkRuntime(engine, rec) : undefined;
  if (f.network?.length) {
    const hit = f.network.some((v) => rt!.networks.some((n) => n.name === v || (n.endpoint?.NetworkID ?? '').startsWith(v) && n.endpoint!.NetworkID !== ''));
    if (!hit) return false;
  }
  if (publish.size > 0 || expose.size > 0) {
    const ports = summaryPorts(livePorts(rec, rt) as Record<string, Array<{ HostIp: string; HostPort: string }> | null>);
    if (!ports.some((p) => publish.has(`${p.PublicPort ?? 0}/${p.Type}`) || expose.has(`${p.PrivatePort}/${p.Type}`))) return false;
  }
  if (f.volume?.length) {
    const mounts = mountPoints(rec);
    const hit = f.volume.some((v) => mounts.some((m) => m.Destination === v || (m.Name ? m.Name === v : m.Source === v)));
    if (!hit) return false;
  }
  return true;
}
