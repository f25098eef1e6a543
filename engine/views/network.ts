// The Docker-shaped projections of a network: GET /networks/{id} and `network inspect` (Docker 20.10's
// NetworkResource; templates see docker/cli 28.2's network.Inspect), and the `network ls` row
// (docker/cli networkContext).
// docker parity: cli@28.2 cli/command/network/formatter.go; moby api/types/network/network.go
import type { EndpointRecord, NetworkRecord } from '../model/network.js';
import { B, def, goTyped, map, ptr, S, slice, struct, TIME } from './go-typed.js';
import { labelsColumn, rowContext } from './row-context.js';

const IPAM_CONFIG = def('network.IPAMConfig', { 'Subnet?': S, 'IPRange?': S, 'Gateway?': S, 'AuxAddress:AuxiliaryAddresses?': map('map[string]string') });
const IPAM = def('network.IPAM', { Driver: S, Options: map('map[string]string'), Config: slice('[]network.IPAMConfig', struct(IPAM_CONFIG)) });
const ENDPOINT_RESOURCE = def('network.EndpointResource', { Name: S, EndpointID: S, MacAddress: S, IPv4Address: S, IPv6Address: S });
const NETWORK_INSPECT = def('network.Inspect', {
  Name: S, 'ID:Id': S, Created: TIME, Scope: S, Driver: S, EnableIPv4: B, EnableIPv6: B, IPAM: struct(IPAM), Internal: B, Attachable: B,
  Ingress: B, ConfigFrom: struct(def('network.ConfigReference', { Network: S })), ConfigOnly: B,
  'Containers?': map('map[string]network.EndpointResource', struct(ENDPOINT_RESOURCE)), Options: map('map[string]string'),
  Labels: map('map[string]string'), 'Peers?': slice('[]network.PeerInfo'), 'Services?': map('map[string]network.ServiceInfo'), 'Status?': ptr('network.Status'),
});

/** The API's JSON (Docker 20.10 key order); Containers lists the running containers' endpoints. */
export function networkJson(n: NetworkRecord, endpoints: EndpointRecord[]): Record<string, unknown> {
  return {
    Name: n.Name, Id: n.Id, Created: n.Created, Scope: n.Scope, Driver: n.Driver, EnableIPv6: n.EnableIPv6,
    IPAM: { Driver: n.IPAM.Driver, Options: n.IPAM.Options, Config: n.IPAM.Config },
    Internal: n.Internal, Attachable: n.Attachable, Ingress: n.Ingress, ConfigFrom: { Network: '' }, ConfigOnly: n.ConfigOnly,
    Containers: Object.fromEntries(endpoints.map((e) => [e.ContainerId, {
      Name: e.ContainerName, EndpointID: e.EndpointId, MacAddress: e.MacAddress, IPv4Address: `${e.IPAddress}/${e.IPPrefixLen}`, IPv6Address: '',
    }])),
    Options: n.Options, Labels: n.Labels,
  };
}

export const networkInspect = (n: NetworkRecord, endpoints: EndpointRecord[]) => goTyped(networkJson(n, endpoints), NETWORK_INSPECT);

export const NETWORK_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';
export const NETWORK_HEADERS: Record<string, string> = {
  ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv4: 'IPV4', IPv6: 'IPV6', Internal: 'INTERNAL', Labels: 'LABELS', CreatedAt: 'CREATED AT',
};

// docker parity: cli@28.2 network/formatter.go NewFormat
export function networkFormat(source: string, quiet: boolean): string {
  if (source === 'table') return quiet ? '{{.ID}}' : NETWORK_TABLE;
  if (source === 'raw') return quiet ? 'network_id: {{.ID}}' : 'network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n';
  return source;
}

/** Go's time.Time.String() of an RFC 3339 timestamp (what networkContext.CreatedAt prints). */
const goTimeText = (rfc3339: string) => String((goTyped({ t: rfc3339 }, def('time', { t: TIME })) as Record<string, unknown>).t);

export function networkRow(n: NetworkRecord, trunc: boolean) {
  return rowContext({
    CreatedAt: goTimeText(n.Created), Driver: n.Driver, ID: trunc ? n.Id.slice(0, 12) : n.Id,
    // The 1.41 API has no EnableIPv4: docker/cli prints its zero value.
    IPv4: 'false', IPv6: String(n.EnableIPv6), Internal: String(n.Internal), Labels: labelsColumn(n.Labels), Name: n.Name, Scope: n.Scope,
  }, n.Labels, '*network.networkContext');
}
