// /networks: list, inspect, create, connect, disconnect, remove, prune over domain/networks, projected
// with the view `network inspect` uses. docker parity: moby@20.10 api/server/router/network/network_routes.go
import { connectNetwork, disconnectNetwork } from '../../domain/networks/connect.js';
import { createNetwork, type CreateNetworkOptions } from '../../domain/networks/create.js';
import { inspectNetwork, listNetworks } from '../../domain/networks/list.js';
import { pruneNetworks, removeNetwork } from '../../domain/networks/remove.js';
import { notImplemented } from '../../errors.js';
import type { EndpointSettings } from '../../model/docker-types.js';
import type { IpamConfig } from '../../model/network.js';
import { noSuchNetwork } from '../../network/records.js';
import { parseGoBool } from '../../util/go-bool.js';
import { goQuote } from '../../format/template/go-quote.js';
import { networkJson } from '../../views/network.js';
import type { ApiContext } from '../request.js';
import { sendEmpty, sendJson } from '../response.js';
import type { Router } from '../router.js';
import { ApiError, badRequest } from '../status.js';
import { versionAtLeast } from '../version.js';
import { decodeBody } from './json-body.js';

interface NetworkCreateRequest {
  Name?: string; CheckDuplicate?: boolean; Driver?: string; Scope?: string; EnableIPv6?: boolean; Internal?: boolean;
  Attachable?: boolean; Ingress?: boolean; ConfigOnly?: boolean; ConfigFrom?: { Network?: string } | null;
  IPAM?: { Driver?: string; Options?: Record<string, string> | null; Config?: IpamConfig[] | null } | null;
  Options?: Record<string, string> | null; Labels?: Record<string, string> | null;
}

const CREATE_SPEC = {
  Name: 'string', CheckDuplicate: 'bool', Driver: 'string', Scope: 'string', EnableIPv6: 'bool', Internal: 'bool', Attachable: 'bool',
  Ingress: 'bool', ConfigOnly: 'bool', ConfigFrom: 'object', IPAM: 'object', Options: 'map', Labels: 'map',
} as const;

export const filtersOf = (ctx: ApiContext) => new Map(Object.entries(ctx.query.filters()));

export function networkRoutes(r: Router): void {
  r.get('/networks', list);
  r.get('/networks/{id}', inspect);
  r.post('/networks/create', create);
  r.post('/networks/prune', prune);
  r.post('/networks/{id}/connect', connect);
  r.post('/networks/{id}/disconnect', disconnect);
  r.delete('/networks/{id}', (ctx) => { removeNetwork(ctx.engine, ctx.params.id!); sendEmpty(ctx.res!, 204); });
}

function list(ctx: ApiContext): void {
  // Before API 1.28 the list carried each network's endpoints, as inspect does.
  const detailed = !versionAtLeast(ctx.version, '1.28');
  const nets = listNetworks(ctx.engine, filtersOf(ctx));
  sendJson(ctx.res!, 200, nets.map((l) => networkJson(l.network, detailed ? l.endpoints : [])));
}

function inspect(ctx: ApiContext): void {
  const verbose = ctx.query.str('verbose');
  if (verbose && parseGoBool(verbose) === undefined) {
    throw badRequest(`invalid value for verbose: ${verbose}: strconv.ParseBool: parsing ${goQuote(verbose)}: invalid syntax`);
  }
  const l = inspectNetwork(ctx.engine, ctx.params.id!);
  // Every skiff network is local: asking for another scope finds nothing.
  const scope = ctx.query.str('scope');
  if (scope && scope !== l.network.Scope) throw noSuchNetwork(ctx.params.id!);
  sendJson(ctx.res!, 200, networkJson(l.network, l.endpoints));
}

async function create(ctx: ApiContext): Promise<void> {
  const body = await decodeBody<NetworkCreateRequest>(ctx, 'types.NetworkCreateRequest', CREATE_SPEC);
  // docker parity: libnetwork controller.NewNetwork config.validateName (an unclassified error: 500)
  if (!body.Name) throw new ApiError(500, 'invalid name: ');
  if (body.ConfigOnly || body.ConfigFrom?.Network) throw notImplemented('config-network', 'skiff: config-only networks are not supported');
  const opts: CreateNetworkOptions = {
    name: body.Name, driver: body.Driver || undefined, options: body.Options ?? undefined, labels: body.Labels ?? undefined,
    internal: body.Internal, attachable: body.Attachable, ingress: body.Ingress, enableIPv6: body.EnableIPv6,
    ipam: body.IPAM ? { Driver: body.IPAM.Driver, Options: body.IPAM.Options ?? undefined, Config: body.IPAM.Config ?? undefined } : undefined,
  };
  sendJson(ctx.res!, 201, createNetwork(ctx.engine, opts));
}

async function prune(ctx: ApiContext): Promise<void> {
  const { NetworksDeleted } = pruneNetworks(ctx.engine, filtersOf(ctx));
  sendJson(ctx.res!, 200, { NetworksDeleted: NetworksDeleted.length ? NetworksDeleted : null });
}

/** daemon.GetContainer refuses an empty reference before any lookup. */
function containerRef(ref: string | undefined): string {
  if (!ref) throw badRequest('invalid name or ID supplied: ""');
  return ref;
}

async function connect(ctx: ApiContext): Promise<void> {
  const body = await decodeBody<{ Container?: string; EndpointConfig?: EndpointSettings | null }>(ctx, 'types.NetworkConnect', { Container: 'string', EndpointConfig: 'object' });
  await connectNetwork(ctx.engine, { network: ctx.params.id!, container: containerRef(body.Container), settings: body.EndpointConfig ?? undefined });
  sendEmpty(ctx.res!, 200);
}

async function disconnect(ctx: ApiContext): Promise<void> {
  const body = await decodeBody<{ Container?: string; Force?: boolean }>(ctx, 'types.NetworkDisconnect', { Container: 'string', Force: 'bool' });
  await disconnectNetwork(ctx.engine, { network: ctx.params.id!, container: containerRef(body.Container), force: body.Force });
  sendEmpty(ctx.res!, 200);
}
