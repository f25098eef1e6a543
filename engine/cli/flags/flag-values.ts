// Per-value validators of docker's container flags (docker/cli opts/*.go). Each throws an Error whose
// message pflag prints after `invalid argument "<v>" for "<flag>" flag: `, or returns the stored value.
import { goIPString, isGoIP } from '../../util/go-net.js';
import { parseGoInt, parseGoUint } from './go-strconv.js';
import { ramInBytes } from '../../format/units.js';

export interface ThrottleDevice { Path: string; Rate: number }
export interface WeightDevice { Path: string; Weight: number }
export interface UlimitValue { Name: string; Hard: number; Soft: number }

// pflag's numeric setters parse with base 0 (so 0x10 and 1_000 are accepted).
export const int64Value = (raw: string) => parseGoInt(raw, 64, 0);
export const uint16Value = (raw: string) => parseGoUint(raw, 16, 0);
export const uint64Value = (raw: string) => parseGoUint(raw, 64, 0);

// docker parity: docker/cli opts/env.go ValidateEnv (the value lookup of a bare KEY happens in create-env.ts)
export function validateEnv(val: string): string {
  if (val.split('=')[0] === '') throw new Error(`invalid environment variable: ${val}`);
  return val;
}

// docker parity: docker/cli opts/opts.go ValidateLabel
export function validateLabel(val: string): string {
  const key = val.split('=')[0]!.replace(/^[ \t]+/, '');
  if (key === '') throw new Error(`invalid label '${val}': empty name`);
  if (/[ \t]/.test(key)) throw new Error(`label '${key}' contains whitespaces`);
  return val;
}

// docker parity: docker/cli opts/opts.go ValidateIPAddress (stores the normalized address)
export function validateIPAddress(val: string): string {
  const ip = goIPString(val.trim());
  if (ip === undefined) throw new Error(`IP address is not correctly formatted: ${val}`);
  return ip;
}

// docker parity: docker/cli opts/hosts.go ValidateExtraHost
export function validateExtraHost(val: string): string {
  let [k, v, ok] = cut(val, '=');
  if (!ok) [k, v, ok] = cut(val, ':');
  if (!ok || k === '' || k.includes(':')) throw new Error(`bad format for add-host: ${JSON.stringify(val)}`);
  if (v !== 'host-gateway') {
    if (v.length > 2 && v.startsWith('[') && v.endsWith(']')) v = v.slice(1, -1);
    if (!isGoIP(v.trim())) throw new Error(`invalid IP address in add-host: ${JSON.stringify(v)}`);
  }
  return `${k}:${v}`;
}

const DOMAIN = /^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])))*)\.?\s*$/;

// docker parity: docker/cli opts/opts.go ValidateDNSSearch / validateDomain
export function validateDNSSearch(raw: string): string {
  const val = raw.replace(/^ +| +$/g, '');
  if (val === '.') return val;
  const m = /[a-zA-Z]/.test(val) ? DOMAIN.exec(val) : null;
  if (m && m[1]!.length < 255) return m[1]!;
  throw new Error(`${val} is not a valid domain`);
}

const SYSCTLS = new Set(['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced']);

// docker parity: docker/cli opts/opts.go ValidateSysctl
export function validateSysctl(val: string): string {
  const [k, , ok] = cut(val, '=');
  if (ok && k !== '' && (SYSCTLS.has(k) || k.startsWith('net.') || k.startsWith('fs.mqueue.'))) return val;
  throw new Error(`sysctl '${val}' is not allowed`);
}

// docker parity: docker/cli opts/opts.go ParseLink / ValidateLink
export function validateLink(val: string): string {
  if (val === '') throw new Error('empty string specified for links');
  if (val.split(':').length > 2) throw new Error(`bad format for links: ${val}`);
  return val;
}

// docker parity: docker/cli cli/command/container/opts.go validateAttach (stores lower case)
export function validateAttach(val: string): string {
  const s = val.toLowerCase();
  if (s === 'stdin' || s === 'stdout' || s === 'stderr') return s;
  throw new Error('valid streams are STDIN, STDOUT and STDERR');
}

// docker parity: docker/cli cli/command/container/opts.go validateDeviceCgroupRule
export function validateDeviceCgroupRule(val: string): string {
  if (/^[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}$/.test(val)) return val;
  throw new Error(`invalid device cgroup format '${val}'`);
}

function devicePath(val: string): [string, string] {
  const [k, v, ok] = cut(val, ':');
  if (!ok || k === '') throw new Error(`bad format: ${val}`);
  if (!k.startsWith('/dev/')) throw new Error(`bad format for device path: ${val}`);
  return [k, v];
}

// docker parity: docker/cli opts/throttledevice.go ValidateThrottleBpsDevice
export function throttleBpsDevice(val: string): ThrottleDevice {
  const [path, v] = devicePath(val);
  let rate = -1;
  try { rate = ramInBytes(v); } catch { /* reported below */ }
  if (rate < 0) throw new Error(`invalid rate for device: ${val}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb`);
  return { Path: path, Rate: rate };
}

// docker parity: docker/cli opts/throttledevice.go ValidateThrottleIOpsDevice
export function throttleIOpsDevice(val: string): ThrottleDevice {
  const [path, v] = devicePath(val);
  try {
    return { Path: path, Rate: parseGoUint(v, 64, 10) };
  } catch {
    throw new Error(`invalid rate for device: ${val}. The correct format is <device-path>:<number>. Number must be a positive integer`);
  }
}

// docker parity: docker/cli opts/weightdevice.go ValidateWeightDevice
export function weightDevice(val: string): WeightDevice {
  const [path, v] = devicePath(val);
  let weight = -1;
  try { weight = parseGoUint(v, 16, 10); } catch { /* reported below */ }
  if (weight < 0 || (weight > 0 && (weight < 10 || weight > 1000))) throw new Error(`invalid weight for device: ${val}`);
  return { Path: path, Weight: weight };
}

const ULIMITS = new Set(['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']);

// docker parity: docker/go-units ulimit.go ParseUlimit
export function ulimitValue(val: string): UlimitValue {
  const [name, limits, ok] = cut(val, '=');
  if (!ok) throw new Error(`invalid ulimit argument: ${val}`);
  if (!ULIMITS.has(name)) throw new Error(`invalid ulimit type: ${name}`);
  const parts = limits.split(':');
  if (parts.length > 2) throw new Error(`too many limit value arguments - ${limits}, can only have up to two, \`soft[:hard]\``);
  const hard = parts.length === 2 ? parseGoInt(parts[1]!, 64, 10) : undefined;
  const soft = parseGoInt(parts[0]!, 64, 10);
  const effectiveHard = hard ?? soft;
  if (effectiveHard !== -1) {
    if (soft === -1) throw new Error(`ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: ${effectiveHard}`);
    if (soft > effectiveHard) throw new Error(`ulimit soft limit must be less than or equal to hard limit: ${soft} > ${effectiveHard}`);
  }
  return { Name: name, Hard: effectiveHard, Soft: soft };
}

/** opts.MemBytes: a go-units RAM size. */
export const memBytes = (raw: string) => ramInBytes(raw);

/** opts.MemSwapBytes: a RAM size, or -1 for unlimited swap. */
export const memSwapBytes = (raw: string) => (raw === '-1' ? -1 : ramInBytes(raw));

// docker parity: docker/cli opts/opts.go ParseCPUs (a big.Rat times 1e9 that must be an integer)
export function nanoCpus(value: string): number {
  const rat = parseRational(value);
  if (!rat) throw new Error(`failed to parse ${value} as a rational number`);
  const [num, den] = rat;
  const scaled = num * 1_000_000_000n;
  if (scaled % den !== 0n) throw new Error('value is too precise');
  return Number(scaled / den);
}

// big.Rat.SetString for the forms people type: integers, decimals with exponent, and a/b fractions.
function parseRational(s: string): [bigint, bigint] | undefined {
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(s);
  if (frac) return BigInt(frac[2]!) === 0n ? undefined : [BigInt(frac[1]!), BigInt(frac[2]!)];
  const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!dec || (dec[2] === '' && (dec[3] ?? '') === '')) return undefined;
  const digits = BigInt(`${dec[2] || '0'}${dec[3] ?? ''}`);
  const exp = Number(dec[4] ?? 0) - (dec[3]?.length ?? 0);
  const sign = dec[1] === '-' ? -1n : 1n;
  return exp >= 0 ? [sign * digits * 10n ** BigInt(exp), 1n] : [sign * digits, 10n ** BigInt(-exp)];
}

/** strings.Cut: [before, after, found]. */
export function cut(s: string, sep: string): [string, string, boolean] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, '', false] : [s.slice(0, i), s.slice(i + sep.length), true];
}
