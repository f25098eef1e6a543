// `network create`'s --subnet/--ip-range/--gateway/--aux-address as docker/cli pairs them into IPAM
// configs before sending (client-side errors, no daemon prefix).
// docker parity: cli@28.2 cli/command/network/create.go createIPAMConfig, subnetMatches
import type { IpamConfig } from '../../../model/network.js';
import { contains, ipToInt, isIPv4, parseCidr } from '../../../network/ipnet.js';

class IpamFlagError extends Error {}

/** Go's net.ParseCIDR for IPv4 ("invalid CIDR address: X"); IPv6 subnets pass through unchecked here. */
function cidrOf(text: string) {
  if (text.includes(':')) return undefined;
  const c = parseCidr(text);
  if (!c) throw new IpamFlagError(`invalid CIDR address: ${text}`);
  return c;
}

function subnetMatches(subnet: string, data: string): boolean {
  let s;
  try { s = cidrOf(subnet); } catch (e) { throw new IpamFlagError(`invalid subnet: ${(e as Error).message}`); }
  if (!s) return false;
  const ip = data.includes('/') ? cidrOf(data)?.ip : isIPv4(data) ? ipToInt(data) : undefined;
  return ip !== undefined && contains(s, ip);
}

export function ipamConfigs(subnets: string[], ranges: string[], gateways: string[], aux: Record<string, string>): IpamConfig[] {
  try {
    return build(subnets, ranges, gateways, aux);
  } catch (e) {
    if (e instanceof IpamFlagError) throw new Error(e.message);
    throw e;
  }
}

function build(subnets: string[], ranges: string[], gateways: string[], aux: Record<string, string>): IpamConfig[] {
  if (subnets.length < ranges.length || subnets.length < gateways.length) throw new IpamFlagError('every ip-range or gateway must have a corresponding subnet');
  const data = new Map<string, IpamConfig & { AuxiliaryAddresses: Record<string, string> }>();
  for (const s of subnets) {
    for (const k of data.keys()) {
      if (subnetMatches(s, k) || subnetMatches(k, s)) throw new IpamFlagError('multiple overlapping subnet configuration is not supported');
    }
    data.set(s, { Subnet: s, AuxiliaryAddresses: {} });
  }
  const attach = (value: string, what: 'range' | 'gateway', set: (d: IpamConfig, s: string) => void) => {
    let matched = false;
    for (const s of subnets) {
      if (what === 'range') cidrOf(value);
      if (!subnetMatches(s, value)) continue;
      set(data.get(s)!, s);
      matched = true;
    }
    if (!matched) throw new IpamFlagError(`no matching subnet for ${what} ${value}`);
  };
  for (const r of ranges) attach(r, 'range', (d, s) => {
    if (d.IPRange) throw new IpamFlagError(`cannot configure multiple ranges (${r}, ${d.IPRange}) on the same subnet (${s})`);
    d.IPRange = r;
  });
  for (const g of gateways) attach(g, 'gateway', (d, s) => {
    if (d.Gateway) throw new IpamFlagError(`cannot configure multiple gateways (${g}, ${d.Gateway}) for the same subnet (${s})`);
    d.Gateway = g;
  });
  for (const [key, addr] of Object.entries(aux)) {
    const hits = subnets.filter((s) => subnetMatches(s, addr));
    if (hits.length === 0) throw new IpamFlagError(`no matching subnet for aux-address ${addr}`);
    for (const s of hits) data.get(s)!.AuxiliaryAddresses[key] = addr;
  }
  return [...data.values()].map(({ AuxiliaryAddresses, ...c }) => (Object.keys(AuxiliaryAddresses).length ? { ...c, AuxiliaryAddresses } : c));
}
