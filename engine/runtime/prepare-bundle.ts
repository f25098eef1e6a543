// Everything runc needs before `create`: the /etc files bound into the container and config.json,
// built by the pure spec builder from the record and the facts gathered here.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../context.js';
import type { ContainerRecord } from '../model/container.js';
import type { NetworkAttachment } from '../network/index.js';
import { ensureDir, writeFileAtomic } from '../sys/fs.js';
import { boundingCapabilities, capLastCap, hardLimits, hostName, hostResources, kernelVersion } from '../sys/host-facts.js';
import { hostDevices } from '../sys/host-devices.js';
import { resolveInRoot } from '../sys/rootfs-path.js';
import { buildEtcFiles, hostResolvConfPath } from './etc-files/index.js';
import { bundleDir, containerDir } from './index.js';
import { buildSpec } from './spec/build-spec.js';
import { CAPABILITY_NAMES } from './spec/capabilities.js';
import { goArch, parseSeccompProfile, type SeccompProfile } from './spec/seccomp.js';
import { resolveUser } from './spec/user.js';
import { collectUserMounts } from './spec/user-mounts.js';

const readOrUndefined = (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } };

/** Reads a file of the container's rootfs by its in-container path, never escaping the rootfs. */
export const rootfsReader = (rootfs: string) => (path: string) => readOrUndefined(resolveInRoot(rootfs, path));

export function etcFilePaths(engine: Engine, id: string) {
  const dir = containerDir(engine, id);
  return { resolvConf: join(dir, 'resolv.conf'), hostname: join(dir, 'hostname'), hosts: join(dir, 'hosts') };
}

export async function prepareBundle(engine: Engine, rec: ContainerRecord, rootfs: string, net: NetworkAttachment = {}): Promise<void> {
  const etc = etcFilePaths(engine, rec.Id);
  ensureDir(containerDir(engine, rec.Id), 0o700);
  writeEtcFiles(rec, etc, net);
  createMissingBindSources(rec);
  const spec = buildSpec({
    record: rec,
    rootfs,
    rootless: engine.config.identity.rootless,
    etcFiles: etc,
    cgroupsPath: engine.config.identity.rootless ? undefined : `/skiff/${rec.Id}`,
    user: resolveUser(rec.Config.User ?? '', rootfsReader(rootfs), rec.HostConfig.GroupAdd ?? []),
    initPath: engine.config.initPath,
    seccompProfile: loadSeccomp(engine),
    host: { capLastCap: capLastCap(), boundingSet: boundingCapabilities(CAPABILITY_NAMES), hardLimits: hardLimits(), arch: goArch(process.arch), kernelVersion: kernelVersion(), hostname: hostName(),
      blkioWeightSupported: hostResources().blkioWeight,
      devices: rec.HostConfig.Privileged && !engine.config.identity.rootless ? hostDevices() : undefined },
    netnsPath: net.netnsPath,
    // create's validation already showed the user these warnings (Docker's WARNING lines).
    warn: (m) => engine.log.debug(m),
  });
  writeFileAtomic(join(bundleDir(engine, rec.Id), 'config.json'), JSON.stringify(spec), 0o600);
}

/** A running container joined a DNS network: its resolv.conf now names the embedded resolver (written in place, it is bind-mounted). */
export function rewriteResolvConf(engine: Engine, rec: ContainerRecord, nameservers: readonly string[]): void {
  writeFileSync(etcFilePaths(engine, rec.Id).resolvConf, etcFilesFor(rec, { nameservers }).resolvConf);
}

function etcFilesFor(rec: ContainerRecord, net: { ip?: string; hostGatewayIp?: string; nameservers?: readonly string[] }) {
  const hostResolv = readOrUndefined('/etc/resolv.conf') ?? '';
  return buildEtcFiles(rec, {
    hosts: readOrUndefined('/etc/hosts') ?? '',
    resolvConf: readOrUndefined(hostResolvConfPath(hostResolv)) ?? hostResolv,
    hostname: hostName(),
  }, net);
}

function writeEtcFiles(rec: ContainerRecord, etc: { resolvConf: string; hostname: string; hosts: string }, net: NetworkAttachment): void {
  const hostResolv = readOrUndefined('/etc/resolv.conf') ?? '';
  const files = buildEtcFiles(rec, {
    hosts: readOrUndefined('/etc/hosts') ?? '',
    resolvConf: readOrUndefined(hostResolvConfPath(hostResolv)) ?? hostResolv,
    hostname: hostName(),
  }, { ip: net.ip, hostGatewayIp: net.hostGatewayIp, nameservers: net.nameservers, links: net.links });
  writeFileAtomic(etc.hostname, files.hostname);
  writeFileAtomic(etc.hosts, files.hosts);
  writeFileAtomic(etc.resolvConf, files.resolvConf);
}

// docker parity: moby creates a missing -v host directory when the container starts (--mount refuses at create).
function createMissingBindSources(rec: ContainerRecord): void {
  for (const m of collectUserMounts(rec.HostConfig, rec.MountPoints)) {
    if (m.type === 'bind' && m.missingSource === 'create' && !existsSync(m.source)) mkdirSync(m.source, { recursive: true, mode: 0o755 });
  }
}

let seccompCache: SeccompProfile | undefined;
function loadSeccomp(engine: Engine): SeccompProfile | undefined {
  if (seccompCache) return seccompCache;
  const text = readOrUndefined(engine.config.seccompProfile);
  if (text === undefined) { engine.log.warn(`seccomp profile ${engine.config.seccompProfile} not found: running without seccomp`); return undefined; }
  return (seccompCache = parseSeccompProfile(text));
}
