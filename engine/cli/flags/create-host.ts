// Host-side options of run/create that docker/cli checks itself: restart policy, namespaces, logging,
// security and storage options, the healthcheck, capabilities. Texts from docker/cli opts.go.
import { parseError } from './create-errors.js';
import { list, num, str, type ParsedFlags, type ReadFile, readGoFile } from './flag-access.js';
import { cut } from './flag-values.js';
import { goAtoi } from './go-strconv.js';

export interface RestartPolicyValue { Name: string; MaximumRetryCount: number }

// docker parity: docker/cli opts/parse.go ParseRestartPolicy
export function parseRestartPolicy(policy: string): RestartPolicyValue {
  if (policy === '') return { Name: '', MaximumRetryCount: 0 };
  const [name, count, ok] = cut(policy, ':');
  if (ok && name === '') throw parseError('invalid restart policy format: no policy provided before colon');
  let max = 0;
  if (count !== '') {
    try { max = goAtoi(count); } catch { throw parseError('invalid restart policy format: maximum retry count must be an integer'); }
  }
  return { Name: name, MaximumRetryCount: max };
}

/** RestartPolicy.IsNone: "no" or unset. */
export const isRestartNone = (p: RestartPolicyValue) => p.Name === 'no' || p.Name === '';

const containerRef = (v: string) => v.startsWith('container:') && v.length > 'container:'.length;

// docker parity: docker/cli cli/command/container/opts.go parse() — namespace mode checks
export function checkNamespaceModes(p: ParsedFlags): void {
  const pid = str(p, 'pid');
  if (!(pid === '' || pid === 'host' || containerRef(pid))) throw parseError('--pid: invalid PID mode');
  if (!['', 'host'].includes(str(p, 'uts'))) throw parseError('--uts: invalid UTS mode');
  if (!['', 'host'].includes(str(p, 'userns'))) throw parseError('--userns: invalid USER mode');
  if (!['', 'host', 'private'].includes(str(p, 'cgroupns'))) throw parseError('--cgroupns: invalid CGROUP mode');
}

// docker parity: docker/cli cli/command/container/opts.go parseLoggingOpts
export function buildLogConfig(p: ParsedFlags): { Type: string; Config: Record<string, string> } {
  const driver = str(p, 'log-driver');
  const opts = list(p, 'log-opt');
  if (driver === 'none' && opts.length > 0) throw parseError(`invalid logging opts for driver ${driver}`);
  const config: Record<string, string> = {};
  for (const o of opts) { const [k, v] = cut(o, '='); config[k] = v; }
  return { Type: driver, Config: config };
}

// docker parity: docker/cli cli/command/container/opts.go parseSecurityOpts + parseSystemPaths
/** SecurityOpt (a local seccomp profile is inlined), and empty Masked/ReadonlyPaths for systempaths=unconfined. */
export function buildSecurityOpts(values: string[], readFile: ReadFile): { securityOpt: string[] | null; maskedPaths?: string[]; readonlyPaths?: string[] } {
  const out: string[] = [];
  let unconfinedPaths = false;
  for (const opt of values) {
    let [k, v, ok] = cut(opt, '=');
    if (!ok && k !== 'no-new-privileges') [k, v, ok] = cut(opt, ':');
    if ((!ok || v === '') && k !== 'no-new-privileges') throw parseError(`Invalid --security-opt: ${JSON.stringify(opt)}`);
    if (opt === 'systempaths=unconfined') { unconfinedPaths = true; continue; }
    out.push(k === 'seccomp' && v !== 'builtin' && v !== 'unconfined' ? `seccomp=${readSeccompProfile(v, readFile)}` : opt);
  }
  const securityOpt = values.length > 0 ? out : null;
  return unconfinedPaths ? { securityOpt, maskedPaths: [], readonlyPaths: [] } : { securityOpt };
}

function readSeccompProfile(path: string, readFile: ReadFile): string {
  const read = readGoFile(readFile, path);
  if ('openError' in read) throw parseError(`opening seccomp profile (${path}) failed: ${read.openError}`);
  if ('readError' in read) throw parseError(`opening seccomp profile (${path}) failed: ${read.readError}`);
  try {
    JSON.parse(read.text);
  } catch (e) {
    throw parseError(`compacting json for seccomp profile (${path}) failed: ${(e as Error).message}`);
  }
  return compactJson(read.text);
}

/** Go's json.Compact: drops whitespace outside strings, keeps everything else byte for byte. */
function compactJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') { inString = true; out += c; } else if (!' \t\n\r'.includes(c)) out += c;
  }
  return out;
}

// docker parity: docker/cli cli/command/container/opts.go parseStorageOpts
export function buildStorageOpts(values: string[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const o of values) {
    const [k, v, ok] = cut(o, '=');
    if (!ok) throw parseError('invalid storage option');
    m[k] = v;
  }
  return m;
}

export interface HealthcheckValue { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; StartInterval?: number; Retries?: number }

// docker parity: docker/cli cli/command/container/opts.go parse() — healthcheck
export function buildHealthcheck(p: ParsedFlags): HealthcheckValue | undefined {
  const cmd = str(p, 'health-cmd');
  const [interval, timeout, startPeriod, startInterval, retries] =
    ['health-interval', 'health-timeout', 'health-start-period', 'health-start-interval', 'health-retries'].map((n) => num(p, n)) as [number, number, number, number, number];
  const have = cmd !== '' || interval !== 0 || timeout !== 0 || startPeriod !== 0 || retries !== 0 || startInterval !== 0;
  if (p.flags['no-healthcheck'] === true) {
    if (have) throw parseError('--no-healthcheck conflicts with --health-* options');
    return { Test: ['NONE'] };
  }
  if (!have) return undefined;
  const negative = ([['interval', interval], ['timeout', timeout], ['retries', retries], ['start-period', startPeriod], ['start-interval', startInterval]] as const)
    .find(([, v]) => v < 0);
  if (negative) throw parseError(`--health-${negative[0]} cannot be negative`);
  return omitZero({ Test: cmd !== '' ? ['CMD-SHELL', cmd] : undefined, Interval: interval, Timeout: timeout, StartPeriod: startPeriod, StartInterval: startInterval, Retries: retries });
}

// Go's omitempty on the HealthConfig fields.
function omitZero(h: HealthcheckValue): HealthcheckValue {
  return Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined && v !== 0)) as HealthcheckValue;
}

// docker parity: moby client container_create.go normalizeCapabilities (upper case, CAP_ prefix, unique, sorted)
export function normalizeCapabilities(caps: string[]): string[] | null {
  const set = new Set(caps.map((c) => {
    const up = c.toUpperCase();
    return up === 'ALL' || up.startsWith('CAP_') ? up : `CAP_${up}`;
  }));
  return set.size > 0 ? [...set].sort() : null;
}
