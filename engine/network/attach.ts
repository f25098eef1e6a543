// Bridge networking through netavark for one container start (rootful, and rootless user networks in
// the rootless netns): record the sandbox and the leases first (so any later failure, or a crash,
// leaves something detach can undo), create the netns, publish the ports, run netavark, redirect the
// embedded DNS address. detach.ts undoes it all, best-effort.
import { join } from 'node:path';
import type { Engine } from '../context.js';
import { netStore } from './store.js';
import { EngineError } from '../errors.js';
import type { ContainerRecord } from '../model/container.js';
import type { EndpointRecord, NetworkRecord, SandboxRecord } from '../model/network.js';
import { runtimeEnv } from '../runtime/index.js';
import { generateId } from '../sys/ids.js';
import { ProcessLocks } from '../storage/process-lock.js';
import { createNetns, removeNetns } from '../sys/netns.js';
import { ephemeralRange, probePort } from '../sys/port-probe.js';
import { EMBEDDED_DNS, redirectEmbeddedDns } from './dns-redirect.js';
import { bridgeNetworksOf, endpointConfig, leaseEndpoint } from './endpoints.js';
import { detachSandbox } from './detach.js';
import { forwardPorts } from './rootless.js';
import { ensureRootlessNetns, rootlessNetnsApi, rootlessNetnsPath } from './rootless-netns.js';
import { netavark, netavarkOptions, type NetavarkAttachment, type NetavarkRunner } from './netavark.js';
import { allocatePorts, collides, mappingsOf, PortError, portRequests, resolvedPortMap, type PortMapping } from './ports.js';

export interface BridgeAttachment { netnsPath: string; ip: string; gateway: string; nameservers?: string[] }

export const sandboxPath = (engine: Engine, containerId: string) => join(engine.config.paths.netns, `skiff-${containerId.slice(0, 12)}`);

/** Rootful: netavark in the host's namespace. Rootless: inside the user's rootless netns (see rootless-netns.ts). */
export function netavarkRunner(engine: Engine): NetavarkRunner {
  const rootless = engine.config.identity.rootless;
  const wrap = rootless ? (argv: string[]) => ['nsenter', `--net=${rootlessNetnsPath(engine)}`, ...argv] : undefined;
  return { configDir: engine.config.paths.netavarkConfig, rootless, env: runtimeEnv(engine), wrap };
}

/** netavark calls one at a time per config dir: a teardown deleting a network's chains must not race a setup (Podman locks too). */
export function withNetavarkLock<T>(engine: Engine, fn: () => Promise<T>): Promise<T> {
  return new ProcessLocks(engine.config.paths.netavarkConfig).with('netavark', fn);
}

/** Chooses host ports for -p/-P, then records them with the sandbox in one transaction (race-free). */
export async function reservePorts(engine: Engine, rec: ContainerRecord, sandbox: Omit<SandboxRecord, 'Ports'>, endpointName: string): Promise<PortMapping[]> {
  const requests = portRequests(rec.HostConfig.PortBindings, rec.Config.ExposedPorts, rec.HostConfig.PublishAllPorts);
  for (let attempt = 0; ; attempt++) {
    const taken = () => netStore(engine).listSandboxes().filter((s) => s.ContainerId !== rec.Id).flatMap((s) => mappingsOf(s.Ports));
    let ports: PortMapping[];
    try {
      ports = await allocatePorts(requests, { taken: taken(), range: ephemeralRange(), inUseOnHost: async (p, ip, port) => (await probePort(p, ip, port)) !== 'free' });
    } catch (e) {
      if (!(e instanceof PortError)) throw e;
      // docker parity: moby daemon/container_operations.go (libnetwork driver error while programming the endpoint)
      throw new EngineError('internal', 'port-unavailable', `driver failed programming external connectivity on endpoint ${endpointName} (${generateId()}): ${e.message}`);
    }
    // Another start may have taken a port since the probe: then choose again (a fixed port now fails above).
    const stored = netStore(engine).transaction(() => {
      if (taken().some((t) => ports.some((p) => collides(p, t)))) return false;
      netStore(engine).putSandbox({ ...sandbox, Ports: resolvedPortMap(ports, rec.Config.ExposedPorts) });
      return true;
    });
    if (stored) return ports;
    if (attempt >= 20) throw new EngineError('conflict', 'port-race', 'could not reserve the published ports: other containers keep taking them');
  }
}

/** Leases every endpoint in one transaction; their order gives eth0, eth1… */
function leaseAll(engine: Engine, rec: ContainerRecord, nets: NetworkRecord[]): NetavarkAttachment[] {
  return netStore(engine).transaction(() => nets.map((network, i) => ({
    network, endpoint: leaseEndpoint(engine, rec, { network, settings: endpointConfig(rec, network), interfaceName: `eth${i}` }),
  })));
}

export async function attachBridge(engine: Engine, rec: ContainerRecord): Promise<BridgeAttachment> {
  const nets = bridgeNetworksOf(engine, rec);
  const netnsPath = sandboxPath(engine, rec.Id);
  const rootless = engine.config.identity.rootless;
  const sandbox = { ContainerId: rec.Id, Id: generateId(), Key: netnsPath, Root: engine.config.paths.dataRoot, Generation: rec.State.StartCount + 1,
    ...(rootless ? { RootlessNetns: { Forwards: [] } } : {}) };
  const ports = await reservePorts(engine, rec, sandbox, rec.Name);
  try {
    const attachments = leaseAll(engine, rec, nets);
    await removeNetns(netnsPath);
    await createNetns(netnsPath);
    if (rootless) await ensureRootlessNetns(engine);
    const natPorts = natMappings(engine, ports);
    await withNetavarkLock(engine, () => netavark(netavarkRunner(engine), 'setup', netnsPath, request(rec, attachments, natPorts)));
    if (rootless && ports.length > 0) await recordForwards(engine, rec.Id, await forwardPorts(rootlessNetnsApi(engine), ports, true));
    const first = attachments[0]!.endpoint;
    const dnsNet = attachments.find((a) => a.network.Bridge?.DnsEnabled);
    const redirected = dnsNet ? await redirectEmbeddedDns(netnsPath, dnsNet.endpoint.InterfaceName, dnsNet.endpoint.Gateway, dnsNet.endpoint.IPAddress, runtimeEnv(engine)) : false;
    const nameservers = dnsNet ? [redirected ? EMBEDDED_DNS : dnsNet.endpoint.Gateway] : undefined;
    return { netnsPath, ip: first.IPAddress, gateway: first.Gateway, nameservers };
  } catch (e) {
    await detachSandbox(engine, rec.Id);
    throw e;
  }
}

/** The port mappings netavark gets: in the rootless netns every forward arrives on slirp's address (slirp4netns bound the host address). */
export function natMappings(engine: Engine, ports: PortMapping[]): PortMapping[] {
  return engine.config.identity.rootless ? ports.map((p) => ({ ...p, hostIp: '' })) : ports;
}

function recordForwards(engine: Engine, containerId: string, ids: number[]): void {
  netStore(engine).transaction(() => {
    const sb = netStore(engine).getSandbox(containerId);
    if (sb) netStore(engine).putSandbox({ ...sb, RootlessNetns: { Forwards: ids } });
  });
}

export function request(rec: ContainerRecord, attachments: NetavarkAttachment[], ports: PortMapping[]) {
  return netavarkOptions({ containerId: rec.Id, containerName: rec.Name, attachments, ports, dnsServers: rec.HostConfig.Dns ?? [] });
}

/** The attachments a container's stored endpoints describe (networks removed meanwhile are skipped). */
export function storedAttachments(engine: Engine, containerId: string, only?: string): NetavarkAttachment[] {
  return netStore(engine).listEndpoints({ containerId, networkId: only })
    .map((endpoint: EndpointRecord) => ({ endpoint, network: netStore(engine).getNetwork(endpoint.NetworkId) }))
    .filter((a): a is NetavarkAttachment => a.network?.Bridge !== undefined);
}

/** `network connect` of a running container: one more endpoint, set up by netavark in its netns; the embedded DNS when it is the first DNS network. */
export async function connectBridge(engine: Engine, rec: ContainerRecord, network: NetworkRecord): Promise<{ nameservers?: string[] }> {
  const sandbox = netStore(engine).getSandbox(rec.Id);
  if (!sandbox) throw new EngineError('conflict', 'no-sandbox', `container ${rec.Id} has no network namespace to connect`);
  if (engine.config.identity.rootless) {
    await ensureRootlessNetns(engine);
    if (!sandbox.RootlessNetns) netStore(engine).putSandbox({ ...sandbox, RootlessNetns: { Forwards: [] } });
  }
  const used = netStore(engine).listEndpoints({ containerId: rec.Id }).map((e) => Number(e.InterfaceName.replace(/^eth/, '')));
  if (sandbox.Slirp) used.push(0); // slirp4netns's interface is eth0
  const interfaceName = `eth${used.length ? Math.max(...used) + 1 : 0}`;
  const endpoint = netStore(engine).transaction(() => leaseEndpoint(engine, rec, { network, settings: endpointConfig(rec, network), interfaceName }));
  const hadDns = storedAttachments(engine, rec.Id).some((a) => a.network.Id !== network.Id && a.network.Bridge?.DnsEnabled);
  try {
    await withNetavarkLock(engine, () => netavark(netavarkRunner(engine), 'setup', sandbox.Key, request(rec, [{ network, endpoint }], [])));
    if (hadDns || !network.Bridge?.DnsEnabled) return {};
    const redirected = await redirectEmbeddedDns(sandbox.Key, endpoint.InterfaceName, endpoint.Gateway, endpoint.IPAddress, runtimeEnv(engine));
    return { nameservers: [redirected ? EMBEDDED_DNS : endpoint.Gateway] };
  } catch (e) {
    await withNetavarkLock(engine, () => netavark(netavarkRunner(engine), 'teardown', sandbox.Key, request(rec, [{ network, endpoint }], []))).catch(() => undefined);
    netStore(engine).transaction(() => netStore(engine).deleteEndpoints(rec.Id, network.Id));
    throw e;
  }
}

/** `network disconnect` of a running container: that endpoint's teardown and lease only. */
export async function disconnectBridge(engine: Engine, rec: ContainerRecord, network: NetworkRecord): Promise<void> {
  const sandbox = netStore(engine).getSandbox(rec.Id);
  const attachments = storedAttachments(engine, rec.Id, network.Id);
  if (sandbox && attachments.length > 0) {
    await withNetavarkLock(engine, () => netavark(netavarkRunner(engine), 'teardown', sandbox.Key, request(rec, attachments, natMappings(engine, mappingsOf(sandbox.Ports)))))
      .catch((e) => engine.log.debug(`disconnect: ${(e as Error).message}`));
  }
  netStore(engine).transaction(() => netStore(engine).deleteEndpoints(rec.Id, network.Id));
}
