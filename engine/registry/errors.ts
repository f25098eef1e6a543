// Registry failures in Docker's words: the distribution error body (`{"errors":[{code,message}]}`)
// reads "<code in lower case>: <message>", transport failures read like Go's url.Error
// (`Get "http://h/v2/": dial tcp h: connect: connection refused`).
import { readFileSync } from 'node:fs';
import { EngineError, type ErrorKind } from '../errors.js';

export interface RegistryErrorEntry { code: string; message: string; detail?: unknown }

/** An error reply from a registry (status and the parsed error entries, if any). */
export class RegistryError extends EngineError {
  constructor(readonly status: number, readonly errors: RegistryErrorEntry[], message: string) {
    super(kindForStatus(status), errors[0]?.code ? `registry-${errors[0].code.toLowerCase()}` : `registry-http-${status}`, message);
  }

  has(code: string): boolean { return this.errors.some((e) => e.code === code); }
  get first(): RegistryErrorEntry | undefined { return this.errors[0]; }
}

function kindForStatus(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'permission-denied';
  if (status === 404) return 'not-found';
  if (status >= 500 || status === 429) return 'unavailable';
  return 'invalid-argument';
}

/** errcode.Error.Error(): the code's lower-cased words, then the message. */
export const describeEntry = (e: RegistryErrorEntry) => `${e.code.toLowerCase().replace(/_/g, ' ')}: ${e.message}`;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  413: 'Request Entity Too Large', 416: 'Requested Range Not Satisfiable', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
export const statusLine = (status: number) => `${status} ${STATUS_TEXT[status] ?? ''}`.trim();

// docker parity: distribution registry/client/errors.go HandleErrorResponse (RFC 6750 error codes first)
export function registryErrorFrom(status: number, body: string, challenges: Array<{ scheme: string; params: Record<string, string> }> = []): RegistryError {
  let entries: RegistryErrorEntry[] = [];
  const bearer = status >= 400 && status < 500 ? challenges.find((c) => c.scheme === 'bearer' && (c.params.error === 'invalid_token' || c.params.error === 'insufficient_scope')) : undefined;
  if (bearer) {
    const code = bearer.params.error === 'invalid_token' ? 'UNAUTHORIZED' : 'DENIED';
    entries.push({ code, message: bearer.params.error_description || (code === 'DENIED' ? 'requested access to the resource is denied' : 'authentication required') });
  }
  try {
    const doc = JSON.parse(body) as { errors?: RegistryErrorEntry[]; details?: string };
    if (Array.isArray(doc.errors)) entries = entries.concat(doc.errors.filter((e) => e && typeof e.code === 'string').map((e) => ({ code: e.code, message: String(e.message ?? ''), detail: e.detail })));
    else if (entries.length === 0 && status === 401 && typeof doc.details === 'string') entries = [{ code: 'UNAUTHORIZED', message: doc.details }];
  } catch { /* not JSON */ }
  if (entries.length === 0 && status === 401) entries = [{ code: 'UNAUTHORIZED', message: 'authentication required' }];
  if (entries.length === 0 && status === 429) entries = [{ code: 'TOOMANYREQUESTS', message: 'too many requests' }];
  const message = entries.length ? describeEntry(entries[0]!) : `received unexpected HTTP status: ${statusLine(status)}`;
  return new RegistryError(status, entries, message);
}

/** A request that never got a reply: Go's `<Method> "<url>": <cause>`. */
export class TransportError extends EngineError {
  constructor(readonly method: string, readonly url: string, readonly causeText: string, readonly tlsFailure: boolean, cause?: unknown, kind: ErrorKind = 'unavailable') {
    super(kind, 'registry-unreachable', `${goMethod(method)} ${JSON.stringify(url)}: ${causeText}`, { cause });
  }
}

export const goMethod = (m: string) => m.charAt(0).toUpperCase() + m.slice(1).toLowerCase();

const TLS_CODES = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER']);

/** Node's connection errors in the words of Go's net and crypto/x509 packages. */
export function transportError(method: string, url: string, e: unknown): TransportError {
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException; reason?: string; host?: string };
  const inner = (err?.cause ?? err) as NodeJS.ErrnoException & { reason?: string; hostname?: string };
  const code = inner?.code ?? err?.code ?? '';
  const u = new URL(url);
  const hostPort = `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  let text: string;
  switch (code) {
    case 'ECONNREFUSED': text = `dial tcp ${hostPort}: connect: connection refused`; break;
    case 'ENOTFOUND': case 'EAI_AGAIN': text = `dial tcp: lookup ${u.hostname} on ${resolverAddress()}: no such host`; break;
    case 'ETIMEDOUT': case 'UND_ERR_CONNECT_TIMEOUT': text = `dial tcp ${hostPort}: i/o timeout`; break;
    case 'ECONNRESET': case 'UND_ERR_SOCKET': text = `read tcp ${hostPort}: read: connection reset by peer`; break;
    case 'EHOSTUNREACH': text = `dial tcp ${hostPort}: connect: no route to host`; break;
    case 'ENETUNREACH': text = `dial tcp ${hostPort}: connect: network is unreachable`; break;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE': case 'SELF_SIGNED_CERT_IN_CHAIN': case 'DEPTH_ZERO_SELF_SIGNED_CERT': case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      text = 'x509: certificate signed by unknown authority'; break;
    case 'CERT_HAS_EXPIRED': text = 'x509: certificate has expired or is not yet valid'; break;
    case 'ERR_TLS_CERT_ALTNAME_INVALID': text = `x509: certificate is not valid for ${u.hostname}`; break;
    case 'EPROTO': case 'ERR_SSL_WRONG_VERSION_NUMBER': text = 'http: server gave HTTP response to HTTPS client'; break;
    default: text = inner?.message || err?.message || String(e);
  }
  return new TransportError(method, url, text, TLS_CODES.has(code) || /SSL|TLS|certificate/i.test(inner?.message ?? ''), e);
}

let resolver: string | undefined;
function resolverAddress(): string {
  if (resolver) return resolver;
  try {
    const ns = /^nameserver\s+(\S+)/m.exec(readFileSync('/etc/resolv.conf', 'utf8'))?.[1];
    resolver = ns ? (ns.includes(':') ? `[${ns}]:53` : `${ns}:53`) : '127.0.0.53:53';
  } catch { resolver = '127.0.0.53:53'; }
  return resolver;
}
