// The flag tables of `docker run` and `docker create` (docker/cli 28.2 cli/command/container/opts.go
// addFlags, run.go, create.go): every flag docker has, with its shorthand, value name and usage, so no
// docker argv is an "unknown flag". Usage strings are as `docker run --help` prints them, pflag's
// "(default …)" suffix included, because help.ts prints usage verbatim. Tables are sorted by name,
// as pflag lists them.
import type { FlagSpec } from '../pflag.js';
import type { FlagRequirements } from './create-errors.js';
import {
  int64Value, memBytes, memSwapBytes, nanoCpus, throttleBpsDevice, throttleIOpsDevice, uint16Value, uint64Value,
  ulimitValue, validateAttach, validateDeviceCgroupRule, validateDNSSearch, validateEnv, validateExtraHost,
  validateIPAddress, validateLabel, validateLink, validateSysctl, weightDevice,
} from './flag-values.js';
import { parseDurationNs } from './go-time.js';
import { parseMountOpt } from './mount-opt.js';
import { parseGpuOpt, parseNetworkOpt } from './network-opt.js';

/** A value of a flag that shares its list with an alias (--net/--network): seq keeps argv order. */
export interface Ordered<T> { seq: number; value: T }

let nextSeq = 0;
// pflag stores aliases under separate names; a global counter restores their interleaving.
const ordered = <T>(parse: (raw: string) => T) => (raw: string): Ordered<T> => ({ seq: nextSeq++, value: parse(raw) });

/** Merges the values of aliased list flags back into argv order (plain values, if any, keep theirs). */
export function mergeOrdered<T>(...lists: unknown[]): T[] {
  const isOrdered = (x: unknown): x is Ordered<T> => typeof x === 'object' && x !== null && 'seq' in x && 'value' in x;
  const items = lists.flat().map((x, i) => (isOrdered(x) ? x : { seq: Number.MAX_SAFE_INTEGER - 1e6 + i, value: x as T }));
  return items.sort((a, b) => a.seq - b.seq).map((o) => o.value);
}

type Extra = Partial<Pick<FlagSpec, 'short' | 'defaultValue' | 'hidden' | 'parse'>>;
const str = (name: string, usage: string, extra: Extra = {}): FlagSpec => ({ name, type: 'string', valueName: 'string', usage, ...extra });
const bool = (name: string, usage: string, extra: Extra = {}): FlagSpec => ({ name, type: 'bool', usage, ...extra });
const list = (name: string, usage: string, extra: Extra = {}, valueName = 'list'): FlagSpec => ({ name, type: 'stringArray', valueName, usage, ...extra });
const int = (name: string, usage: string, extra: Extra = {}): FlagSpec => ({ name, type: 'int', valueName: 'int', usage, parse: int64Value, ...extra });
const bytes = (name: string, usage: string, extra: Extra = {}): FlagSpec => ({ name, type: 'bytes', valueName: 'bytes', usage, parse: memBytes, ...extra });
const duration = (name: string, usage: string, extra: Extra = {}): FlagSpec => ({ name, type: 'duration', valueName: 'duration', usage, parse: parseDurationNs, ...extra });

const CGROUPNS_USAGE = `Cgroup namespace to use (host|private)
'host':    Run the container in the Docker host's cgroup namespace
'private': Run the container in its own private cgroup namespace
'':        Use the cgroup namespace as configured by the
           default-cgroupns-mode option on the daemon (default)`;

/** Flags shared by run and create (opts.go addFlags). Values: see the parse functions. */
const CONTAINER_FLAGS: FlagSpec[] = [
  list('add-host', 'Add a custom host-to-IP mapping (host:ip)', { parse: validateExtraHost }),
  list('annotation', 'Add an annotation to the container (passed through to the OCI runtime) (default map[])', { hidden: true }, 'map'),
  list('attach', 'Attach to STDIN, STDOUT or STDERR', { short: 'a', parse: validateAttach }),
  { name: 'blkio-weight', type: 'uint', valueName: 'uint16', usage: 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)', parse: uint16Value },
  list('blkio-weight-device', 'Block IO weight (relative device weight) (default [])', { parse: weightDevice }),
  list('cap-add', 'Add Linux capabilities'),
  list('cap-drop', 'Drop Linux capabilities'),
  str('cgroup-parent', 'Optional parent cgroup for the container'),
  str('cgroupns', CGROUPNS_USAGE),
  str('cidfile', 'Write the container ID to the file'),
  int('cpu-count', 'CPU count (Windows only)', { hidden: true }),
  int('cpu-percent', 'CPU percent (Windows only)', { hidden: true }),
  int('cpu-period', 'Limit CPU CFS (Completely Fair Scheduler) period'),
  int('cpu-quota', 'Limit CPU CFS (Completely Fair Scheduler) quota'),
  int('cpu-rt-period', 'Limit CPU real-time period in microseconds'),
  int('cpu-rt-runtime', 'Limit CPU real-time runtime in microseconds'),
  int('cpu-shares', 'CPU shares (relative weight)', { short: 'c' }),
  { name: 'cpus', type: 'float', valueName: 'decimal', usage: 'Number of CPUs', parse: nanoCpus },
  str('cpuset-cpus', 'CPUs in which to allow execution (0-3, 0,1)'),
  str('cpuset-mems', 'MEMs in which to allow execution (0-3, 0,1)'),
  list('device', 'Add a host device to the container'),
  list('device-cgroup-rule', 'Add a rule to the cgroup allowed devices list', { parse: validateDeviceCgroupRule }),
  list('device-read-bps', 'Limit read rate (bytes per second) from a device (default [])', { parse: throttleBpsDevice }),
  list('device-read-iops', 'Limit read rate (IO per second) from a device (default [])', { parse: throttleIOpsDevice }),
  list('device-write-bps', 'Limit write rate (bytes per second) to a device (default [])', { parse: throttleBpsDevice }),
  list('device-write-iops', 'Limit write rate (IO per second) to a device (default [])', { parse: throttleIOpsDevice }),
  list('dns', 'Set custom DNS servers', { parse: validateIPAddress }),
  list('dns-opt', 'Set DNS options', { hidden: true, parse: ordered(String) }),
  list('dns-option', 'Set DNS options', { parse: ordered(String) }),
  list('dns-search', 'Set custom DNS search domains', { parse: validateDNSSearch }),
  str('domainname', 'Container NIS domain name'),
  str('entrypoint', 'Overwrite the default ENTRYPOINT of the image'),
  list('env', 'Set environment variables', { short: 'e', parse: validateEnv }),
  list('env-file', 'Read in a file of environment variables'),
  list('expose', 'Expose a port or a range of ports'),
  list('gpus', "GPU devices to add to the container ('all' to pass all GPUs)", { parse: parseGpuOpt }, 'gpu-request'),
  list('group-add', 'Add additional groups to join'),
  str('health-cmd', 'Command to run to check health'),
  duration('health-interval', 'Time between running the check (ms|s|m|h) (default 0s)'),
  int('health-retries', 'Consecutive failures needed to report unhealthy'),
  duration('health-start-interval', 'Time between running the check during the start period (ms|s|m|h) (default 0s)', { hidden: true }),
  duration('health-start-period', 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)'),
  duration('health-timeout', 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)'),
  str('hostname', 'Container host name', { short: 'h' }),
  bool('init', 'Run an init inside the container that forwards signals and reaps processes'),
  bool('interactive', 'Keep STDIN open even if not attached', { short: 'i' }),
  { name: 'io-maxbandwidth', type: 'bytes', valueName: 'bytes', usage: 'Maximum IO bandwidth limit for the system drive (Windows only)', hidden: true, parse: memBytes },
  { name: 'io-maxiops', type: 'uint', valueName: 'uint', usage: 'Maximum IOps limit for the system drive (Windows only)', hidden: true, parse: uint64Value },
  str('ip', 'IPv4 address (e.g., 172.30.100.104)'),
  str('ip6', 'IPv6 address (e.g., 2001:db8::33)'),
  str('ipc', 'IPC mode to use'),
  str('isolation', 'Container isolation technology'),
  bytes('kernel-memory', 'Kernel memory limit'),
  list('label', 'Set meta data on a container', { short: 'l', parse: validateLabel }),
  list('label-file', 'Read in a line delimited file of labels'),
  list('link', 'Add link to another container', { parse: validateLink }),
  list('link-local-ip', 'Container IPv4/IPv6 link-local addresses'),
  str('log-driver', 'Logging driver for the container'),
  list('log-opt', 'Log driver options'),
  str('mac-address', 'Container MAC address (e.g., 92:d0:c6:0a:29:33)'),
  bytes('memory', 'Memory limit', { short: 'm' }),
  bytes('memory-reservation', 'Memory soft limit'),
  { name: 'memory-swap', type: 'bytes', valueName: 'bytes', usage: "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", parse: memSwapBytes },
  int('memory-swappiness', 'Tune container memory swappiness (0 to 100) (default -1)', { defaultValue: -1 }),
  list('mount', 'Attach a filesystem mount to the container', { parse: parseMountOpt }, 'mount'),
  list('net', 'Connect a container to a network', { hidden: true, parse: ordered(parseNetworkOpt) }, 'network'),
  list('net-alias', 'Add network-scoped alias for the container', { hidden: true, parse: ordered(String) }),
  list('network', 'Connect a container to a network', { parse: ordered(parseNetworkOpt) }, 'network'),
  list('network-alias', 'Add network-scoped alias for the container', { parse: ordered(String) }),
  bool('no-healthcheck', 'Disable any container-specified HEALTHCHECK'),
  bool('oom-kill-disable', 'Disable OOM Killer'),
  int('oom-score-adj', "Tune host's OOM preferences (-1000 to 1000)"),
  str('pid', 'PID namespace to use'),
  int('pids-limit', 'Tune container pids limit (set -1 for unlimited)'),
  bool('privileged', 'Give extended privileges to this container'),
  list('publish', "Publish a container's port(s) to the host", { short: 'p' }),
  bool('publish-all', 'Publish all exposed ports to random ports', { short: 'P' }),
  bool('read-only', "Mount the container's root filesystem as read only"),
  str('restart', 'Restart policy to apply when a container exits (default "no")', { defaultValue: 'no' }),
  bool('rm', 'Automatically remove the container and its associated anonymous volumes when it exits'),
  str('runtime', 'Runtime to use for this container'),
  list('security-opt', 'Security Options'),
  bytes('shm-size', 'Size of /dev/shm'),
  str('stop-signal', 'Signal to stop the container'),
  int('stop-timeout', 'Timeout (in seconds) to stop a container'),
  list('storage-opt', 'Storage driver options for the container'),
  list('sysctl', 'Sysctl options (default map[])', { parse: validateSysctl }, 'map'),
  list('tmpfs', 'Mount a tmpfs directory'),
  bool('tty', 'Allocate a pseudo-TTY', { short: 't' }),
  list('ulimit', 'Ulimit options (default [])', { parse: ulimitValue }, 'ulimit'),
  str('user', 'Username or UID (format: <name|uid>[:<group|gid>])', { short: 'u' }),
  str('userns', 'User namespace to use'),
  str('uts', 'UTS namespace to use'),
  list('volume', 'Bind mount a volume', { short: 'v' }),
  str('volume-driver', 'Optional volume driver for the container'),
  list('volumes-from', 'Mount volumes from the specified container(s)'),
  str('workdir', 'Working directory inside the container', { short: 'w' }),
];

/** Flags of create.go / run.go that are not container options. */
const CREATE_ONLY: FlagSpec[] = [
  bool('disable-content-trust', 'Skip image verification (default true)', { defaultValue: true }),
  bool('help', 'Print usage'),
  str('name', 'Assign a name to the container'),
  str('platform', 'Set platform if server is multi-platform capable'),
  str('pull', 'Pull image before creating ("always", "|missing", "never") (default "missing")', { defaultValue: 'missing' }),
  bool('quiet', 'Suppress the pull output', { short: 'q' }),
  bool('use-api-socket', 'Bind mount Docker API socket and required auth'),
];

const RUN_ONLY: FlagSpec[] = [
  bool('detach', 'Run container in background and print container ID', { short: 'd' }),
  str('detach-keys', 'Override the key sequence for detaching a container'),
  bool('sig-proxy', 'Proxy received signals to the process (default true)', { defaultValue: true }),
];

const byName = (a: FlagSpec, b: FlagSpec) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** `docker create` flags. */
export const CREATE_FLAGS: FlagSpec[] = [...CONTAINER_FLAGS, ...CREATE_ONLY].sort(byName);

/** `docker run` flags: create's, run's wording of --pull, plus -d, --detach-keys, --sig-proxy. */
export const RUN_FLAGS: FlagSpec[] = [
  ...CONTAINER_FLAGS,
  ...CREATE_ONLY.map((f) => (f.name === 'pull' ? { ...f, usage: 'Pull image before running ("always", "missing", "never") (default "missing")' } : f)),
  ...RUN_ONLY,
].sort(byName);

/** API-version / OS annotations of run and create flags (checked by checkFlagSupport). */
export const CONTAINER_FLAG_REQUIREMENTS: FlagRequirements = {
  annotation: { api: '1.43' }, cgroupns: { api: '1.41' }, 'cpu-count': { os: 'windows' }, 'cpu-percent': { os: 'windows' },
  'cpu-rt-period': { api: '1.25' }, 'cpu-rt-runtime': { api: '1.25' }, cpus: { api: '1.25' }, gpus: { api: '1.40' },
  'health-start-interval': { api: '1.44' }, 'health-start-period': { api: '1.29' }, init: { api: '1.25' },
  'io-maxbandwidth': { os: 'windows' }, 'io-maxiops': { os: 'windows' }, platform: { api: '1.32' }, 'stop-timeout': { api: '1.25' },
};
