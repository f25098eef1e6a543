// The network side of a container's life: what it is attached to before runc creates it, and what
// is released when it stops (detach.ts). Bridge networks go through netavark (attach.ts; rootless:
// inside the rootless netns), rootless containers on the default bridge get their own slirp4netns
// (rootless.ts); host and none need nothing, container:<id> joins the other container's namespace.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../context.js';
import { netStore } from './store.js';
import { conflict, notFound } from '../errors.js';
import type { ContainerRecord } from '../model/container.js';
import { pidAlive } from '../sys/process.js';
import { attachBridge } from './attach.js';
import { detachSandbox } from './detach.js';
import { DEFAULT_GATEWAY } from './records.js';
import { containerNetworkNames } from './endpoints.js';
import { attachRootless, checkPrivilegedPorts } from './rootless.js';
import { SLIRP_IP } from './rootless-addresses.js';

export interface NetworkAttachment {
  /** A prepared network namespace for runc to join; absent: runc creates a fresh one. */
  netnsPath?: string;
  /** The container's address on its primary network, for /etc/hosts. */
  ip?: string;
  /** What --add-host host-gateway stands for. */
  hostGatewayIp?: string;
  /** The resolver on DNS-enabled networks (Docker's embedded 127.0.0.11), replacing the host's servers. */
  nameservers?: string[];
  /** An fd conmon must inherit and keep open while the container runs (slirp4netns's exit FIFO); the caller closes its copy. */
  holdFd?: number;
  /** /etc/hosts lines of --link targets (filled by the caller). */
  links?: Array<{ ip: string; names: string }>;
}

/** A running container's address on a network, for links ("bridge" by default). */
export function containerAddress(engine: Engine, containerId: string, network = 'bridge'): string | undefined {
  const net = netStore(engine).networkByName(network);
  if (net) {
    const ep = netStore(engine).listEndpoints({ containerId, networkId: net.Id })[0];
    if (ep) return ep.IPAddress;
  }
  return netStore(engine).getSandbox(containerId)?.Slirp ? SLIRP_IP : undefined;
}

/** Called before the OCI spec is written. A failure must leave nothing attached. */
export async function attachNetworks(engine: Engine, rec: ContainerRecord): Promise<NetworkAttachment> {
  const mode = rec.HostConfig.NetworkMode || 'default';
  await sweepStaleSandboxes(engine);
  // A start holds the container's lock: a sandbox still recorded for it is a killed start's, torn down first.
  await detachSandbox(engine, rec.Id);
  if (mode === 'none') return {};
  if (mode === 'host') return engine.config.identity.rootless ? {} : { hostGatewayIp: DEFAULT_GATEWAY };
  if (mode.startsWith('container:')) return joinContainer(engine, mode.slice('container:'.length));
  const names = containerNetworkNames(rec);
  if (names.length === 0) return {};
  if (engine.config.identity.rootless && names.includes('bridge')) return attachRootless(engine, rec);
  if (engine.config.identity.rootless) checkPrivilegedPorts(rec, rec.Name);
  const b = await attachBridge(engine, rec);
  return { netnsPath: b.netnsPath, ip: b.ip, hostGatewayIp: b.gateway, nameservers: b.nameservers };
}

/**
 * Called on every stop path (cleanup, failed start, rm); idempotent and best-effort. `upTo` limits it
 * to what starts up to that StartCount attached: conmon's exit command passes the run that ended, so
 * it never tears down the sandbox of a restart already under way.
 */
export async function detachNetworks(engine: Engine, rec: ContainerRecord, opts: { upTo?: number } = {}): Promise<void> {
  await detachSandbox(engine, rec.Id, opts.upTo);
}

const detachById = detachSandbox;

/**
 * Sandboxes whose engine root or container is gone (a deleted root, a process killed mid-rm) give back
 * their ports and leases. A container's directory lives from create to rm, under any root.
 */
export async function sweepStaleSandboxes(engine: Engine): Promise<void> {
  for (const sb of netStore(engine).listSandboxes()) {
    const gone = !existsSync(join(sb.Root, 'containers', sb.ContainerId))
      || (sb.Root === engine.config.paths.dataRoot && !engine.state.getContainer(sb.ContainerId));
    if (gone) await detachById(engine, sb.ContainerId).catch((e) => engine.log.warn(`stale network of ${sb.ContainerId}: ${(e as Error).message}`));
  }
}

// docker parity: moby daemon/container_operations.go getNetworkedContainer
function joinContainer(engine: Engine, ref: string): NetworkAttachment {
  const other = engine.state.lookupContainer(ref);
  if (!other) throw notFound('no-such-container', `No such container: ${ref}`);
  if (other.State.Status !== 'running' || !pidAlive(other.State.Pid)) {
    throw conflict('container-not-running', `cannot join network of a non running container: ${other.Id}`);
  }
  const sandbox = netStore(engine).getSandbox(other.Id);
  const ep = netStore(engine).listEndpoints({ containerId: other.Id })[0];
  return { netnsPath: sandbox?.Key ?? `/proc/${other.State.Pid}/ns/net`, ip: ep?.IPAddress };
}
