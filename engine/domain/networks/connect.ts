// POST /networks/{id}/connect|disconnect and `network connect|disconnect`: a stopped container only
// changes its configuration; a running one also gets (or loses) the endpoint right away.
// docker parity: moby 20.10 daemon/container_operations.go ConnectToNetwork / DisconnectFromNetwork; the
// mode conflicts are runconfig validationErrors (400), "not connected" an unclassified error (500)
import type { Engine } from '../../context.js';
import { EngineError, internal, invalidArgument } from '../../errors.js';
import type { ContainerRecord } from '../../model/container.js';
import type { EndpointSettings } from '../../model/docker-types.js';
import type { NetworkRecord } from '../../model/network.js';
import { connectBridge, disconnectBridge } from '../../network/attach.js';
import { containerNetworkNames } from '../../network/endpoints.js';
import { getNetwork, isPredefined } from '../../network/records.js';
import { getContainer } from '../containers/lookup.js';
import { syncContainer } from '../containers/sync.js';
import { rewriteResolvConf } from '../../runtime/prepare-bundle.js';
import { recordNetworkEvent } from '../events/emit.js';

export interface ConnectOptions { network: string; container: string; settings?: EndpointSettings }
export interface DisconnectOptions { network: string; container: string; force?: boolean }

const running = (rec: ContainerRecord) => rec.State.Status === 'running' || rec.State.Status === 'paused';

function checkConnect(rec: ContainerRecord, net: NetworkRecord, settings: EndpointSettings): void {
  const mode = rec.HostConfig.NetworkMode || 'default';
  if (net.Driver === 'host' || mode === 'host') throw invalidArgument('host-network', 'container cannot be disconnected from host network or connected to host network');
  if (mode.startsWith('container:')) throw invalidArgument('shared-netns', 'container sharing network namespace with another container or host cannot be connected to any other network');
  if (net.Driver === 'null' || mode === 'none') throw invalidArgument('none-network', 'container cannot be connected to multiple networks with one of the networks in private (none) mode');
  if (net.Name === 'bridge' && (settings.Aliases?.length ?? 0) > 0) throw invalidArgument('bridge-alias', 'network-scoped alias is supported only for containers in user defined networks');
}

/** docker parity: moby daemon updateNetworkConfig — a user-defined network also knows the container by its short id */
function withShortIdAlias(rec: ContainerRecord, net: NetworkRecord, settings: EndpointSettings): EndpointSettings {
  if (isPredefined(net.Name)) return settings;
  return { ...settings, Aliases: [...new Set([...(settings.Aliases ?? []), rec.Id.slice(0, 12)])] };
}

function saveNetworks(engine: Engine, id: string, update: (rec: ContainerRecord) => void): ContainerRecord {
  return engine.state.transaction(() => {
    const fresh = engine.state.getContainer(id)!;
    fresh.AttachedNetworks = containerNetworkNames(fresh);
    update(fresh);
    engine.state.saveContainer(fresh);
    return fresh;
  });
}

export async function connectNetwork(engine: Engine, o: ConnectOptions): Promise<void> {
  // docker parity: moby daemon ConnectToNetwork looks the container up before the network
  const rec = syncContainer(engine, getContainer(engine, o.container));
  const net = getNetwork(engine, o.network);
  const settings = o.settings ?? {};
  checkConnect(rec, net, settings);
  const attached = containerNetworkNames(rec).includes(net.Name);
  if (attached && running(rec)) throw new EngineError('permission-denied', 'already-connected', `endpoint with name ${rec.Name} already exists in network ${net.Name}`);
  const updated = saveNetworks(engine, rec.Id, (r) => {
    if (!r.AttachedNetworks!.includes(net.Name)) r.AttachedNetworks!.push(net.Name);
    r.NetworkingConfig = { EndpointsConfig: { ...(r.NetworkingConfig?.EndpointsConfig ?? {}), [net.Name]: withShortIdAlias(rec, net, settings) } };
  });
  if (!running(rec)) return;
  try {
    const { nameservers } = await connectBridge(engine, updated, net);
    // docker parity: libnetwork sandbox rebuildDNS when a container joins its first user-defined network
    if (nameservers) rewriteResolvConf(engine, updated, nameservers);
    recordNetworkEvent(engine, net, 'connect', { container: rec.Id });
  } catch (e) {
    saveNetworks(engine, rec.Id, (r) => { r.AttachedNetworks = r.AttachedNetworks!.filter((n) => n !== net.Name); });
    throw e;
  }
}

export async function disconnectNetwork(engine: Engine, o: DisconnectOptions): Promise<void> {
  const rec = syncContainer(engine, getContainer(engine, o.container));
  const net = getNetwork(engine, o.network);
  const mode = rec.HostConfig.NetworkMode || 'default';
  if (net.Driver === 'host' || mode === 'host') throw invalidArgument('host-network', 'container cannot be disconnected from host network or connected to host network');
  if (!containerNetworkNames(rec).includes(net.Name)) throw internal('not-connected', `container ${rec.Id} is not connected to the network ${net.Name}`);
  if (running(rec)) await disconnectBridge(engine, rec, net);
  saveNetworks(engine, rec.Id, (r) => {
    r.AttachedNetworks = r.AttachedNetworks!.filter((n) => n !== net.Name);
    const eps = { ...(r.NetworkingConfig?.EndpointsConfig ?? {}) };
    delete eps[net.Name];
    if (net.Name === 'bridge') delete eps.default;
    r.NetworkingConfig = { EndpointsConfig: eps };
  });
  recordNetworkEvent(engine, net, 'disconnect', { container: rec.Id });
}
