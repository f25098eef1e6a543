// argv of `run` / `create` (already parsed with CREATE_FLAGS / RUN_FLAGS) → the POST /containers/create
// body docker/cli 28 would send, plus the options that are not part of the body (name, platform, pull,
// attach streams…). Follows cli/command/container/opts.go parse(), then run.go and create.go.
import type { ContainerCreateBody } from '../../model/docker-types.js';
import { buildEnv, buildLabels } from './create-env.js';
import { ContainerOptionsError, parseError } from './create-errors.js';
import { buildHostParts, buildNetworking, checkRestartWithRm } from './create-host-parts.js';
import { buildMounts, buildTmpfs, buildVolumes } from './create-mounts.js';
import { buildPorts } from './create-ports.js';
import { buildDevices, buildResources, checkSwappiness, nilIfEmpty } from './create-resources.js';
import { buildHealthcheck, checkNamespaceModes } from './create-host.js';
import { assembleConfig, assembleHostConfig } from './create-shape.js';
import { bool, list, num, str, type ParsedFlags, type ReadFile } from './flag-access.js';
import { isGoMAC } from '../../util/go-net.js';
import type { DeviceRequest } from './network-opt.js';
import { formatPlatform, hostGoArch, parsePlatform } from './platform.js';

export type PullPolicy = 'missing' | 'always' | 'never';

export interface CreateContext {
  /** 'run' adds -d, --sig-proxy, --detach-keys semantics; inferred from the flags when omitted. */
  command?: 'run' | 'create';
  /** The client's working directory, for "./dir" bind sources (filepath.Abs). */
  cwd?: string;
  /** [rows, cols] of the terminal on stdout, or undefined when stdout is not a terminal. */
  ttySize?: [number, number];
  /** Whether stdin is a terminal; when false, `run -it` fails as docker's CheckTty does. */
  stdinIsTerminal?: boolean;
  /** Go's GOARCH of the client, for `--platform linux`. */
  goArch?: string;
}

export interface CreateRequest {
  name?: string;
  body: ContainerCreateBody;
  /** ?platform= of the request, normalized ("linux/amd64"). */
  platform?: string;
  pull: PullPolicy;
  quiet: boolean;
  cidfile?: string;
  detach: boolean;
  attach: { stdin: boolean; stdout: boolean; stderr: boolean };
  sigProxy: boolean;
  detachKeys?: string;
  /** Client-side warnings docker prints as "WARNING: …" after creating. */
  warnings: string[];
}

/**
 * Builds the create request. Throws ContainerOptionsError for what docker/cli itself rejects
 * (see create-errors.ts for the stages); daemon-side checks live in domain/containers/validate/.
 */
export function buildCreateBody(parsed: ParsedFlags, env: NodeJS.ProcessEnv, readFile: ReadFile, ctx: CreateContext = {}): CreateRequest {
  const command = ctx.command ?? ('detach' in parsed.flags ? 'run' : 'create');
  const pull = checkPull(parsed.changed.has('pull') ? str(parsed, 'pull') : 'missing');
  const body = parseContainerOptions(parsed, env, readFile, ctx.cwd ?? process.cwd());
  const detach = command === 'run' && bool(parsed, 'detach');
  if (detach) detachStreams(parsed, body);
  else if (command === 'run') checkTty(body, ctx.stdinIsTerminal);
  const platform = platformOf(parsed, env, ctx.goArch ?? hostGoArch());
  checkClientApi(body);
  // A 1.41 client zeroes ConsoleSize when a linux platform is requested (moby client, API < 1.42).
  body.HostConfig!.ConsoleSize = ctx.ttySize && platform?.split('/')[0] !== 'linux' ? ctx.ttySize : [0, 0];
  return {
    name: str(parsed, 'name') || undefined,
    body, platform, pull, quiet: bool(parsed, 'quiet'),
    cidfile: str(parsed, 'cidfile') || undefined,
    detach,
    attach: { stdin: body.AttachStdin === true, stdout: body.AttachStdout === true, stderr: body.AttachStderr === true },
    sigProxy: command === 'run' ? parsed.flags['sig-proxy'] !== false : false,
    detachKeys: str(parsed, 'detach-keys') || undefined,
    warnings: localhostDnsWarnings(body.HostConfig!.Dns ?? []),
  };
}

// docker parity: docker/cli cli/command/container/create.go validatePullOpt
function checkPull(val: string): PullPolicy {
  if (val === 'always' || val === 'missing' || val === 'never') return val;
  // docker accepts --pull "" and then neither pulls first nor on a missing image.
  if (val === '') return 'never';
  throw parseError(`invalid pull option: '${val}': must be one of "always", "missing" or "never"`);
}

// docker parity: docker/cli cli/command/container/opts.go parse()
function parseContainerOptions(p: ParsedFlags, env: NodeJS.ProcessEnv, readFile: ReadFile, cwd: string): ContainerCreateBody {
  const mac = str(p, 'mac-address');
  if (mac !== '' && !isGoMAC(mac.trim())) throw parseError(`${mac} is not a valid mac address`);
  checkSwappiness(p);
  const { binds, volumes } = buildVolumes(list(p, 'volume'), cwd);
  const { exposed, bindings } = buildPorts(list(p, 'publish'), list(p, 'expose'));
  const { devices, cdi } = buildDevices(list(p, 'device'));
  const envVars = buildEnv(list(p, 'env'), list(p, 'env-file'), env, readFile);
  const labels = buildLabels(list(p, 'label'), list(p, 'label-file'), readFile);
  checkNamespaceModes(p);
  const host = buildHostParts(p, readFile, { binds, bindings, tmpfs: buildTmpfs(list(p, 'tmpfs')), mounts: buildMounts(list(p, 'mount'), cwd) });
  const healthcheck = buildHealthcheck(p);
  checkRestartWithRm(host);
  const attach = list(p, 'attach');
  const stdin = attach.includes('stdin') || bool(p, 'interactive');
  const config = assembleConfig({
    Hostname: str(p, 'hostname'), Domainname: str(p, 'domainname'), User: str(p, 'user'),
    AttachStdin: stdin, AttachStdout: attach.length === 0 || attach.includes('stdout'), AttachStderr: attach.length === 0 || attach.includes('stderr'),
    ExposedPorts: exposed, Tty: bool(p, 'tty'), OpenStdin: bool(p, 'interactive'),
    // When allocating stdin in attached mode, close stdin at client disconnect.
    StdinOnce: bool(p, 'interactive') && stdin,
    Env: envVars, Cmd: p.args.length > 1 ? p.args.slice(1) : null, Healthcheck: healthcheck as Record<string, unknown> | undefined,
    Image: p.args[0] ?? '', Volumes: volumes, WorkingDir: str(p, 'workdir'), Entrypoint: entrypointOf(p),
    Labels: labels, StopSignal: str(p, 'stop-signal'), StopTimeout: p.changed.has('stop-timeout') ? num(p, 'stop-timeout') : undefined,
  });
  const requests = [...list<DeviceRequest>(p, 'gpus'), ...(cdi ? [cdi] : [])];
  const hostConfig = assembleHostConfig(host, buildResources(p, devices, nilIfEmpty(requests)));
  return { ...config, HostConfig: hostConfig, NetworkingConfig: { EndpointsConfig: buildNetworking(p) } } as unknown as ContainerCreateBody;
}

// `--entrypoint ""` resets the image's entrypoint: docker sends [""] for it.
function entrypointOf(p: ParsedFlags): string[] | null {
  const ep = str(p, 'entrypoint');
  if (ep !== '') return [ep];
  return p.changed.has('entrypoint') ? [''] : null;
}

// docker parity: docker/cli cli/command/container/run.go runContainer (detached: no streams)
function detachStreams(p: ParsedFlags, body: ContainerCreateBody): void {
  if (list(p, 'attach').length > 0) throw new ContainerOptionsError('conflicting options: cannot specify both --attach and --detach', 'run');
  Object.assign(body, { AttachStdin: false, AttachStdout: false, AttachStderr: false, StdinOnce: false });
}

// docker parity: docker/cli cli/streams/in.go CheckTty
function checkTty(body: ContainerCreateBody, stdinIsTerminal: boolean | undefined): void {
  if (body.Tty && body.AttachStdin && stdinIsTerminal === false) throw new ContainerOptionsError('the input device is not a TTY', 'run');
}

// --platform defaults to $DOCKER_DEFAULT_PLATFORM (docker/cli command.AddPlatformFlag).
function platformOf(p: ParsedFlags, env: NodeJS.ProcessEnv, goArch: string): string | undefined {
  const spec = p.changed.has('platform') ? str(p, 'platform') : env.DOCKER_DEFAULT_PLATFORM ?? '';
  if (spec === '') return undefined;
  try {
    return formatPlatform(parsePlatform(spec, goArch));
  } catch (e) {
    throw new ContainerOptionsError(`error parsing specified platform: ${(e as Error).message}`, 'create');
  }
}

// docker parity: moby client container_create.go — fields a 1.41 daemon cannot take are refused client-side.
function checkClientApi(body: ContainerCreateBody): void {
  const endpoints = Object.values(body.NetworkingConfig?.EndpointsConfig ?? {});
  if (endpoints.some((e) => e.MacAddress)) {
    throw new ContainerOptionsError('"specify mac-address per network" requires API version 1.44, but the Docker daemon API version is 1.41', 'create');
  }
  const mounts = (body.HostConfig?.Mounts ?? []) as Array<{ BindOptions?: { ReadOnlyForceRecursive?: boolean } }>;
  if (mounts.some((m) => m.BindOptions?.ReadOnlyForceRecursive)) throw new ContainerOptionsError('bind-recursive=readonly requires API v1.44 or later', 'create');
}

// docker parity: docker/cli cli/command/container/create.go localhostDNSWarning
function localhostDnsWarnings(dns: string[]): string[] {
  const loopback = dns.find((ip) => /^127\./.test(ip) || ip === '::1');
  return loopback ? [`Localhost DNS (${loopback}) may fail in containers.`] : [];
}
