// The network side of a container's life: what it is attached to before runc creates it, and what
// is released when it stops. Today every container gets runc's fresh network namespace with only
// loopback (or the host's with --network host); netavark (rootful) and slirp4netns (rootless) plug
// in here, behind the same two calls, with no change to the container lifecycle.
import type { Engine } from '../context.js';
import type { ContainerRecord } from '../model/container.js';

export interface NetworkAttachment {
  /** A prepared network namespace for runc to join; absent: runc creates a fresh one. */
  netnsPath?: string;
  /** The container's address on its primary network, for /etc/hosts. */
  ip?: string;
  /** What --add-host host-gateway stands for. */
  hostGatewayIp?: string;
}

/** Called before the OCI spec is written. A failure must leave nothing attached. */
export async function attachNetworks(_engine: Engine, _rec: ContainerRecord): Promise<NetworkAttachment> {
  return {};
}

/** Called on every stop path (cleanup, failed start, rm); idempotent and best-effort. */
export async function detachNetworks(_engine: Engine, _rec: ContainerRecord): Promise<void> {
  // Nothing to release while namespaces are runc's own.
}
