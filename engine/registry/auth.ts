// Registry authorisation: the challenge from `GET /v2/` decides Basic (credentials on every request)
// or Bearer (a token per scope set from the realm, anonymous or with Basic credentials, or from an
// identity token through the OAuth2 refresh grant). Tokens are cached until shortly before expiry.
import { EngineError } from '../errors.js';
import { parseChallenges, type Challenge } from './challenge.js';
import { registryErrorFrom } from './errors.js';
import { headerAll, readBody, type Transport } from './transport.js';

export interface AuthConfig { username?: string; password?: string; identityToken?: string; registryToken?: string }

interface Token { value: string; expires: number; refreshToken?: string }

/** A Basic challenge with nothing to answer it (distribution's auth.ErrNoBasicAuthCredentials). */
export class NoBasicCredentialsError extends EngineError {
  constructor() { super('permission-denied', 'no-basic-auth', 'no basic auth credentials'); }
}

export interface TokenOptions {
  /** Ask for a refresh token (docker login sends offline_token=true&client_id=docker). */
  offline?: boolean;
}

export class Authorizer {
  private challenge?: Challenge;
  private readonly tokens = new Map<string, Token>();
  /** The refresh token the realm handed out on the last offline request. */
  refreshToken?: string;

  constructor(private readonly transport: Transport, private readonly auth: AuthConfig = {}, private readonly clock: () => number = Date.now) {}

  /** Remember the challenge from a 401 (from the ping or any later request). */
  setChallenge(values: string[]): boolean {
    const all = parseChallenges(values);
    const pick = all.find((c) => c.scheme === 'bearer') ?? all.find((c) => c.scheme === 'basic');
    if (!pick) return false;
    this.challenge = pick;
    this.tokens.clear();
    return true;
  }

  get scheme(): string | undefined { return this.challenge?.scheme; }

  /** The Authorization header for a request needing `scopes` (undefined when none is needed). */
  async header(scopes: string[], opts: TokenOptions = {}): Promise<string | undefined> {
    if (this.auth.registryToken) return `Bearer ${this.auth.registryToken}`;
    const c = this.challenge;
    if (!c) return undefined;
    if (c.scheme === 'basic') {
      const basic = this.basic();
      if (!basic) throw new NoBasicCredentialsError();
      return basic;
    }
    const key = [...scopes].sort().join(' ');
    const cached = this.tokens.get(key);
    if (cached && cached.expires > this.clock() + 5_000) return `Bearer ${cached.value}`;
    const token = await this.fetchToken(c, scopes, opts);
    this.tokens.set(key, token);
    return `Bearer ${token.value}`;
  }

  /** Forget the tokens (a registry said 401 to one: fetch again once). */
  invalidate(): void { this.tokens.clear(); }

  private basic(): string | undefined {
    if (!this.auth.username && !this.auth.password) return undefined;
    return `Basic ${Buffer.from(`${this.auth.username ?? ''}:${this.auth.password ?? ''}`).toString('base64')}`;
  }

  private async fetchToken(c: Challenge, scopes: string[], opts: TokenOptions): Promise<Token> {
    const realm = c.params.realm;
    if (!realm) throw new EngineError('unavailable', 'no-realm', 'no realm specified for token auth challenge');
    if (this.auth.identityToken) {
      const viaRefresh = await this.postRefresh(realm, c.params.service, scopes);
      if (viaRefresh) return viaRefresh;
    }
    const url = new URL(realm);
    if (c.params.service) url.searchParams.append('service', c.params.service);
    for (const s of scopes) url.searchParams.append('scope', s);
    const headers: Record<string, string> = {};
    const basic = this.basic();
    if (basic) {
      headers.authorization = basic;
      if (this.auth.username) url.searchParams.append('account', this.auth.username);
    }
    if (opts.offline) { url.searchParams.append('client_id', 'docker'); url.searchParams.append('offline_token', 'true'); }
    const res = await this.transport.request(url.toString(), { headers, redirects: true });
    const body = await readBody(res, 1 << 20);
    if (res.status !== 200) throw tokenError(res.status, body.toString('utf8'), headerAll(res.headers, 'www-authenticate'));
    return this.tokenFrom(body);
  }

  /** OAuth2 refresh grant with the stored identity token; undefined when the realm does not support it (404). */
  private async postRefresh(realm: string, service: string | undefined, scopes: string[]): Promise<Token | undefined> {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.auth.identityToken!, client_id: 'docker' });
    if (service) form.append('service', service);
    if (scopes.length) form.append('scope', scopes.join(' '));
    const res = await this.transport.request(realm, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    const body = await readBody(res, 1 << 20);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw tokenError(res.status, body.toString('utf8'), []);
    return this.tokenFrom(body);
  }

  private tokenFrom(body: Buffer): Token {
    let doc: { token?: string; access_token?: string; expires_in?: number; issued_at?: string; refresh_token?: string };
    try { doc = JSON.parse(body.toString('utf8')); } catch { throw new EngineError('unavailable', 'bad-token', 'unable to decode token response'); }
    const value = doc.token || doc.access_token;
    if (!value) throw new EngineError('unavailable', 'bad-token', 'authorization server did not include a token in the response');
    const issued = doc.issued_at ? Date.parse(doc.issued_at) : NaN;
    const start = Number.isFinite(issued) ? issued : this.clock();
    const lifetime = (doc.expires_in && doc.expires_in > 0 ? doc.expires_in : 60) * 1000;
    if (doc.refresh_token) this.refreshToken = doc.refresh_token;
    return { value, expires: start + lifetime, refreshToken: doc.refresh_token };
  }
}

// docker parity: distribution registry/client/auth/session.go (token errors go through HandleErrorResponse)
function tokenError(status: number, body: string, _challenge: string[]): EngineError {
  return registryErrorFrom(status, body);
}
