// Image references with Docker's normalisation rules: `busybox` is docker.io/library/busybox:latest,
// shown back as `busybox`. The grammar and the messages follow distribution/reference as vendored by
// moby 20.10 (daemon side) and docker/cli 28 (client side, which names the offending repository).
import { EngineError } from '../errors.js';

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO = 'library';
export const DEFAULT_TAG = 'latest';
const NAME_TOTAL_LENGTH_MAX = 255;

/** A named reference: domain + path always set once normalised; tag and digest optional. */
export interface NamedReference {
  domain: string;
  path: string;
  tag?: string;
  digest?: string;
}

export type AnyReference = { kind: 'digest'; digest: string } | { kind: 'named'; ref: NamedReference };

/** A malformed reference. `message` is the daemon's (moby 20.10) text, `clientMessage` the docker CLI's. */
export class ReferenceError extends EngineError {
  constructor(message: string, readonly clientMessage: string = message) {
    super('invalid-argument', 'invalid-reference', message);
  }
}

// docker parity: distribution/reference regexp.go
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]*)';
const NAME_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN}/)?${NAME_COMPONENT}(?:/${NAME_COMPONENT})*`;
const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME_RE = new RegExp(`^(?:(${DOMAIN})/)?(${NAME_COMPONENT}(?:/${NAME_COMPONENT})*)$`);
const TAG_RE = new RegExp(`^${TAG}$`);
const IDENTIFIER_RE = /^[a-f0-9]{64}$/;
const SHORT_IDENTIFIER_RE = /^[a-f0-9]{6,64}$/;

export const isFullIdentifier = (s: string) => IDENTIFIER_RE.test(s);
export const isShortIdentifier = (s: string) => SHORT_IDENTIFIER_RE.test(s);
export const isValidTag = (s: string) => TAG_RE.test(s);

/** go-digest's Parse: algorithm:hex with the algorithm's exact length. */
export function parseDigest(s: string): string {
  const i = s.indexOf(':');
  if (i <= 0 || i + 1 === s.length) throw new ReferenceError('invalid checksum digest format');
  const [alg, hex] = [s.slice(0, i), s.slice(i + 1)];
  const sizes: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
  if (!(alg in sizes)) {
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*$/.test(alg)) throw new ReferenceError('invalid checksum digest format');
    throw new ReferenceError('unsupported digest algorithm');
  }
  if (hex.length !== sizes[alg] || !/^[a-f0-9]+$/.test(hex)) throw new ReferenceError('invalid checksum digest length');
  return s;
}

/** distribution/reference Parse on an already-qualified string. */
function parseQualified(s: string): NamedReference {
  const m = REFERENCE_RE.exec(s);
  if (!m) {
    if (s === '') throw new ReferenceError('repository name must have at least one component');
    if (REFERENCE_RE.test(s.toLowerCase())) throw new ReferenceError('repository name must be lowercase');
    throw new ReferenceError('invalid reference format');
  }
  if (m[1]!.length > NAME_TOTAL_LENGTH_MAX) throw new ReferenceError(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  const nm = ANCHORED_NAME_RE.exec(m[1]!)!;
  const ref: NamedReference = { domain: nm[1] ?? '', path: nm[2]! };
  if (m[2]) ref.tag = m[2];
  if (m[3]) ref.digest = parseDigest(m[3]);
  return ref;
}

function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  let domain: string;
  let rest: string;
  if (i === -1 || (!/[.:]/.test(name.slice(0, i)) && name.slice(0, i) !== 'localhost')) [domain, rest] = [DEFAULT_DOMAIN, name];
  else [domain, rest] = [name.slice(0, i), name.slice(i + 1)];
  if (domain === LEGACY_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !rest.includes('/')) rest = `${OFFICIAL_REPO}/${rest}`;
  return [domain, rest];
}

/** ParseNormalizedNamed: `busybox` → docker.io/library/busybox (no default tag added). */
export function parseNormalizedNamed(s: string): NamedReference {
  if (IDENTIFIER_RE.test(s)) throw new ReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  const [domain, remainder] = splitDockerDomain(s);
  const colon = remainder.indexOf(':');
  const remote = colon > -1 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote) {
    throw new ReferenceError('invalid reference format: repository name must be lowercase',
      `invalid reference format: repository name (${remote}) must be lowercase`);
  }
  const ref = parseQualified(`${domain}/${remainder}`);
  if (!ref.domain && !ref.path) throw new ReferenceError(`reference ${s} has no name`);
  return ref;
}

/** ParseAnyReference: a 64-hex id or `sha256:…` is a digest reference, anything else a name. */
export function parseAnyReference(s: string): AnyReference {
  if (IDENTIFIER_RE.test(s)) return { kind: 'digest', digest: `sha256:${s}` };
  if (/^[^:/@]+:[0-9a-fA-F]+$/.test(s)) {
    try { return { kind: 'digest', digest: parseDigest(s) }; } catch { /* not a digest: parse as a name */ }
  }
  return { kind: 'named', ref: parseNormalizedNamed(s) };
}

/** TagNameOnly: add `latest` when there is neither tag nor digest. */
export function withDefaultTag(ref: NamedReference): NamedReference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: DEFAULT_TAG } : ref;
}

export const repositoryName = (ref: Pick<NamedReference, 'domain' | 'path'>) => (ref.domain ? `${ref.domain}/${ref.path}` : ref.path);

/** The fully qualified string: docker.io/library/busybox:latest, name@sha256:…, name:tag@sha256:… */
export function referenceString(ref: NamedReference): string {
  return `${repositoryName(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The repository as users see it: docker.io/library/ and docker.io/ are dropped. */
export function familiarName(ref: Pick<NamedReference, 'domain' | 'path'>): string {
  if (ref.domain !== DEFAULT_DOMAIN) return repositoryName(ref);
  const parts = ref.path.split('/');
  return parts.length === 2 && parts[0] === OFFICIAL_REPO ? parts[1]! : ref.path;
}

export function familiarString(ref: NamedReference): string {
  return `${familiarName(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** Familiar form of a stored, fully qualified name (tag or digest reference). */
export function familiarize(qualified: string): string {
  try {
    return familiarString(parseQualified(qualified));
  } catch {
    return qualified;
  }
}

/** Parse a stored fully qualified reference (from the tags or digests tables). */
export function parseStored(qualified: string): NamedReference {
  return parseQualified(qualified);
}

/** Normalise a user's name to the stored tag key (docker.io/library/busybox:latest). */
export function normalizeTag(s: string): string {
  return referenceString(withDefaultTag(parseNormalizedNamed(s)));
}
