// The events the domain verbs emit, with Docker's actors and attributes.
// docker parity: moby 20.10 daemon/events.go (LogContainerEventWithAttributes, LogNetworkEventWithAttributes,
// LogVolumeEvent), daemon/images/images.go LogImageEventWithAttributes, daemon/start.go, daemon/monitor.go
import type { Engine } from '../../context.js';
import type { ContainerRecord } from '../../model/container.js';
import type { NetworkRecord } from '../../model/network.js';
import { containerNetworkNames } from '../../network/endpoints.js';
import { netStore } from '../../network/store.js';
import { recordEvent } from './record.js';

type Attributes = Record<string, string>;
type ContainerLike = Pick<ContainerRecord, 'Id' | 'Name' | 'Config'>;

/** Extra attributes, then the container's labels over them, then image and name (Docker's order of precedence). */
export function recordContainerEvent(engine: Engine, rec: ContainerLike, action: string, extra: Attributes = {}): void {
  const attrs: Attributes = { ...extra, ...(rec.Config.Labels ?? {}) };
  if (rec.Config.Image) attrs.image = rec.Config.Image;
  attrs.name = rec.Name.replace(/^\/+/, '');
  recordEvent(engine, { Type: 'container', Action: action, Actor: { ID: rec.Id, Attributes: attrs } });
}

/** By id when the container may already be gone from the caller's hands (kill). */
export function recordContainerEventById(engine: Engine, id: string, action: string, extra: Attributes = {}): void {
  const rec = engine.state.getContainer(id);
  if (rec) recordContainerEvent(engine, rec, action, extra);
}

/** `actor` is an image id or, for pull and push, the reference; the labels come from the image `labelsOf` when it exists. */
export function recordImageEvent(engine: Engine, action: string, actor: string, name: string, labelsOf: string = actor): void {
  const attrs: Attributes = { ...(engine.state.getImage(labelsOf)?.Config.config?.Labels ?? {}) };
  if (name) attrs.name = name;
  recordEvent(engine, { Type: 'image', Action: action, Actor: { ID: actor, Attributes: attrs } });
}

export function recordNetworkEvent(engine: Engine, net: Pick<NetworkRecord, 'Id' | 'Name' | 'Driver'>, action: string, extra: Attributes = {}): void {
  recordEvent(engine, { Type: 'network', Action: action, Actor: { ID: net.Id, Attributes: { ...extra, name: net.Name, type: net.Driver } } });
}

export function recordVolumeEvent(engine: Engine, name: string, action: string, extra: Attributes = {}): void {
  recordEvent(engine, { Type: 'volume', Action: action, Actor: { ID: name, Attributes: { driver: 'local', ...extra } } });
}

/**
 * A container now runs: its networks connected, its volumes mounted, then `start` (moby's order); with
 * a terminal's size, the `resize` the docker CLI makes right after the start of `run -t`/`start -a`.
 */
export function recordStarted(engine: Engine, rec: ContainerRecord, size?: { rows: number; cols: number }): void {
  for (const net of attachedNetworks(engine, rec)) recordNetworkEvent(engine, net, 'connect', { container: rec.Id });
  for (const m of volumeMounts(rec)) {
    recordVolumeEvent(engine, m.Name!, 'mount', {
      container: rec.Id, destination: m.Destination, driver: m.Driver ?? 'local', propagation: m.Propagation ?? '', 'read/write': String(m.RW),
    });
  }
  recordContainerEvent(engine, rec, 'start');
  if (size) recordContainerEvent(engine, rec, 'resize', { height: String(size.rows), width: String(size.cols) });
}

/** A container's process ended: `die`, then its networks disconnected and its volumes unmounted. */
export function recordDied(engine: Engine, rec: ContainerRecord, exitCode: number): void {
  recordContainerEvent(engine, rec, 'die', { exitCode: String(exitCode) });
  for (const net of attachedNetworks(engine, rec)) recordNetworkEvent(engine, net, 'disconnect', { container: rec.Id });
  for (const m of volumeMounts(rec)) recordVolumeEvent(engine, m.Name!, 'unmount', { container: rec.Id, driver: m.Driver ?? 'local' });
}

function attachedNetworks(engine: Engine, rec: ContainerRecord): NetworkRecord[] {
  try {
    return containerNetworkNames(rec).map((n) => netStore(engine).networkByName(n)).filter((n): n is NetworkRecord => !!n);
  } catch {
    return [];
  }
}

const volumeMounts = (rec: ContainerRecord) => (rec.MountPoints ?? []).filter((m) => m.Type === 'volume' && m.Name);

/** "exec_create: sh -c echo hi" — Docker names exec events after the command (entrypoint, a space, the args). */
export const execAction = (kind: 'exec_create' | 'exec_start', cmd: readonly string[]) => `${kind}: ${cmd[0] ?? ''} ${cmd.slice(1).join(' ')}`;

/** After a prune: Docker 20.10 logs one "prune" event with the bytes reclaimed and no actor id (moby daemon/prune.go). */
export function recordPrune(engine: Engine, type: 'container' | 'image' | 'network' | 'volume', reclaimed: number): void {
  recordEvent(engine, { Type: type, Action: 'prune', Actor: { ID: '', Attributes: { reclaimed: String(reclaimed) } } });
}
