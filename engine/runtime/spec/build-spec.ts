// The pure function from a container record to the OCI runtime spec (config.json) that runc runs, with
// Docker 20.10's defaults. Everything it needs from the host arrives in SpecInput; it reads no files.
import { invalidArgument } from '../../errors.js';
import type { ContainerRecord } from '../../model/container.js';
import type { ImageRuntimeConfig } from '../../model/docker-types.js';
import { capabilitiesForUser, tweakCapabilities } from './capabilities.js';
import { buildMounts, DEFAULT_SHM_SIZE, DOCKER_INIT_PATH, type EtcFilePaths } from './mounts.js';
import { buildNamespaces, buildSysctls, containerHostname, ipcKind, isHostNetwork } from './namespaces.js';
import { buildProcessEnv, commandFor, mergeImageConfig, processCwd } from './process-config.js';
import { buildResources, buildRlimits, type HostHardLimits } from './resources.js';
import { renderSeccomp, type SeccompProfile } from './seccomp.js';
import { parseSecurityOpts, type SecurityOptions } from './security-opts.js';
import { OCI_VERSION, type OciDevice, type OciLinux, type OciProcess, type OciSeccomp, type OciSpec } from './types.js';
import { collectUserMounts } from './user-mounts.js';
import type { ResolvedUser } from './user.js';

// docker parity: moby oci/defaults.go DefaultLinuxSpec MaskedPaths / ReadonlyPaths
export const DOCKER_MASKED_PATHS: readonly string[] = [
  '/proc/asound', '/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list',
  '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware',
];
export const DOCKER_READONLY_PATHS: readonly string[] = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/** What the host contributes; gathered once by the caller (sys/), so this module stays pure. */
export interface SpecHost {
  /** /proc/sys/kernel/cap_last_cap. */
  capLastCap: number;
  /** The engine's own bounding set; when given, --privileged and --cap-add ALL stay within it. */
  boundingSet?: readonly string[];
  /** The engine's hard limits (getrlimit), at least nofile and nproc: no rlimit may exceed them. */
  hardLimits: HostHardLimits;
  /** Go arch name (seccomp.goArch(process.arch)). */
  arch: string;
  kernelVersion?: string;
  /** The host's hostname, the container's with --network host. */
  hostname?: string;
  /** The host's device nodes, given to --privileged containers (rootful only). */
  devices?: readonly OciDevice[];
  blkioWeightSupported?: boolean;
}

export interface SpecInput {
  record: ContainerRecord;
  /** The image's config, merged into record.Config as Docker does at create (a no-op if already merged). */
  image?: ImageRuntimeConfig;
  /** The mounted root filesystem. */
  rootfs: string;
  rootless: boolean;
  /** Host paths of the files bound at /etc/resolv.conf, /etc/hostname and /etc/hosts. */
  etcFiles: EtcFilePaths;
  /** `/docker/<id>`-style path for rootful containers; ignored when rootless (no cgroup on v1). */
  cgroupsPath?: string;
  /** The container user resolved against the rootfs (user.ts resolveUser). */
  user: ResolvedUser;
  /** Host path of catatonit, mounted at /sbin/docker-init with --init. */
  initPath: string;
  /** The engine's seccomp profile file, parsed; undefined runs without seccomp. */
  seccompProfile?: SeccompProfile;
  host: SpecHost;
  /** A network namespace prepared by the network layer; otherwise runc creates a fresh one. */
  netnsPath?: string;
  warn?: (message: string) => void;
}

function processArgs(input: SpecInput, config: ContainerRecord['Config']): string[] {
  const { record } = input;
  // Docker fixes Path/Args at create; a record without them gets them from Entrypoint + Cmd now.
  const command = record.Path ? { path: record.Path, args: record.Args } : commandFor(config);
  const argv = [command.path, ...command.args];
  return record.HostConfig.Init ? [DOCKER_INIT_PATH, '--', ...argv] : argv;
}

/** Never negative: lowering oom_score_adj needs CAP_SYS_RESOURCE, which the engine may lack (runc fails). */
function oomScoreAdj(input: SpecInput): number | undefined {
  const value = input.record.HostConfig.OomScoreAdj ?? 0;
  if (value < -1000 || value > 1000) {
    // docker parity: moby daemon/daemon_unix.go verifyPlatformContainerSettings
    throw invalidArgument('bad-oom-score-adj', `Invalid value ${value}, range for oom score adj is [-1000, 1000]`);
  }
  const requested = Math.max(0, value);
  // Rootless: writing 0 may still lower an inherited positive value, so only pass explicit requests (Podman).
  return input.rootless && requested === 0 ? undefined : requested;
}

function buildProcess(input: SpecInput, config: ContainerRecord['Config'], caps: string[], sec: SecurityOptions, hostname: string): OciProcess {
  const { user } = input;
  const process: OciProcess = {
    ...(config.Tty ? { terminal: true } : {}),
    user: { uid: user.uid, gid: user.gid, additionalGids: [...user.additionalGids] },
    args: processArgs(input, config),
    env: buildProcessEnv(config.Env, hostname, config.Tty),
    cwd: processCwd(config.WorkingDir),
    capabilities: capabilitiesForUser(caps, user.uid),
  };
  const rlimits = buildRlimits(input.record.HostConfig.Ulimits, input.host.hardLimits);
  if (rlimits) process.rlimits = rlimits;
  if (sec.noNewPrivileges) process.noNewPrivileges = true;
  if (sec.apparmor && sec.apparmor !== 'unconfined') process.apparmorProfile = sec.apparmor;
  const oom = oomScoreAdj(input);
  if (oom !== undefined) process.oomScoreAdj = oom;
  return process;
}

function seccompFor(input: SpecInput, sec: SecurityOptions, caps: string[]): OciSeccomp | undefined {
  if (input.record.HostConfig.Privileged || sec.seccomp === 'unconfined') return undefined;
  const profile = sec.seccomp === 'default' ? input.seccompProfile : sec.seccomp;
  if (!profile) return undefined;
  return renderSeccomp(profile, { capabilities: caps, arch: input.host.arch, kernelVersion: input.host.kernelVersion });
}

function systemPaths(input: SpecInput, sec: SecurityOptions): Pick<OciLinux, 'maskedPaths' | 'readonlyPaths'> {
  const hc = input.record.HostConfig;
  if (hc.Privileged || sec.unconfinedSystemPaths) return {};
  const masked = [...(hc.MaskedPaths ?? DOCKER_MASKED_PATHS)];
  // A bind of the host's /sys (rootless + host network) would expose /sys/kernel (Podman masks it too).
  if (input.rootless && isHostNetwork(hc)) masked.push('/sys/kernel');
  const readonly = [...(hc.ReadonlyPaths ?? DOCKER_READONLY_PATHS)];
  return { ...(masked.length ? { maskedPaths: masked } : {}), ...(readonly.length ? { readonlyPaths: readonly } : {}) };
}

/** linux.*, in the key order of Docker's config.json. Rootless: no cgroup, so no resources or cgroupsPath. */
function buildLinux(input: SpecInput, caps: string[], sec: SecurityOptions, rootfsPropagation?: string): OciLinux {
  const hc = input.record.HostConfig;
  const sysctl = buildSysctls(hc, input.rootless);
  const resources = input.rootless ? undefined
    : buildResources(hc, hc.Privileged, { blkioWeightSupported: input.host.blkioWeightSupported, warn: input.warn });
  const cgroupsPath = input.rootless ? undefined : input.cgroupsPath;
  const devices = hc.Privileged && !input.rootless && input.host.devices?.length ? [...input.host.devices] : undefined;
  const seccomp = seccompFor(input, sec, caps);
  return {
    ...(sysctl ? { sysctl } : {}),
    ...(resources ? { resources } : {}),
    ...(cgroupsPath ? { cgroupsPath } : {}),
    namespaces: buildNamespaces(hc, input.netnsPath),
    ...(devices ? { devices } : {}),
    ...(seccomp ? { seccomp } : {}),
    ...(rootfsPropagation ? { rootfsPropagation } : {}),
    ...systemPaths(input, sec),
  };
}

function checkShmSize(size: number | undefined): number {
  // docker parity: moby daemon/daemon_unix.go verifyPlatformContainerSettings
  if ((size ?? 0) < 0) throw invalidArgument('bad-shm-size', 'SHM size can not be less than 0');
  return size || DEFAULT_SHM_SIZE;
}

/** The complete config.json object for `runc create`. Throws EngineError (invalid-argument, not-implemented). */
export function buildSpec(input: SpecInput): OciSpec {
  const { record } = input;
  const hc = record.HostConfig;
  const config = mergeImageConfig(record.Config, input.image);
  const sec = parseSecurityOpts(hc.SecurityOpt);
  const caps = tweakCapabilities({ capAdd: hc.CapAdd, capDrop: hc.CapDrop, privileged: hc.Privileged }, input.host);
  const hostname = containerHostname({ ...record, Config: config }, input.host.hostname);
  const { mounts, rootfsPropagation } = buildMounts({
    userMounts: collectUserMounts(hc, record.MountPoints),
    etcFiles: input.etcFiles,
    initPath: hc.Init ? input.initPath : undefined,
    shmSize: checkShmSize(hc.ShmSize),
    ipc: ipcKind(hc),
    readOnlyRoot: hc.ReadonlyRootfs,
    privileged: hc.Privileged,
    rootless: input.rootless,
    hostNetwork: isHostNetwork(hc),
    hostPid: hc.PidMode === 'host',
  });
  // No UTS namespace (or no name at all) leaves the hostname alone.
  const setHostname = hc.UTSMode !== 'host' && hostname !== '';
  return {
    ociVersion: OCI_VERSION,
    process: buildProcess(input, config, caps, sec, hostname),
    root: { path: input.rootfs, ...(hc.ReadonlyRootfs ? { readonly: true } : {}) },
    ...(setHostname ? { hostname } : {}),
    mounts,
    linux: buildLinux(input, caps, sec, rootfsPropagation),
  };
}
