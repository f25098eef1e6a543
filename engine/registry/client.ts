// A connection to one registry: the endpoint chosen by pinging `/v2/` (HTTPS first; for an insecure
// registry HTTPS without verification, then HTTP, as Docker does), the authoriser fed by the ping's
// challenge, and `send`, which adds the Authorization for the request's scopes and answers a 401 by
// taking the new challenge and trying once more.
import { Authorizer, type AuthConfig } from './auth.js';
import { parseChallenges } from './challenge.js';
import { EngineError } from '../errors.js';
import { RegistryError, registryErrorFrom, statusLine, TransportError } from './errors.js';
import { endpointsFor, type Endpoint, type RegistryConfig } from './hosts.js';
import { Repository } from './repository.js';
import { headerAll, readBody, Transport, type HttpResponse, type RequestOptions } from './transport.js';

export type Action = 'pull' | 'push';

export class RegistryClient {
  private constructor(readonly domain: string, readonly transport: Transport, readonly authorizer: Authorizer, readonly config: RegistryConfig) {}

  /** Ping the endpoints in order and keep the first that answers like a v2 registry. */
  static async connect(domain: string, config: RegistryConfig, auth: AuthConfig = {}, endpoints?: Endpoint[]): Promise<RegistryClient> {
    checkServerAddress(domain);
    const candidates = endpoints ?? await endpointsFor(domain, config);
    let last: unknown;
    for (const ep of candidates) {
      const transport = new Transport(ep, config.userAgent);
      try {
        const authorizer = new Authorizer(transport, auth);
        const res = await transport.request(transport.url('/v2/'), { retries: 1 });
        await res.body.dump().catch(() => undefined);
        if (res.status === 401) authorizer.setChallenge(headerAll(res.headers, 'www-authenticate'));
        else if (res.status !== 200) throw registryErrorFrom(res.status, '');
        return new RegistryClient(domain, transport, authorizer, config);
      } catch (e) {
        await transport.close();
        last = e;
        // Only a failure to talk to the endpoint moves on to the next one (TLS refused, HTTP spoken on HTTPS…).
        if (!(e instanceof TransportError)) throw e;
      }
    }
    throw last;
  }

  get base(): string { return this.transport.endpoint.base; }

  repository(path: string, actions: Action[] = ['pull']): Repository {
    return new Repository(this, path, actions);
  }

  /** A request with authorisation for `scopes`; a 401 is retried once with a fresh token. */
  async send(pathOrUrl: string, scopes: string[], opts: RequestOptions & { offlineToken?: boolean } = {}): Promise<HttpResponse> {
    const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : this.transport.url(pathOrUrl);
    const replayable = opts.body === undefined || typeof opts.body === 'string' || Buffer.isBuffer(opts.body);
    for (let attempt = 0; ; attempt++) {
      const auth = await this.authorizer.header(scopes, { offline: opts.offlineToken }).catch((e: unknown) => {
        // docker parity: the auth transport fails the request itself, so Go wraps it as a url.Error
        // A failed authorisation (no credentials, a refused token request) fails the request it was
        // for, which Go reports as a url.Error around it.
        if (e instanceof EngineError && !(e instanceof TransportError)) throw new TransportError(opts.method ?? 'GET', url, e.message, false, e, e.kind);
        throw e;
      });
      const headers = { ...opts.headers, ...(auth ? { authorization: auth } : {}) };
      const { offlineToken: _o, ...request } = opts;
      const res = await this.transport.request(url, { ...request, headers });
      if (res.status !== 401 || attempt > 0 || !replayable) return res;
      const challenge = headerAll(res.headers, 'www-authenticate');
      await res.body.dump().catch(() => undefined);
      if (!this.authorizer.setChallenge(challenge)) this.authorizer.invalidate();
    }
  }

  /** Fail with the registry's error reply unless the status is one of `ok`. */
  async expect(res: HttpResponse, ...ok: number[]): Promise<HttpResponse> {
    if (ok.includes(res.status)) return res;
    const body = res.status === 304 || (res.headers['content-length'] === undefined && res.status === 204) ? '' : (await readBody(res, 1 << 20).catch(() => Buffer.alloc(0))).toString('utf8');
    throw registryErrorFrom(res.status, body, parseChallenges(headerAll(res.headers, 'www-authenticate')));
  }

  /**
   * Verify credentials the way `docker login` does: GET /v2/ through the challenge (Basic credentials,
   * or a token asked for with offline_token so the realm may hand out a refresh token).
   */
  async login(): Promise<{ identityToken?: string }> {
    if (!this.authorizer.scheme) return {};
    const res = await this.send('/v2/', [], { offlineToken: true });
    await res.body.dump().catch(() => undefined);
    // docker parity: moby registry/auth.go loginV2
    if (res.status !== 200) throw new EngineError('permission-denied', 'login-failed', `login attempt to ${this.base}/v2/ failed with status: ${statusLine(res.status)}`);
    return { identityToken: this.authorizer.refreshToken };
  }

  close(): Promise<void> { return this.transport.close(); }
}

export { RegistryError };

// docker parity: moby registry/auth.go loginV2 (url.Parse of the server address; Go's wording for a bad port)
function checkServerAddress(domain: string): void {
  try {
    new URL(`https://${domain}/`);
  } catch {
    const port = /:([^:\]]*)$/.exec(domain)?.[1];
    const why = port !== undefined && !/^\d*$/.test(port) ? `invalid port ":${port}" after host` : 'invalid URL';
    throw new EngineError('invalid-argument', 'bad-server', `unable to parse server address: parse "https://${domain}": ${why}`);
  }
}
