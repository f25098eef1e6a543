// Every failure the engine reports carries a kind (which decides the HTTP status and the CLI exit code)
// and a stable code (which tests and callers may match on). Messages keep Docker's wording where
// Docker has one; control flow never matches message text.
export type ErrorKind =
  | 'not-found'
  | 'conflict'
  | 'invalid-argument'
  | 'not-modified'
  | 'permission-denied'
  | 'unavailable'
  | 'not-implemented'
  | 'internal';

export class EngineError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  /** For errors from the OCI runtime: 126/127 when the container's command could not be run. */
  readonly exitStatus?: number;

  constructor(kind: ErrorKind, code: string, message: string, opts: { cause?: unknown; exitStatus?: number } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'EngineError';
    this.kind = kind;
    this.code = code;
    this.exitStatus = opts.exitStatus;
  }
}

export const notFound = (code: string, message: string) => new EngineError('not-found', code, message);
export const conflict = (code: string, message: string) => new EngineError('conflict', code, message);
export const invalidArgument = (code: string, message: string) => new EngineError('invalid-argument', code, message);
/** A daemon-side validation failure ("Error response from daemon: …" on the CLI, 400 on the API). */
export const daemonInvalid = (code: string, message: string) => new EngineError('invalid-argument', code, message);
export const notImplemented = (code: string, message: string) => new EngineError('not-implemented', code, message);
export const internal = (code: string, message: string, cause?: unknown) =>
  new EngineError('internal', code, message, { cause });

export function isEngineError(e: unknown, kind?: ErrorKind): e is EngineError {
  return e instanceof EngineError && (kind === undefined || e.kind === kind);
}
