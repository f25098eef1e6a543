// The registry search API (v1 `/v1/search?q=&n=`), which Docker Hub serves and distribution's v2
// registry does not: Docker finds the index from the term's first component, pings `/v1/_ping` over
// HTTPS (then HTTP for an insecure index) and reports a non-200 search as "Unexpected status code N".
import { EngineError } from '../errors.js';
import { TransportError, transportError } from './errors.js';
import { DOCKER_HUB_INDEX, isInsecure, loadTlsMaterial, type RegistryConfig } from './hosts.js';
import { readBody, Transport } from './transport.js';

export interface SearchResult { name: string; description: string; star_count: number; is_official: boolean; is_automated: boolean }
export interface SearchResults { num_results: number; query: string; results: SearchResult[] }

/** docker parity: moby registry/service.go splitReposSearchTerm (Hub unless the first part looks like a host). */
export function splitSearchTerm(term: string): { index: string; remote: string } {
  const parts = term.split('/');
  const first = parts[0]!;
  if (parts.length === 1 || (!first.includes('.') && !first.includes(':') && first !== 'localhost')) return { index: 'docker.io', remote: term };
  return { index: first, remote: parts.slice(1).join('/') };
}

export async function searchRegistry(term: string, limit: number, config: RegistryConfig, auth?: { username?: string; password?: string }): Promise<SearchResults> {
  // docker parity: moby registry/service.go Search and session.go searchRepositories
  if (term.includes('://')) throw new EngineError('invalid-argument', 'search-scheme', 'Invalid repository name (ex: "registry.domain.tld/myrepos")');
  if (limit < 1 || limit > 100) throw new EngineError('invalid-argument', 'search-limit', `Limit ${limit} is outside the range of [1, 100]`);
  const { index, remote } = splitSearchTerm(term);
  const official = index === 'docker.io';
  const query = official ? remote.replace(/^library\//, '') : remote;
  const transport = await v1Endpoint(index, config);
  try {
    const base = official ? DOCKER_HUB_INDEX : transport.url('/v1/');
    const url = `${base}search?q=${encodeURIComponent(query).replace(/%20/g, '+')}&n=${limit}`;
    const headers: Record<string, string> = { 'x-docker-token': 'true' };
    if (auth?.username) headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ''}`).toString('base64')}`;
    const res = await transport.request(url, { headers, redirects: true });
    const body = await readBody(res, 16 << 20);
    if (res.status !== 200) throw new EngineError('unavailable', 'search-status', `Unexpected status code ${res.status}`);
    try {
      return JSON.parse(body.toString('utf8')) as SearchResults;
    } catch (e) {
      throw new EngineError('unavailable', 'search-decode', `error decoding registry search results: ${(e as Error).message}`);
    }
  } finally {
    await transport.close();
  }
}

/** docker parity: moby registry/endpoint_v1.go validateEndpoint (HTTPS ping, HTTP only when insecure). */
async function v1Endpoint(index: string, config: RegistryConfig): Promise<Transport> {
  if (index === 'docker.io') return new Transport({ base: 'https://index.docker.io', tls: { rejectUnauthorized: true } }, config.userAgent);
  const insecure = await isInsecure(index, config);
  const https = new Transport({ base: `https://${index}`, tls: loadTlsMaterial(index, config.certsDirs, !insecure) }, config.userAgent);
  const first = await ping(https);
  if (!first) return https;
  await https.close();
  const httpsUrl = `https://${index}/v1/`;
  if (!insecure) {
    throw new EngineError('unavailable', 'search-endpoint', `invalid registry endpoint ${httpsUrl}: ${first.message}. If this private registry supports only HTTP or HTTPS with an unknown CA certificate, please add \`--insecure-registry ${index}\` to the daemon's arguments. In the case of HTTPS, if you have access to the registry's CA certificate, no need for the flag; simply place the CA certificate at /etc/docker/certs.d/${index}/ca.crt`);
  }
  const http = new Transport({ base: `http://${index}` }, config.userAgent);
  const second = await ping(http);
  if (!second) return http;
  await http.close();
  throw new EngineError('unavailable', 'search-endpoint', `invalid registry endpoint "${httpsUrl}". HTTPS attempt: ${first.message}. HTTP attempt: ${second.message}`);
}

async function ping(t: Transport): Promise<TransportError | undefined> {
  const url = t.url('/v1/_ping');
  try {
    const res = await t.request(url, { retries: 0 });
    await res.body.dump().catch(() => undefined);
    return undefined;
  } catch (e) {
    return e instanceof TransportError ? e : transportError('GET', url, e);
  }
}
