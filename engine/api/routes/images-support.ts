// What the image routes share: credentials from X-Registry-Auth, the JSON progress stream that only
// commits to a 200 with its first message, and dockerd's statuses for registry failures.
import type { ServerResponse } from 'node:http';
import type { ApiContext } from '../request.js';
import { errorMessage } from '../response.js';
import { goJson } from '../../domain/images/config-doc.js';
import { ApiError } from '../status.js';
import { EngineError, isEngineError } from '../../errors.js';
import { isValidTag, parseDigest, ReferenceError, type NamedReference } from '../../images/reference.js';
import type { AuthConfig } from '../../registry/auth.js';
import { RegistryError, TransportError } from '../../registry/errors.js';
import { registryConfigFrom } from '../../registry/hosts.js';
import { progressString, type JsonMessage } from '../../domain/images/progress.js';
import type { RegistryAccess } from '../../domain/images/registry-access.js';

/**
 * An AuthConfig in base64url JSON (X-Registry-Auth). Go decodes field names case-insensitively, and
 * dockerd treats a header it cannot decode as no credentials (moby@20.10 router/image postImagesCreate).
 */
export function authFromHeader(value: string | undefined): AuthConfig | undefined {
  if (!value) return undefined;
  try {
    return authFromDocument(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
  } catch {
    return {};
  }
}

/** The fields of a types.AuthConfig document that reach the registry. */
export function authFromDocument(doc: unknown): AuthConfig {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return {};
  const fields = new Map(Object.entries(doc as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
  const str = (k: string) => (typeof fields.get(k) === 'string' && fields.get(k) !== '' ? (fields.get(k) as string) : undefined);
  const auth: AuthConfig = {};
  if (str('username')) auth.username = str('username');
  if (str('password')) auth.password = str('password');
  if (str('identitytoken')) auth.identityToken = str('identitytoken');
  if (str('registrytoken')) auth.registryToken = str('registrytoken');
  return auth;
}

/** The daemon's registry settings with the caller's credentials, never the user's config.json. */
export function apiRegistryAccess(ctx: ApiContext, auth: AuthConfig = {}): RegistryAccess {
  return { config: registryConfigFrom(process.env, ctx.engine.config.identity), auth };
}

/** A JsonMessage with dockerd's field order and its pre-rendered `progress` bar (a 200-column "terminal"). */
export function wireMessage(m: JsonMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (m.stream !== undefined) out.stream = m.stream;
  if (m.status !== undefined) out.status = m.status;
  if (m.progressDetail !== undefined) {
    const { current, total } = m.progressDetail;
    // docker parity: pkg/jsonmessage JSONProgress fields are omitempty
    out.progressDetail = { ...(current ? { current } : {}), ...(total ? { total } : {}) };
    const bar = progressString(current, total, 200);
    if (bar) out.progress = bar;
  }
  if (m.id) out.id = m.id;
  if (m.errorDetail) out.errorDetail = m.errorDetail;
  if (m.error) out.error = m.error;
  if (m.aux !== undefined) out.aux = m.aux;
  return out;
}

/**
 * moby's WriteFlusher over a streamformatter: the 200 and its headers go out with the first message,
 * so a failure before it is an ordinary HTTP error and one after it travels in-band. Messages end in
 * "\r\n" (pkg/streamformatter streamNewline), unlike the events and stats streams.
 */
export class ProgressStream {
  private opened = false;

  constructor(private readonly res: ServerResponse) {}

  get started(): boolean { return this.opened; }

  readonly write = (m: JsonMessage): void => { this.send(wireMessage(m)); };

  /** Run the work; a failure before any message is rethrown (mapped), later ones end the stream in-band. */
  async run(work: () => Promise<void>, mapError: (e: unknown) => unknown = (e) => e): Promise<void> {
    try {
      await work();
    } catch (e) {
      if (!this.started) throw mapError(e);
      this.fail(e);
      return;
    }
    this.end();
  }

  /** An error as jsonmessage's errorDetail, ending the stream (load reports every failure this way). */
  fail(e: unknown): void {
    const message = errorMessage(e);
    this.send({ errorDetail: { message }, error: message });
    this.end();
  }

  end(): void {
    this.open();
    if (!this.res.writableEnded) this.res.end();
  }

  private send(doc: Record<string, unknown>): void {
    this.open();
    if (!this.res.destroyed && !this.res.writableEnded) this.res.write(`${goJson(doc)}\r\n`);
  }

  private open(): void {
    if (this.opened) return;
    this.opened = true;
    if (this.res.destroyed) return; // the client went away: nothing to say
    this.res.writeHead(200, { 'Content-Type': 'application/json' });
    this.res.flushHeaders();
  }
}

/**
 * dockerd's statuses for registry failures: a request that failed on the way (no connection, no
 * credentials for a Basic challenge) and unclassified registry replies are 500; with `registryStatus`
 * (the distribution route) an error reply keeps the status its errcode has.
 */
export function registryFailure(e: unknown, opts: { registryStatus?: boolean } = {}): unknown {
  if (e instanceof TransportError) return new ApiError(500, e.message);
  if (e instanceof RegistryError) return new ApiError(opts.registryStatus && e.errors.length ? e.status : 500, e.message);
  if (isEngineError(e) && (e.kind === 'unavailable' || e.kind === 'permission-denied')) return new ApiError(500, e.message);
  return e;
}

/** Where dockerd passes a reference error through unclassified (tag, push, save), it is a 500. */
export function plainReferenceError(e: unknown): unknown {
  return e instanceof ReferenceError ? new ApiError(500, e.message) : e;
}

/**
 * reference.WithTag for a tag given as its own parameter (the status of a bad one depends on the route);
 * with `digests`, a tag that parses as a digest pins the digest instead (pull's WithDigest).
 */
export function withTag(ref: NamedReference, tag: string, status: number, opts: { digests?: boolean } = {}): NamedReference {
  if (!tag) return ref;
  if (opts.digests) {
    try { return { domain: ref.domain, path: ref.path, digest: parseDigest(tag) }; } catch { /* a tag, then */ }
  }
  if (!isValidTag(tag)) throw new ApiError(status, 'invalid tag format');
  return { domain: ref.domain, path: ref.path, tag };
}

/** The same error kind with dockerd's wrapping text in front (errors.Wrapf keeps the class). */
export function wrapped(e: unknown, prefix: string): unknown {
  if (e instanceof EngineError) return new EngineError(e.kind, e.code, `${prefix}: ${e.message}`);
  if (e instanceof ApiError) return new ApiError(e.status, `${prefix}: ${e.message}`);
  return new ApiError(500, `${prefix}: ${e instanceof Error ? e.message : String(e)}`);
}
