// -p / --expose of run/create: Config.ExposedPorts and HostConfig.PortBindings as docker/cli builds
// them (go-connections nat.ParsePortSpecs + opts.go convertToStandardNotation), with its errors.
import { parseError } from './create-errors.js';
import { cut } from './flag-values.js';
import { isGoIP } from '../../util/go-net.js';
import { parseGoUint } from './go-strconv.js';

export interface PortBinding { HostIp: string; HostPort: string }
export type PortBindings = Record<string, PortBinding[]>;
export type PortSet = Record<string, Record<string, never>>;

// docker parity: go-connections nat.ParsePortRange
export function parsePortRange(ports: string): [number, number] {
  if (ports === '') throw new Error('empty string specified for ports');
  if (!ports.includes('-')) {
    const p = parseGoUint(ports, 16, 10);
    return [p, p];
  }
  const parts = ports.split('-');
  const start = parseGoUint(parts[0]!, 16, 10);
  const end = parseGoUint(parts[1]!, 16, 10);
  if (end < start) throw new Error(`invalid range specified for port: ${ports}`);
  return [start, end];
}

// docker parity: go-connections nat.SplitProtoPort
export function splitProtoPort(raw: string): [proto: string, port: string] {
  const parts = raw.split('/');
  if (raw === '' || parts[0] === '') return ['', ''];
  if (parts.length === 1) return ['tcp', raw];
  if (parts[1] === '') return ['tcp', parts[0]!];
  return [parts[1]!, parts[0]!];
}

// docker parity: docker/cli cli/command/container/opts.go convertToStandardNotation
function toStandardNotation(spec: string): string {
  if (!spec.includes('=')) return spec;
  const params: Record<string, string> = { protocol: 'tcp' };
  for (const param of spec.split(',')) {
    const [k, v, ok] = cut(param, '=');
    if (!ok || k === '') throw parseError(`invalid publish opts format (should be name=value but got '${param}')`);
    params[k] = v;
  }
  return `${params.published ?? ''}:${params.target ?? ''}/${params.protocol ?? ''}`;
}

function splitParts(raw: string): [ip: string, hostPort: string, containerPort: string] {
  const parts = raw.split(':');
  const n = parts.length;
  const containerPort = parts[n - 1]!;
  if (n === 1) return ['', '', containerPort];
  if (n === 2) return ['', parts[0]!, containerPort];
  return [parts.slice(0, n - 2).join(':'), parts[n - 2]!, containerPort];
}

// Go's net.SplitHostPort(ip + ":") for a bracketed IPv6 host.
function unbracket(ip: string): string {
  const m = /^\[([^\]]*)\]:$/.exec(`${ip}:`);
  if (!m) throw parseError(`invalid IP address ${ip}: address ${ip}:: missing ']' in address`);
  return m[1]!;
}

const rangeOrThrow = (text: string, what: string) => {
  try { return parsePortRange(text); } catch { throw parseError(`invalid ${what}: ${text}`); }
};

// docker parity: go-connections nat.ParsePortSpec
function parsePortSpec(raw: string): Array<{ port: string; binding: PortBinding }> {
  let [ip, hostPort, containerPort] = splitParts(raw);
  const [proto, ctrPort] = splitProtoPort(containerPort);
  if (ip.startsWith('[')) ip = unbracket(ip);
  if (ip !== '' && !isGoIP(ip)) throw parseError(`invalid IP address: ${ip}`);
  if (ctrPort === '') throw parseError(`no port specified: ${raw}<empty>`);
  const [start, end] = rangeOrThrow(ctrPort, 'containerPort');
  const [hStart, hEnd] = hostPort !== '' ? rangeOrThrow(hostPort, 'hostPort') : [0, 0];
  if (hostPort !== '' && end - start !== hEnd - hStart && end !== start) {
    throw parseError(`invalid ranges specified for container and host Ports: ${ctrPort} and ${hostPort}`);
  }
  if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) throw parseError(`invalid proto: ${proto}`);
  const out: Array<{ port: string; binding: PortBinding }> = [];
  for (let i = 0; i <= end - start; i++) {
    let host = hostPort !== '' ? String(hStart + i) : hostPort;
    // One container port published on a host range keeps the range ("7000-7001").
    if (start === end && hStart !== hEnd) host = `${host}-${hEnd}`;
    out.push({ port: `${start + i}/${proto.toLowerCase()}`, binding: { HostIp: ip, HostPort: host } });
  }
  return out;
}

// docker parity: docker/cli cli/command/container/opts.go parse() — publish, then expose
/** ExposedPorts and PortBindings from -p and --expose values. */
export function buildPorts(publish: string[], expose: string[]): { exposed: PortSet; bindings: PortBindings } {
  const exposed: PortSet = {};
  const bindings: PortBindings = {};
  for (const spec of publish.map(toStandardNotation)) {
    for (const { port, binding } of parsePortSpec(spec)) {
      exposed[port] = {};
      (bindings[port] ??= []).push(binding);
    }
  }
  for (const e of expose) addExposed(exposed, e);
  return { exposed, bindings };
}

function addExposed(exposed: PortSet, e: string): void {
  if (e.includes(':')) throw parseError(`invalid port format for --expose: ${e}`);
  const [proto, port] = splitProtoPort(e);
  let range: [number, number];
  try {
    range = parsePortRange(port);
  } catch (err) {
    throw parseError(`invalid range format for --expose: ${e}, error: ${(err as Error).message}`);
  }
  for (let p = range[0]; p <= range[1]; p++) exposed[`${p}/${proto}`] = {};
}
