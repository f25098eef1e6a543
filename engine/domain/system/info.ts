// GET /info and `docker info`: what this engine is and has, in the shape of moby's system.Info.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname, machine, release, totalmem } from 'node:os';
import { basename } from 'node:path';
import type { Engine } from '../../context.js';
import { registryConfigFrom } from '../../registry/hosts.js';
import { cgroupVersion, hostResources } from '../../sys/host-facts.js';
import { backingFilesystem, cgroupFeatures, ipv4Forwarding, machineId, openFds, osRelease, type CgroupFeatures } from '../../sys/host-info.js';
import { dockerDriverName } from '../../views/driver-name.js';
import { rfc3339Nano } from '../../views/time.js';
import { syncContainer } from '../containers/sync.js';
import { serverVersion, SKIFF_VERSION } from './version.js';

export type SystemInfo = Record<string, unknown>;

/** Container counts by state, as moby's fillContainerStates counts them. */
function containerStates(engine: Engine): { total: number; running: number; paused: number; stopped: number } {
  const states = engine.state.listContainers().map((c) => syncContainer(engine, c).State.Status);
  const running = states.filter((s) => s === 'running' || s === 'restarting').length;
  const paused = states.filter((s) => s === 'paused').length;
  return { total: states.length, running, paused, stopped: states.length - running - paused };
}

function driverStatus(engine: Engine): Array<[string, string]> {
  const status: Array<[string, string]> = [['Backing Filesystem', backingFilesystem(engine.config.paths.dataRoot)]];
  if (engine.storage.driver !== 'overlay') return status;
  // skiff computes diffs by walking the upper dir itself (Docker's "native" diff); rootless mounts use userxattr.
  return [...status, ['Supports d_type', 'true'], ['Native Overlay Diff', 'true'], ['userxattr', String(engine.config.identity.rootless)]];
}

// docker parity: moby daemon/info.go fillSecurityOptions
function securityOptions(engine: Engine, seccomp: boolean): string[] {
  const out: string[] = [];
  if (seccomp) out.push('name=seccomp,profile=default');
  if (engine.config.identity.rootless) out.push('name=rootless');
  if (cgroupVersion() === 2) out.push('name=cgroupns');
  return out;
}

// docker parity: moby daemon/info_unix.go fillPlatformInfo warnings (the cgroup ones; skiff routes no bridge traffic).
function warnings(f: CgroupFeatures, v: 1 | 2): string[] {
  const out: string[] = [];
  if (!f.memoryLimit) out.push('WARNING: No memory limit support');
  if (!f.swapLimit) out.push('WARNING: No swap limit support');
  if (!f.kernelMemoryTCP && v === 1) out.push('WARNING: No kernel memory TCP limit support');
  if (!f.oomKillDisable && v === 1) out.push('WARNING: No oom kill disable support');
  if (!f.cpuCfsQuota) out.push('WARNING: No cpu cfs quota support');
  if (!f.cpuCfsPeriod) out.push('WARNING: No cpu cfs period support');
  if (!f.cpuShares) out.push('WARNING: No cpu shares support');
  if (!f.cpuSet) out.push('WARNING: No cpuset support');
  return out;
}

/** A stable engine ID: derived from the machine and the storage root, formatted as a UUID. */
function engineId(dataRoot: string): string {
  const h = createHash('sha256').update(`${machineId()}\0${dataRoot}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function registryConfig(engine: Engine): Record<string, unknown> {
  const cfg = registryConfigFrom(process.env, engine.config.identity);
  const cidrs = ['127.0.0.0/8', ...cfg.insecureRegistries.filter((r) => r.includes('/'))];
  const named = cfg.insecureRegistries.filter((r) => !r.includes('/'));
  const index = (name: string, secure: boolean, official: boolean) => ({ Name: name, Mirrors: [], Secure: secure, Official: official });
  return {
    AllowNondistributableArtifactsCIDRs: null, AllowNondistributableArtifactsHostnames: null, InsecureRegistryCIDRs: cidrs,
    IndexConfigs: Object.fromEntries([['docker.io', index('docker.io', true, true)], ...named.map((n) => [n, index(n, false, false)])]),
    Mirrors: [],
  };
}

/** Everything `docker info` shows about the engine, from the real host and store. */
export async function systemInfo(engine: Engine): Promise<SystemInfo> {
  const cfg = engine.config;
  const rootless = cfg.identity.rootless;
  const v = cgroupVersion();
  // Rootless on cgroup v1 gets no cgroup at all (create warns the same), so nothing can be limited.
  const f: CgroupFeatures = rootless && v === 1 ? Object.fromEntries(Object.keys(cgroupFeatures()).map((k) => [k, false])) as unknown as CgroupFeatures : cgroupFeatures();
  const counts = containerStates(engine);
  const version = await serverVersion(cfg);
  const commit = (name: string) => version.Components.find((c) => c.Name === name)?.Details?.GitCommit ?? '';
  const os = osRelease();
  const seccomp = existsSync(cfg.seccompProfile);
  const env = process.env;
  return {
    ID: engineId(cfg.paths.dataRoot), Containers: counts.total, ContainersRunning: counts.running, ContainersPaused: counts.paused,
    ContainersStopped: counts.stopped, Images: engine.state.listImages().length, Driver: dockerDriverName(engine.storage.driver),
    DriverStatus: driverStatus(engine),
    Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'null'], Authorization: null, Log: ['json-file'] },
    MemoryLimit: f.memoryLimit, SwapLimit: f.swapLimit, KernelMemory: f.kernelMemory, KernelMemoryTCP: f.kernelMemoryTCP,
    CpuCfsPeriod: f.cpuCfsPeriod, CpuCfsQuota: f.cpuCfsQuota, CPUShares: f.cpuShares, CPUSet: f.cpuSet, PidsLimit: f.pidsLimit,
    IPv4Forwarding: ipv4Forwarding(), Debug: cfg.logLevel === 'debug', NFd: openFds(), OomKillDisable: f.oomKillDisable,
    // Node has no goroutines; the engine runs no event listeners (there is no daemon to listen to).
    NGoroutines: 0, SystemTime: rfc3339Nano(engine.clock()),
    LoggingDriver: 'json-file', CgroupDriver: rootless ? 'none' : 'cgroupfs', CgroupVersion: String(v), NEventsListener: 0,
    KernelVersion: release(), OperatingSystem: os.name, OSVersion: os.version, OSType: 'linux', Architecture: machine(),
    IndexServerAddress: 'https://index.docker.io/v1/', RegistryConfig: registryConfig(engine), NCPU: hostResources().ncpu,
    MemTotal: totalmem(), GenericResources: null, DockerRootDir: cfg.paths.dataRoot,
    HttpProxy: env.HTTP_PROXY ?? env.http_proxy ?? '', HttpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? '', NoProxy: env.NO_PROXY ?? env.no_proxy ?? '',
    Name: hostname(), Labels: [], ExperimentalBuild: false, ServerVersion: SKIFF_VERSION,
    Runtimes: { runc: { path: cfg.runtimePath } }, DefaultRuntime: 'runc',
    Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
    // Containers never depend on a daemon here: conmon keeps them running whatever the CLI does.
    LiveRestoreEnabled: true, Isolation: '', InitBinary: basename(cfg.initPath),
    ContainerdCommit: { ID: '', Expected: '' }, RuncCommit: { ID: commit('runc'), Expected: commit('runc') },
    InitCommit: { ID: commit('docker-init'), Expected: commit('docker-init') },
    SecurityOptions: securityOptions(engine, seccomp), CDISpecDirs: null,
    Warnings: warnings(f, v).length > 0 ? warnings(f, v) : null,
  };
}
