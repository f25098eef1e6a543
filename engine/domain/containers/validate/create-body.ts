// What a Docker 20.10 daemon rejects in a POST /containers/create body that docker/cli lets through.
// The CLI shows these as "Error response from daemon: …"; the API answers 400. Each failure is an
// EngineError of kind invalid-argument, in the order moby checks them.
import { daemonInvalid } from '../../../errors.js';
import type { ContainerCreateBody, HostConfig } from '../../../model/docker-types.js';
import { isGoIP } from '../../../util/go-net.js';
import { checkMounts, checkTmpfs } from './mounts.js';
import { checkCgroupns, checkPlatformSettings, checkResources, type HostInfo } from './resources.js';
import { isIPv4, isIPv6 } from 'node:net';

export type { HostInfo } from './resources.js';
export { checkMountPoints } from './mounts.js';

export interface DaemonCheckEnv {
  host: HostInfo;
  /** Whether a bind source exists on the host (for --mount type=bind). */
  pathExists: (path: string) => boolean;
}

const SIGNALS = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF', 'PWR', 'QUIT',
  'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2', 'VTALRM', 'WINCH', 'XCPU', 'XFSZ',
  'RTMIN', 'RTMAX', ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`), ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`),
]);

// Capabilities moby 20.10 knows (gocapability up to CAP_AUDIT_READ).
const CAPABILITIES = new Set(['CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP',
  'LINUX_IMMUTABLE', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO',
  'SYS_CHROOT', 'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD',
  'LEASE', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ'].map((c) => `CAP_${c}`));

/**
 * Validates a create body as moby 20.10 does before creating anything (runconfig decoding, then
 * verifyContainerSettings, then verifyNetworkingConfig). Returns the daemon's warnings.
 * Not covered (they need state): image lookup, name conflicts, --volumes-from / --link targets,
 * log drivers and runtimes. Call validateContainerName and then checkMountPoints after the image is
 * found, as moby's daemon.create does (newContainer, then setHostConfig → registerMountPoints).
 */
export function validateCreateBody(body: ContainerCreateBody, env: DaemonCheckEnv): { warnings: string[] } {
  const h = body.HostConfig ?? {};
  const warnings: string[] = [];
  checkNetworkModes(body, h);
  checkDecodedResources(h);
  checkConfig(body);
  checkHostConfig(h, env);
  checkResources(h, env.host, false, warnings);
  checkPlatformSettings(h, warnings);
  checkTmpfs(h);
  checkCgroupns(h);
  checkEndpoints(body);
  return { warnings };
}

// docker parity: moby 20.10 runconfig/hostconfig.go validateNetContainerMode + hostconfig_unix.go validateNetMode
function checkNetworkModes(c: ContainerCreateBody, h: Partial<HostConfig>): void {
  const mode = h.NetworkMode ?? '';
  const fail = (msg: string) => { throw daemonInvalid('network-mode', msg); };
  const parts = mode.split(':');
  if (parts[0] === 'container' && (parts.length < 2 || parts[1] === '')) fail('Invalid network mode: invalid container format container:<name|id>');
  const container = mode.startsWith('container:');
  if (container && c.Hostname) fail('conflicting options: hostname and the network mode');
  if (container && (h.Links?.length ?? 0) > 0) fail("conflicting options: container type network can't be used with links. This would result in undefined behavior");
  if (container && (h.Dns?.length ?? 0) > 0) fail('conflicting options: dns and the network mode');
  if (container && (h.ExtraHosts?.length ?? 0) > 0) fail('conflicting options: custom host-to-IP mapping and the network mode');
  if ((container || mode === 'host') && c.MacAddress) fail('conflicting options: mac-address and the network mode');
  if (container && (Object.keys(h.PortBindings ?? {}).length > 0 || h.PublishAllPorts)) fail('conflicting options: port publishing and the container type network mode');
  if (container && Object.keys(c.ExposedPorts ?? {}).length > 0) fail('conflicting options: port exposing and the container type network mode');
  if (h.UTSMode === 'host' && c.Hostname) fail('conflicting options: hostname and the UTS mode');
  if (mode === 'host' && (h.Links?.length ?? 0) > 0) fail("conflicting options: host type networking can't be used with links. This would result in undefined behavior");
}

// docker parity: moby 20.10 runconfig/hostconfig_unix.go validateIsolation / validateQoS / validateResources
function checkDecodedResources(h: Partial<HostConfig>): void {
  const isolation = h.Isolation ?? '';
  if (isolation !== '' && isolation.toLowerCase() !== 'default') {
    throw daemonInvalid('isolation', `Invalid isolation: ${JSON.stringify(isolation)} - linux only supports 'default'`);
  }
  if ((h.IOMaximumBandwidth as number | undefined) ?? 0) throw daemonInvalid('qos', 'Invalid QoS settings: linux does not support configuration of maximum bandwidth');
  if ((h.IOMaximumIOps as number | undefined) ?? 0) throw daemonInvalid('qos', 'Invalid QoS settings: linux does not support configuration of maximum IOPs');
  const period = h.CpuRealtimePeriod ?? 0;
  const runtime = h.CpuRealtimeRuntime ?? 0;
  if (period !== 0 && runtime !== 0 && runtime > period) throw daemonInvalid('cpu-rt', 'cpu real-time runtime cannot be higher than cpu real-time period');
}

// docker parity: moby 20.10 daemon/container.go validateContainerConfig
function checkConfig(c: ContainerCreateBody): void {
  const wd = c.WorkingDir ?? '';
  if (wd !== '' && !wd.startsWith('/')) throw daemonInvalid('working-dir', `the working directory '${wd}' is invalid, it needs to be an absolute path`);
  if (c.StopSignal && !isSignal(c.StopSignal)) throw daemonInvalid('stop-signal', `Invalid signal: ${c.StopSignal}`);
  for (const e of c.Env ?? []) if (e.split('=')[0] === '') throw daemonInvalid('env', `invalid environment variable: ${e}`);
  const hc = c.Healthcheck;
  if (!hc) return;
  const short = (v: number | undefined) => v !== undefined && v !== 0 && v < 1_000_000;
  if (short(hc.Interval)) throw daemonInvalid('healthcheck', 'Interval in Healthcheck cannot be less than 1ms');
  if (short(hc.Timeout)) throw daemonInvalid('healthcheck', 'Timeout in Healthcheck cannot be less than 1ms');
  if ((hc.Retries ?? 0) < 0) throw daemonInvalid('healthcheck', 'Retries in Healthcheck cannot be negative');
  if (short(hc.StartPeriod)) throw daemonInvalid('healthcheck', 'StartPeriod in Healthcheck cannot be less than 1ms');
}

// docker parity: moby pkg/signal ParseSignal (a non-zero number, or a known name with or without SIG)
export function isSignal(raw: string): boolean {
  if (/^[+-]?\d+$/.test(raw)) return Number(raw) !== 0;
  return SIGNALS.has(raw.toUpperCase().replace(/^SIG/, ''));
}

// docker parity: moby 20.10 daemon/container.go validateHostConfig
function checkHostConfig(h: Partial<HostConfig>, env: DaemonCheckEnv): void {
  const restart = h.RestartPolicy ?? { Name: '', MaximumRetryCount: 0 };
  if (h.AutoRemove && restart.Name !== '' && restart.Name !== 'no') throw daemonInvalid('auto-remove', "can't create 'AutoRemove' container with restart policy");
  checkMounts(h, env.pathExists);
  for (const eh of h.ExtraHosts ?? []) checkExtraHost(eh);
  checkPortBindings(h.PortBindings ?? {});
  checkRestartPolicy(restart);
  checkCapabilities(h.CapAdd ?? [], 'CapAdd');
  checkCapabilities(h.CapDrop ?? [], 'CapDrop');
}

function checkExtraHost(val: string): void {
  const i = val.indexOf(':');
  if (i <= 0) throw daemonInvalid('extra-host', `bad format for add-host: ${JSON.stringify(val)}`);
  const ip = val.slice(i + 1);
  if (ip !== 'host-gateway' && !isGoIP(ip.trim())) throw daemonInvalid('extra-host', `invalid IP address in add-host: ${JSON.stringify(ip)}`);
}

function checkPortBindings(ports: Record<string, Array<{ HostIp: string; HostPort: string }> | null>): void {
  const validPort = (p: string) => p === '' || (/^\d+$/.test(p) && Number(p) <= 65535);
  const validRange = (p: string) => p === '' || p.split('-').slice(0, 2).every(validPort);
  for (const [port, bindings] of Object.entries(ports)) {
    const portStr = port.split('/')[0] ?? '';
    if (!validPort(portStr)) throw daemonInvalid('port-spec', `invalid port specification: ${JSON.stringify(portStr)}`);
    for (const b of bindings ?? []) {
      if (!validRange(b.HostPort.split('/')[0] ?? '')) throw daemonInvalid('port-spec', `invalid port specification: ${JSON.stringify(b.HostPort)}`);
    }
  }
}

// docker parity: moby 20.10 daemon/container.go validateRestartPolicy
export function checkRestartPolicy(p: { Name: string; MaximumRetryCount: number }): void {
  if (['always', 'unless-stopped', 'no'].includes(p.Name)) {
    if (p.MaximumRetryCount !== 0) throw daemonInvalid('restart-policy', `maximum retry count cannot be used with restart policy '${p.Name}'`);
  } else if (p.Name === 'on-failure') {
    if (p.MaximumRetryCount < 0) throw daemonInvalid('restart-policy', 'maximum retry count cannot be negative');
  } else if (p.Name !== '') {
    throw daemonInvalid('restart-policy', `invalid restart policy '${p.Name}'`);
  }
}

// docker parity: moby 20.10 oci/caps NormalizeLegacyCapabilities (wrapped "invalid CapAdd: …")
function checkCapabilities(caps: string[], field: 'CapAdd' | 'CapDrop'): void {
  for (const raw of caps) {
    const c = raw.toUpperCase();
    if (c === 'ALL') continue;
    const name = c.startsWith('CAP_') ? c : `CAP_${c}`;
    if (!CAPABILITIES.has(name)) throw daemonInvalid('capability', `invalid ${field}: unknown capability: ${JSON.stringify(name)}`);
  }
}

// docker parity: moby 20.10 daemon/create.go verifyNetworkingConfig
function checkEndpoints(body: ContainerCreateBody): void {
  const eps = body.NetworkingConfig?.EndpointsConfig ?? {};
  const names = Object.keys(eps);
  if (names.length > 1) throw daemonInvalid('endpoints', `Container cannot be connected to network endpoints: ${names.join(', ')}`);
  for (const ep of Object.values(eps)) {
    const v4 = ep.IPAMConfig?.IPv4Address ?? '';
    const v6 = ep.IPAMConfig?.IPv6Address ?? '';
    if (v4 !== '' && !isIPv4(v4) && !isMappedV4(v4)) throw daemonInvalid('ipv4-address', `invalid IPv4 address: ${v4}`);
    if (v6 !== '' && (!isIPv6(v6) || isMappedV4(v6))) throw daemonInvalid('ipv6-address', `invalid IPv6 address: ${v6}`);
  }
}

// net.IP.To4() != nil also for "::ffff:a.b.c.d".
const isMappedV4 = (ip: string) => /^::ffff:(\d+\.){3}\d+$/i.test(ip) && isIPv6(ip);

// docker parity: moby 20.10 daemon/names.go validateName (RestrictedNamePattern; a leading "/" is allowed)
export function validateContainerName(name: string): void {
  if (!/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
    throw daemonInvalid('container-name', `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  }
}

// docker parity: moby 20.10 daemon/update.go ContainerUpdate → verifyContainerSettings(update=true)
/** Validates a POST /containers/{id}/update body; returns the daemon's warnings. */
export function validateUpdateBody(body: Record<string, unknown> & { RestartPolicy?: { Name: string; MaximumRetryCount: number } }, host: HostInfo): { warnings: string[] } {
  const warnings: string[] = [];
  checkRestartPolicy(body.RestartPolicy ?? { Name: '', MaximumRetryCount: 0 });
  checkResources(body as Partial<HostConfig>, host, true, warnings);
  return { warnings };
}
