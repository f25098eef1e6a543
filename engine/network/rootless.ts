// Rootless networking: each container on the default bridge gets its own netns with slirp4netns
// (10.0.2.100, gateway 10.0.2.2, DNS through the host's resolvers), and -p through slirp4netns's
// add_hostfwd. Host ports below net.ipv4.ip_unprivileged_port_start cannot be bound by a user.
import { closeSync } from 'node:fs';
import type { Engine } from '../context.js';
import { netStore } from './store.js';
import { EngineError, notImplemented } from '../errors.js';
import type { ContainerRecord } from '../model/container.js';
import { runtimeEnv } from '../runtime/index.js';
import { generateId } from '../sys/ids.js';
import { createNetns, removeNetns } from '../sys/netns.js';
import { unprivilegedPortStart } from '../sys/port-probe.js';
import { slirpApi, startSlirp } from '../sys/slirp.js';
import { containerNetworkNames, macFromIp } from './endpoints.js';
import { getNetwork } from './records.js';
import type { NetworkAttachment } from './index.js';
import { reservePorts, sandboxPath } from './attach.js';
import { detachSandbox } from './detach.js';
import { portRequests, type PortMapping } from './ports.js';

import { SLIRP_GATEWAY, SLIRP_IP } from './rootless-addresses.js';

export function checkPrivilegedPorts(rec: ContainerRecord, name: string): void {
  const start = unprivilegedPortStart();
  for (const r of portRequests(rec.HostConfig.PortBindings, rec.Config.ExposedPorts, rec.HostConfig.PublishAllPorts)) {
    if (r.hostFrom === 0 || r.hostFrom >= start) continue;
    const ip = r.hostIp || '0.0.0.0';
    // docker parity: rootlesskit's port driver message, as Docker rootless prints it
    throw new EngineError('permission-denied', 'privileged-port', `driver failed programming external connectivity on endpoint ${name} (${generateId()}): `
      + `Error starting userland proxy: cannot expose privileged port ${r.hostFrom}, you can add 'net.ipv4.ip_unprivileged_port_start=${r.hostFrom}' to /etc/sysctl.conf (currently ${start}), `
      + `or choose a larger port number (>= ${start}): listen ${r.protocol}4 ${ip}:${r.hostFrom}: bind: permission denied`);
  }
}

/** One add_hostfwd per mapping; `sameGuestPort` forwards to the host port's number (netavark maps it on). Returns the forward ids. */
export async function forwardPorts(apiSocket: string, ports: PortMapping[], sameGuestPort = false): Promise<number[]> {
  const ids: number[] = [];
  for (const p of ports) {
    const guest = sameGuestPort ? p.hostPort : p.containerPort;
    const reply = await slirpApi(apiSocket, { execute: 'add_hostfwd', arguments: { proto: p.protocol, host_addr: p.hostIp || '0.0.0.0', host_port: p.hostPort, guest_port: guest } });
    if (reply.error) {
      // Nothing half-published: the forwards made so far go too.
      for (const id of ids) await slirpApi(apiSocket, { execute: 'remove_hostfwd', arguments: { id } }).catch(() => undefined);
      throw new EngineError('internal', 'slirp-hostfwd', `cannot publish ${p.hostIp || '0.0.0.0'}:${p.hostPort}: ${reply.error.desc ?? JSON.stringify(reply.error)}`);
    }
    ids.push(Number(reply.return?.id ?? -1));
  }
  return ids;
}

export async function attachRootless(engine: Engine, rec: ContainerRecord): Promise<NetworkAttachment> {
  const names = containerNetworkNames(rec);
  for (const n of names) getNetwork(engine, n);
  // slirp4netns serves the default bridge alone; user networks live in the rootless netns.
  if (names.length > 1) throw notImplemented('rootless-mixed-networks', 'rootless containers cannot join the default bridge and user-defined networks at start; use `network connect` after it started');
  checkPrivilegedPorts(rec, rec.Name);
  const netnsPath = sandboxPath(engine, rec.Id);
  const apiSocket = `${netnsPath}.sock`;
  const sandbox = { ContainerId: rec.Id, Id: generateId(), Key: netnsPath, Root: engine.config.paths.dataRoot, Generation: rec.State.StartCount + 1 };
  const ports = await reservePorts(engine, rec, sandbox, rec.Name);
  try {
    await removeNetns(netnsPath);
    await createNetns(netnsPath);
    const slirp = await startSlirp({
      netns: netnsPath, apiSocket, exitFifo: `${netnsPath}.exit`, logFile: `${netnsPath}.log`,
      mac: macFromIp(SLIRP_IP), env: runtimeEnv(engine),
    });
    netStore(engine).transaction(() => {
      const sb = netStore(engine).getSandbox(rec.Id);
      if (sb) netStore(engine).putSandbox({ ...sb, Slirp: { Pid: slirp.pid, ApiSocket: apiSocket } });
    });
    await forwardPorts(apiSocket, ports).catch((e) => { if (slirp.holdFd !== undefined) closeSync(slirp.holdFd); throw e; });
    return { netnsPath, ip: SLIRP_IP, hostGatewayIp: SLIRP_GATEWAY, holdFd: slirp.holdFd };
  } catch (e) {
    await detachSandbox(engine, rec.Id);
    throw e;
  }
}
