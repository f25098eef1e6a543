// GET /networks, `network ls` and `network inspect`. Containers of a network are its live endpoints.
// docker parity: moby 20.10 daemon/network/filter.go FilterNetworks, api/server/router/network (accepted filters)
import type { Engine } from '../../context.js';
import { internal, invalidArgument } from '../../errors.js';
import type { EndpointRecord, NetworkRecord } from '../../model/network.js';
import { getNetwork, isPredefined, listNetworkRecords } from '../../network/records.js';
import { netStore } from '../../network/store.js';
import { macFromIp } from '../../network/endpoints.js';
import { SLIRP_GATEWAY, SLIRP_IP, SLIRP_PREFIX } from '../../network/rootless-addresses.js';
import { exactMatch, matchLabels, validateFilters, type Filters } from '../images/filters.js';

const ACCEPTED = ['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type'] as const;

export interface NetworkListing { network: NetworkRecord; endpoints: EndpointRecord[] }

/** filters.Args.Match: equal, or the value as a regular expression found in the text. */
export const regexMatch = (values: string[], text: string) => values.some((v) => v === text || (() => { try { return new RegExp(v).test(text); } catch { return false; } })());

/** The live endpoints of a network; rootless slirp4netns containers count as the default bridge's. */
function endpointsOf(engine: Engine, network: NetworkRecord): EndpointRecord[] {
  const leased = netStore(engine).listEndpoints({ networkId: network.Id });
  if (network.Name !== 'bridge') return leased;
  const slirp = netStore(engine).listSandboxes().filter((s) => s.Slirp && !s.Detaching).map((s): EndpointRecord => ({
    ContainerId: s.ContainerId, ContainerName: engine.state.getContainer(s.ContainerId)?.Name ?? s.ContainerId, NetworkId: network.Id,
    EndpointId: s.Id, IPAddress: SLIRP_IP, IPPrefixLen: SLIRP_PREFIX, Gateway: SLIRP_GATEWAY, MacAddress: macFromIp(SLIRP_IP), Aliases: [], InterfaceName: 'eth0',
  }));
  return [...leased, ...slirp];
}

export function listNetworks(engine: Engine, f: Filters = new Map()): NetworkListing[] {
  validateFilters(f, ACCEPTED);
  let out = listNetworkRecords(engine).map((network) => ({ network, endpoints: endpointsOf(engine, network) }))
    .filter(({ network: n }) => (!f.has('driver') || exactMatch(f, 'driver', n.Driver))
      && (!f.has('name') || regexMatch(f.get('name')!, n.Name))
      && (!f.has('id') || regexMatch(f.get('id')!, n.Id))
      && matchLabels(f.get('label'), n.Labels)
      && (!f.has('scope') || exactMatch(f, 'scope', n.Scope)));
  const dangling = f.get('dangling');
  if (dangling?.length) {
    if (dangling.length > 1) throw invalidArgument('invalid-filter', 'got more than one value for filter key "dangling"');
    if (!['0', 'false', '1', 'true'].includes(dangling[0]!)) throw invalidArgument('invalid-filter', 'invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")');
    const only = dangling[0] === '1' || dangling[0] === 'true';
    out = out.filter((l) => (only ? !isPredefined(l.network.Name) && l.endpoints.length === 0 : isPredefined(l.network.Name) || l.endpoints.length > 0));
  }
  const types = f.get('type');
  if (types?.length) {
    const kept: NetworkListing[] = [];
    for (const t of types) {
      // docker parity: daemon/network/filter.go filterNetworkByType returns a plain error (500 on the API)
      if (t !== 'builtin' && t !== 'custom') throw internal('invalid-filter', `invalid filter: 'type'='${t}'`);
      kept.push(...out.filter((l) => isPredefined(l.network.Name) === (t === 'builtin')));
    }
    out = kept;
  }
  return out;
}

export function inspectNetwork(engine: Engine, ref: string): NetworkListing {
  const network = getNetwork(engine, ref);
  return { network, endpoints: endpointsOf(engine, network) };
}
