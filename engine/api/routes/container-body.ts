// The JSON bodies of POST /containers/create and /containers/{id}/update as dockerd decodes them:
// CheckForJSON first, then json.NewDecoder into Go structs (unknown fields ignored, a field of the
// wrong JSON kind is a 500 naming the Go field, an empty body is "EOF"), then the router's version fixes.
// docker parity: moby@20.10 api/server/httputils/httputils.go CheckForJSON, runconfig/config.go,
// api/server/router/container/container_routes.go postContainersCreate, postContainerUpdate
import { defaultHostConfig } from '../../model/defaults.js';
import type { ContainerCreateBody } from '../../model/docker-types.js';
import type { UpdateBody } from '../../domain/containers/update.js';
import { checkGoFields, jsonKind, parseGoJson, type GoKind } from '../go-decode.js';
import { readBody, type ApiContext } from '../request.js';
import { ApiError, badRequest } from '../status.js';
import { versionAtLeast } from '../version.js';

type Kind = GoKind;

// container.Config: the fields whose presence makes the embedded Config non-nil.
const CONFIG: Record<string, Kind> = {
  Hostname: 'string', Domainname: 'string', User: 'string', AttachStdin: 'bool', AttachStdout: 'bool', AttachStderr: 'bool',
  ExposedPorts: 'object', Tty: 'bool', OpenStdin: 'bool', StdinOnce: 'bool', Env: 'strings', Cmd: 'strslice', Healthcheck: 'object',
  ArgsEscaped: 'bool', Image: 'string', Volumes: 'object', WorkingDir: 'string', Entrypoint: 'strslice', NetworkDisabled: 'bool',
  MacAddress: 'string', OnBuild: 'strings', Labels: 'map', StopSignal: 'string', StopTimeout: 'int', Shell: 'strslice',
};
const WRAPPER: Record<string, Kind> = { HostConfig: 'object', NetworkingConfig: 'object' };

// container.HostConfig: the plainly typed fields (the structured ones are checked by the domain).
const HOST_CONFIG: Record<string, Kind> = {
  Binds: 'strings', ContainerIDFile: 'string', NetworkMode: 'string', AutoRemove: 'bool', VolumeDriver: 'string', VolumesFrom: 'strings',
  CapAdd: 'strings', CapDrop: 'strings', CgroupnsMode: 'string', Dns: 'strings', DnsOptions: 'strings', DnsSearch: 'strings',
  ExtraHosts: 'strings', GroupAdd: 'strings', IpcMode: 'string', Cgroup: 'string', Links: 'strings', OomScoreAdj: 'int', PidMode: 'string',
  Privileged: 'bool', PublishAllPorts: 'bool', ReadonlyRootfs: 'bool', SecurityOpt: 'strings', UTSMode: 'string', UsernsMode: 'string',
  ShmSize: 'int64', Runtime: 'string', Isolation: 'string', CpuShares: 'int64', Memory: 'int64', NanoCpus: 'int64', CgroupParent: 'string',
  CpuPeriod: 'int64', CpuQuota: 'int64', CpusetCpus: 'string', CpusetMems: 'string', MemoryReservation: 'int64', MemorySwap: 'int64',
  PidsLimit: 'int64', Init: 'bool', MaskedPaths: 'strings', ReadonlyPaths: 'strings', Tmpfs: 'map', StorageOpt: 'map', Sysctls: 'map',
  PortBindings: 'object', RestartPolicy: 'object', LogConfig: 'object',
};
/** The Go types of the struct-valued fields, as decoding errors name them. */
const STRUCTS: Record<string, string> = {
  HostConfig: 'container.HostConfig', NetworkingConfig: 'network.NetworkingConfig', ExposedPorts: 'nat.PortSet',
  Volumes: 'map[string]struct {}', Healthcheck: 'container.HealthConfig', RestartPolicy: 'container.RestartPolicy',
};

// What Go decoding keeps: the fields of container.HostConfig (those omitted when empty included) and
// network.EndpointSettings at API 1.41; newer clients' extra fields are dropped, not stored.
const HOST_CONFIG_KEYS = new Set([...Object.keys(defaultHostConfig()), 'Mounts', 'Init', 'Tmpfs', 'StorageOpt', 'Sysctls']);
const ENDPOINT_KEYS = new Set(['IPAMConfig', 'Links', 'Aliases', 'NetworkID', 'EndpointID', 'Gateway', 'IPAddress', 'IPPrefixLen',
  'IPv6Gateway', 'GlobalIPv6Address', 'GlobalIPv6PrefixLen', 'MacAddress', 'DriverOpts']);

// container.UpdateConfig: Resources plus RestartPolicy.
const UPDATE: Record<string, Kind> = {
  CpuShares: 'int64', Memory: 'int64', NanoCpus: 'int64', CgroupParent: 'string', BlkioWeight: 'int64', CpuPeriod: 'int64', CpuQuota: 'int64',
  CpuRealtimePeriod: 'int64', CpuRealtimeRuntime: 'int64', CpusetCpus: 'string', CpusetMems: 'string', KernelMemory: 'int64',
  KernelMemoryTCP: 'int64', MemoryReservation: 'int64', MemorySwap: 'int64', PidsLimit: 'int64', RestartPolicy: 'object',
};

/** CheckForJSON: no Content-Type is fine only without a body; otherwise it must be JSON. */
export function checkForJson(ctx: ApiContext): void {
  const type = ctx.req.headers['content-type'] ?? '';
  const length = ctx.req.headers['content-length'];
  const bodyless = ctx.req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
  if (type === '' && bodyless) return;
  if (type.split(';')[0]!.trim().toLowerCase() === 'application/json') return;
  throw badRequest(`Content-Type specified (${type}) must be 'application/json'`);
}

/** json.Decoder.Decode of one document: "EOF" for an empty body, Go's syntax errors as 500s. */
async function decode(ctx: ApiContext): Promise<unknown> {
  const text = (await readBody(ctx.req)).toString('utf8');
  if (text.trim() === '') throw new ApiError(500, 'EOF');
  return parseGoJson(text, 500);
}

/** `struct` is the Go type that holds the fields, `path` their prefix ("HostConfig." inside it). */
const checkFields = (doc: Record<string, unknown>, struct: string, table: Record<string, Kind>, path = '') =>
  checkGoFields(doc, struct, table, { status: 500, path, structs: STRUCTS });

const pick = (o: Record<string, unknown>, keep: (key: string) => boolean) => Object.fromEntries(Object.entries(o).filter(([k]) => keep(k)));

const strslice = (v: unknown) => (typeof v === 'string' ? [v] : v);

/** The create body as the domain takes it, with dockerd's per-version adjustments applied. */
export async function decodeCreateBody(ctx: ApiContext): Promise<ContainerCreateBody> {
  checkForJson(ctx);
  const doc = await decode(ctx);
  if (doc !== null && jsonKind(doc) !== 'object') {
    throw new ApiError(500, `json: cannot unmarshal ${jsonKind(doc)} into Go value of type runconfig.ContainerConfigWrapper`);
  }
  const body = pick({ ...(doc as Record<string, unknown> | null) }, (k) => k in CONFIG || k in WRAPPER);
  checkFields(body, 'ContainerConfigWrapper', { ...CONFIG, ...WRAPPER });
  // docker parity: moby@20.10 daemon/create.go containerCreate
  if (!Object.keys(CONFIG).some((k) => body[k] !== undefined)) throw badRequest('Config cannot be empty in order to create a container');
  for (const k of ['Cmd', 'Entrypoint', 'Shell']) if (body[k] !== undefined) body[k] = strslice(body[k]);
  const net = body.NetworkingConfig as { EndpointsConfig?: Record<string, Record<string, unknown> | null> } | null | undefined;
  if (net) {
    const eps = net.EndpointsConfig ?? {};
    body.NetworkingConfig = { EndpointsConfig: Object.fromEntries(Object.entries(eps).map(([n, ep]) => [n, pick(ep ?? {}, (k) => ENDPOINT_KEYS.has(k))])) };
  }
  const hc = body.HostConfig ? pick(body.HostConfig as Record<string, unknown>, (k) => HOST_CONFIG_KEYS.has(k)) : undefined;
  if (hc) {
    checkFields(hc, 'HostConfig', HOST_CONFIG, 'HostConfig.');
    if (!versionAtLeast(ctx.version, '1.25')) hc.AutoRemove = false;
    if (!versionAtLeast(ctx.version, '1.40')) {
      hc.KernelMemoryTCP = 0;
      if (!hc.IpcMode) hc.IpcMode = 'shareable';
    }
    // Both 0 and -1 mean "unlimited" (no limit recorded).
    if (typeof hc.PidsLimit === 'number' && hc.PidsLimit <= 0) hc.PidsLimit = null;
    body.HostConfig = hc;
  }
  return body as unknown as ContainerCreateBody;
}

/** The update body (container.UpdateConfig). */
export async function decodeUpdateBody(ctx: ApiContext): Promise<UpdateBody> {
  checkForJson(ctx);
  const doc = await decode(ctx);
  if (doc !== null && jsonKind(doc) !== 'object') {
    throw new ApiError(500, `json: cannot unmarshal ${jsonKind(doc)} into Go value of type container.UpdateConfig`);
  }
  const body = { ...(doc as Record<string, unknown> | null) };
  checkFields(body, 'UpdateConfig', UPDATE);
  // docker parity: PidsLimit arrived in 1.40; 0 and negatives mean "unlimited".
  if (!versionAtLeast(ctx.version, '1.40')) delete body.PidsLimit;
  else if (typeof body.PidsLimit === 'number' && body.PidsLimit <= 0) body.PidsLimit = 0;
  return body as UpdateBody;
}
