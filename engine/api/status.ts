// One table from error kind to HTTP status. docker parity: moby@20.10 api/server/httpstatus/status.go
import { EngineError, type ErrorKind } from '../errors.js';

const STATUS: Record<ErrorKind, number> = {
  'not-found': 404,
  conflict: 409,
  'invalid-argument': 400,
  'not-modified': 304,
  'permission-denied': 403,
  unavailable: 503,
  'not-implemented': 501,
  internal: 500,
};

export function statusOf(err: unknown): number {
  if (err instanceof EngineError) return STATUS[err.kind];
  if (err instanceof ApiError) return err.status;
  return 500;
}

/** An error that only exists at the HTTP layer (bad query parameter, body too large…). */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

export const badRequest = (message: string) => new ApiError(400, message);
