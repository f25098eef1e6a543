// The container's mount list in Docker 20.10's order and options: its default filesystems, the init binary,
// then the user's mounts and the hosts/hostname/resolv.conf binds sorted by depth (moby daemon/oci_linux.go
// WithMounts), with --read-only and --privileged adjustments. Rootless tweaks follow Podman (engine-facts §6).
import type { OciMount } from './types.js';
import { tmpfsMountOptions } from './tmpfs-options.js';
import type { UserMount } from './user-mounts.js';

export const DEFAULT_SHM_SIZE = 64 * 1024 * 1024; // docker parity: moby daemon/config DefaultShmSize
export const DOCKER_INIT_PATH = '/sbin/docker-init'; // docker parity: moby daemon/oci_linux.go inContainerInitPath

export interface EtcFilePaths { resolvConf?: string; hostname?: string; hosts?: string }

export interface MountsInput {
  userMounts: readonly UserMount[];
  etcFiles: EtcFilePaths;
  /** Host path of the init binary when --init is on. */
  initPath?: string;
  shmSize: number;
  ipc: 'private' | 'host' | 'none';
  readOnlyRoot: boolean;
  privileged: boolean;
  rootless: boolean;
  hostNetwork: boolean;
  hostPid: boolean;
}

export interface MountsResult { mounts: OciMount[]; rootfsPropagation?: string }

const mount = (destination: string, type: string, source: string, options: string[]): OciMount =>
  ({ destination, type, source, options });

// docker parity: moby oci/defaults.go DefaultLinuxSpec mounts (measured order and options)
function dockerDefaultMounts(shmSize: number): OciMount[] {
  return [
    mount('/proc', 'proc', 'proc', ['nosuid', 'noexec', 'nodev']),
    mount('/dev', 'tmpfs', 'tmpfs', ['nosuid', 'strictatime', 'mode=755', 'size=65536k']),
    mount('/dev/pts', 'devpts', 'devpts', ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5']),
    mount('/sys', 'sysfs', 'sysfs', ['nosuid', 'noexec', 'nodev', 'ro']),
    mount('/sys/fs/cgroup', 'cgroup', 'cgroup', ['ro', 'nosuid', 'noexec', 'nodev']),
    mount('/dev/mqueue', 'mqueue', 'mqueue', ['nosuid', 'noexec', 'nodev']),
    mount('/dev/shm', 'tmpfs', 'shm', ['nosuid', 'noexec', 'nodev', 'mode=1777', `size=${shmSize}`]),
  ];
}

// A user namespace that does not own the host's net/ipc/pid namespaces cannot mount sysfs, mqueue or proc
// for them, so bind the host's instead (podman pkg/specgen/generate/oci_linux.go canMountSys).
function rootlessReplacement(m: OciMount, input: MountsInput): OciMount {
  const bind = (opts: string[]) => mount(m.destination, 'bind', m.destination, opts);
  const ro = input.privileged ? 'rw' : 'ro';
  if (input.hostNetwork && (m.destination === '/sys' || m.destination === '/sys/fs/cgroup')) {
    return bind(['rbind', 'nosuid', 'noexec', 'nodev', ro]);
  }
  if (input.ipc === 'host' && m.destination === '/dev/mqueue') return bind(['bind', 'nosuid', 'noexec', 'nodev']);
  if (input.hostPid && m.destination === '/proc') return bind(['rbind', 'nosuid', 'noexec', 'nodev']);
  return m;
}

function baseMounts(input: MountsInput): OciMount[] {
  let mounts = dockerDefaultMounts(input.shmSize);
  if (input.rootless) mounts = mounts.map((m) => rootlessReplacement(m, input));
  if (input.initPath) mounts.push(mount(DOCKER_INIT_PATH, 'bind', input.initPath, ['bind', 'ro']));
  return mounts;
}

const depth = (p: string) => p.split('/').length;

function bindOptions(m: { readOnly: boolean; propagation: string; nonRecursive: boolean }): string[] {
  return [m.nonRecursive ? 'bind' : 'rbind', ...(m.readOnly ? ['ro'] : []), ...(m.propagation ? [m.propagation] : [])];
}

function toOciMount(m: UserMount): OciMount {
  if (m.type === 'tmpfs') return mount(m.destination, 'tmpfs', 'tmpfs', tmpfsMountOptions(m.data));
  return mount(m.destination, 'bind', m.source, bindOptions(m));
}

/** The /etc binds, unless the user mounts something there; read-only with --read-only (moby NetworkMounts). */
function etcFileMounts(input: MountsInput, taken: Set<string>): OciMount[] {
  const files: Array<[string, string | undefined]> = [
    ['/etc/resolv.conf', input.etcFiles.resolvConf],
    ['/etc/hostname', input.etcFiles.hostname],
    ['/etc/hosts', input.etcFiles.hosts],
  ];
  const opts = { readOnly: input.readOnlyRoot, propagation: 'rprivate', nonRecursive: false };
  return files.filter(([dest, src]) => src && !taken.has(dest)).map(([dest, src]) => mount(dest, 'bind', src!, bindOptions(opts)));
}

/** Bind mounts first (by depth), then the /etc files and tmpfs mounts, all stably sorted by depth. */
function containerMounts(input: MountsInput): OciMount[] {
  const userBinds = input.userMounts.filter((m) => m.type === 'bind').map(toOciMount);
  // --ipc host shares the host's /dev/shm (moby container IpcMounts).
  const ipcMounts = input.ipc === 'host' ? [mount('/dev/shm', 'bind', '/dev/shm', ['rbind', 'rprivate'])] : [];
  const tmpfs = input.userMounts.filter((m) => m.type === 'tmpfs').map(toOciMount);
  const taken = new Set([...userBinds, ...ipcMounts, ...tmpfs].map((m) => m.destination));
  const sortedBinds = [...userBinds].sort((a, b) => depth(a.destination) - depth(b.destination));
  const all = [...sortedBinds, ...etcFileMounts(input, taken), ...ipcMounts, ...tmpfs];
  return all.sort((a, b) => depth(a.destination) - depth(b.destination));
}

const UNTOUCHED_BY_READONLY = new Set(['/proc', '/dev/pts', '/dev/shm', '/dev/mqueue', '/dev']);
const withoutRo = (m: OciMount): OciMount => ({ ...m, options: (m.options ?? []).filter((o) => o !== 'ro') });

/** Defaults minus those the user replaces (all of /dev/* if the user mounts /dev), then the user's mounts. */
export function buildMounts(input: MountsInput): MountsResult {
  const user = containerMounts(input);
  const userDests = new Set(user.map((m) => m.destination));
  const mountsDev = userDests.has('/dev');
  let defaults = baseMounts(input).filter((m) =>
    !userDests.has(m.destination) && !(mountsDev && m.destination.startsWith('/dev/')) &&
    !(m.destination === '/dev/shm' && input.ipc !== 'private'));
  if (input.readOnlyRoot) {
    defaults = defaults.map((m) =>
      UNTOUCHED_BY_READONLY.has(m.destination) || m.options?.includes('ro') ? m : { ...m, options: [...(m.options ?? []), 'ro'] });
  }
  if (input.privileged) {
    // --privileged gets a writable /sys and cgroup tree (moby WithMounts clearReadOnly).
    defaults = defaults.map((m) => (m.destination === '/sys' || m.type === 'cgroup' ? withoutRo(m) : m));
  }
  return { mounts: [...defaults, ...user], rootfsPropagation: rootfsPropagation(input.userMounts) };
}

/** A shared bind needs a shared rootfs, a slave bind an rslave one (moby WithMounts). */
function rootfsPropagation(mounts: readonly UserMount[]): string | undefined {
  const modes = mounts.filter((m) => m.type === 'bind').map((m) => m.propagation);
  if (modes.some((p) => p === 'shared' || p === 'rshared')) return 'shared';
  if (modes.some((p) => p === 'slave' || p === 'rslave')) return 'rslave';
  return undefined;
}
