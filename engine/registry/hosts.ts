// Where a registry lives and how to reach it, by Docker's rules: docker.io is served by
// registry-1.docker.io and keyed "https://index.docker.io/v1/" in credential stores; a registry is
// insecure when listed by name, or when its address is in an insecure CIDR (127.0.0.0/8 always is),
// and then it is tried over HTTPS without verification and over plain HTTP, in that order.
import { lookup } from 'node:dns/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { join } from 'node:path';
import { EngineError } from '../errors.js';

export const DOCKER_HUB_DOMAIN = 'docker.io';
export const DOCKER_HUB_INDEX = 'https://index.docker.io/v1/';
const DOCKER_HUB_API = 'registry-1.docker.io';
const SYSTEM_CA_FILES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'];

export interface RegistryConfig {
  /** Registries reachable without TLS verification: `host[:port]` names or CIDRs (127.0.0.0/8 is implied). */
  insecureRegistries: string[];
  /** Directories holding `<host[:port]>/{*.crt, *.cert, *.key}` (Docker's certs.d). */
  certsDirs: string[];
  userAgent: string;
  /** Parallel layer downloads and uploads (Docker's defaults: 3 and 5). */
  maxDownloads: number;
  maxUploads: number;
}

export interface TlsMaterial { ca?: string[]; cert?: string; key?: string; rejectUnauthorized: boolean }
export interface Endpoint { base: string; tls?: TlsMaterial }

export const apiHostOf = (domain: string) => (domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_API : domain);
/** The key credentials are stored under (config.json `auths`, credential helpers). */
export const credentialKeyOf = (domain: string) => (domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_INDEX : domain);

/** `https://index.docker.io/v1/`, `http://h:5000/` or `h:5000` → the domain a reference would use. */
export function normalizeServer(server: string): string {
  const s = server.trim();
  if (s === '' || s === DOCKER_HUB_INDEX || /^(https?:\/\/)?(index\.)?docker\.io(\/v1\/?)?$/.test(s) || s === 'registry-1.docker.io') return DOCKER_HUB_DOMAIN;
  return s.replace(/^https?:\/\//, '').split('/')[0]!;
}

function splitHostPort(domain: string): { host: string; port?: string } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(domain) ?? /^([^:]+)(?::(\d+))?$/.exec(domain);
  return m ? { host: m[1]!, port: m[2] } : { host: domain };
}

/** Docker's isSecureIndex: listed names first, then the CIDRs over the addresses the host resolves to. */
export async function isInsecure(domain: string, cfg: RegistryConfig, resolve: (h: string) => Promise<string[]> = resolveAll): Promise<boolean> {
  if (domain === DOCKER_HUB_DOMAIN) return false;
  if (cfg.insecureRegistries.includes(domain)) return true;
  const cidrs = new BlockList();
  cidrs.addSubnet('127.0.0.0', 8, 'ipv4');
  for (const entry of cfg.insecureRegistries) {
    const [net, bits] = entry.split('/');
    if (bits === undefined || !isIP(net!)) continue;
    cidrs.addSubnet(net!, Number(bits), isIP(net!) === 6 ? 'ipv6' : 'ipv4');
  }
  const { host } = splitHostPort(domain);
  const addrs = isIP(host) ? [host] : await resolve(host).catch(() => []);
  return addrs.some((a) => cidrs.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4'));
}

const resolveAll = async (host: string) => (await lookup(host, { all: true })).map((a) => a.address);

export async function endpointsFor(domain: string, cfg: RegistryConfig): Promise<Endpoint[]> {
  const host = apiHostOf(domain);
  const insecure = await isInsecure(domain, cfg);
  const tls = loadTlsMaterial(domain, cfg.certsDirs, !insecure);
  const out: Endpoint[] = [{ base: `https://${host}`, tls }];
  if (insecure) out.push({ base: `http://${host}` });
  return out;
}

// docker parity: moby registry/registry.go ReadCertsDirectory
export function loadTlsMaterial(domain: string, certsDirs: string[], verify: boolean): TlsMaterial {
  const material: TlsMaterial = { rejectUnauthorized: verify };
  const cas: string[] = [];
  for (const root of certsDirs) {
    const dir = join(root, domain);
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir).sort();
    for (const f of files) {
      const path = join(dir, f);
      if (f.endsWith('.crt')) cas.push(readFileSync(path, 'utf8'));
      else if (f.endsWith('.cert')) {
        const key = `${f.slice(0, -5)}.key`;
        if (!files.includes(key)) throw new EngineError('invalid-argument', 'certs-missing-key', `missing key ${key} for client certificate ${f}. CA certificates must use the extension .crt`);
        material.cert ??= readFileSync(path, 'utf8');
        material.key ??= readFileSync(join(dir, key), 'utf8');
      } else if (f.endsWith('.key') && !files.includes(`${f.slice(0, -4)}.cert`)) {
        throw new EngineError('invalid-argument', 'certs-missing-cert', `missing client certificate ${f.slice(0, -4)}.cert for key ${f}`);
      }
    }
    break; // the first directory that has the host wins
  }
  if (cas.length) material.ca = [...systemRoots(), ...cas];
  return material;
}

/** The system's trust store (Docker uses it, not Node's bundled list), falling back to Node's. */
function systemRoots(): string[] {
  for (const f of SYSTEM_CA_FILES) {
    try { return [readFileSync(f, 'utf8')]; } catch { /* next */ }
  }
  return [...rootCertificates];
}

/** Registry settings from the environment and Docker's daemon.json (only its registry keys). */
export function registryConfigFrom(env: NodeJS.ProcessEnv, opts: { rootless: boolean; home: string }): RegistryConfig {
  const configHome = env.XDG_CONFIG_HOME || join(opts.home, '.config');
  const daemonJson = opts.rootless ? join(configHome, 'docker', 'daemon.json') : '/etc/docker/daemon.json';
  let fromFile: string[] = [];
  try { fromFile = (JSON.parse(readFileSync(env.SKIFF_DAEMON_JSON ?? daemonJson, 'utf8')) as { 'insecure-registries'?: string[] })['insecure-registries'] ?? []; } catch { /* none */ }
  const fromEnv = (env.SKIFF_INSECURE_REGISTRIES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const certsDirs = env.SKIFF_CERTS_D ? [env.SKIFF_CERTS_D] : opts.rootless ? [join(configHome, 'docker', 'certs.d'), '/etc/docker/certs.d'] : ['/etc/docker/certs.d'];
  return {
    insecureRegistries: [...fromFile, ...fromEnv], certsDirs,
    userAgent: `skiff/0.1.0 node/${process.version} os/${process.platform} arch/${process.arch}`,
    maxDownloads: Number(env.SKIFF_MAX_CONCURRENT_DOWNLOADS) || 3,
    maxUploads: Number(env.SKIFF_MAX_CONCURRENT_UPLOADS) || 5,
  };
}
