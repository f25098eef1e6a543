// The published ports of a container, one source for inspect's NetworkSettings.Ports, the summary's
// Ports (ps) and `docker port`; and docker/cli's rendering of the PORTS column.
import type { ContainerRecord } from '../model/container.js';

export interface PortBinding { HostIp: string; HostPort: string }
export interface SummaryPort { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }

/** NetworkSettings.Ports: every exposed or published port of a running container, null when not published. */
export function portMap(rec: ContainerRecord): Record<string, PortBinding[] | null> {
  if (rec.State.Status !== 'running' && rec.State.Status !== 'paused') return {};
  const out: Record<string, PortBinding[] | null> = {};
  for (const p of Object.keys(rec.Config.ExposedPorts ?? {})) out[p] = null;
  for (const [p, list] of Object.entries(rec.HostConfig.PortBindings ?? {})) out[p] = list && list.length > 0 ? list.map((b) => ({ HostIp: b.HostIp ?? '', HostPort: b.HostPort ?? '' })) : null;
  return out;
}

// docker parity: moby container/view.go transform — one summary entry per binding, or one bare port.
export function summaryPorts(map: Record<string, PortBinding[] | null>): SummaryPort[] {
  const out: SummaryPort[] = [];
  for (const [key, bindings] of Object.entries(map)) {
    const [port = '', type = 'tcp'] = key.split('/');
    const privatePort = Number(port);
    if (!bindings || bindings.length === 0) { out.push({ PrivatePort: privatePort, Type: type }); continue; }
    for (const b of bindings) out.push({ IP: b.HostIp, PrivatePort: privatePort, PublicPort: Number(b.HostPort) || 0, Type: type });
  }
  return out;
}

const joinHostPort = (ip: string, port: string | number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

function comparePorts(a: SummaryPort, b: SummaryPort): number {
  if (a.PrivatePort !== b.PrivatePort) return a.PrivatePort - b.PrivatePort;
  if ((a.IP ?? '') !== (b.IP ?? '')) return (a.IP ?? '') < (b.IP ?? '') ? -1 : 1;
  if ((a.PublicPort ?? 0) !== (b.PublicPort ?? 0)) return (a.PublicPort ?? 0) - (b.PublicPort ?? 0);
  return a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0;
}

function formGroup(key: string, first: number, last: number): string {
  const slash = key.lastIndexOf('/');
  const ip = slash < 0 ? '' : key.slice(0, slash);
  const type = key.slice(slash + 1);
  let group = first === last ? String(first) : `${first}-${last}`;
  if (ip) group = `${joinHostPort(ip, group)}->${group}`;
  return `${group}/${type}`;
}

// docker parity: cli@28.2 cli/command/formatter/container.go DisplayablePorts — consecutive ports grouped
// into ranges, bare and same-number ports first, then host mappings.
export function displayablePorts(ports: SummaryPort[]): string {
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  for (const p of [...ports].sort(comparePorts)) {
    const current = p.PrivatePort;
    let key = p.Type;
    if (p.IP) {
      if (p.PublicPort !== current) {
        hostMappings.push(`${joinHostPort(p.IP, p.PublicPort ?? 0)}->${p.PrivatePort}/${p.Type}`);
        continue;
      }
      key = `${p.IP}/${p.Type}`;
    }
    const group = groups.get(key);
    if (!group) { groups.set(key, { first: current, last: current }); continue; }
    if (current === group.last + 1) { group.last = current; continue; }
    result.push(formGroup(key, group.first, group.last));
    groups.set(key, { first: current, last: current }); // keeps the key's first position, as Go's groupMapKeys
  }
  for (const [key, g] of groups) result.push(formGroup(key, g.first, g.last));
  return [...result, ...hostMappings].join(', ');
}
