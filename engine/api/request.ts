// What a route handler gets: the parsed request plus typed readers for query parameters and bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Engine } from '../context.js';
import { goJsonSyntaxError } from './go-json-error.js';
import { ApiError, badRequest } from './status.js';

export interface ApiContext {
  engine: Engine;
  req: IncomingMessage;
  /** Absent on a hijacked (upgraded) request: the handler owns `upgrade.socket` instead. */
  res?: ServerResponse;
  upgrade?: { socket: Duplex; head: Buffer };
  /** The negotiated API version (the newest when the path had no prefix). */
  version: string;
  params: Record<string, string>;
  query: Query;
  /** Aborts when the client goes away, so streams and waits stop. */
  signal: AbortSignal;
}

/** Query readers with dockerd's parsing rules (httputils.BoolValue, strconv.Atoi…). */
export class Query {
  constructor(private readonly params: URLSearchParams) {}

  has(name: string): boolean { return this.params.has(name); }
  str(name: string): string | undefined { return this.params.get(name) ?? undefined; }
  all(name: string): string[] { return this.params.getAll(name); }

  // docker parity: moby@20.10 api/server/httputils/form.go BoolValue
  bool(name: string): boolean {
    const v = (this.params.get(name) ?? '').trim().toLowerCase();
    return v !== '' && v !== '0' && v !== 'no' && v !== 'false' && v !== 'none';
  }

  /** BoolValueOrDefault: the default when the parameter is absent or empty. */
  boolOr(name: string, dflt: boolean): boolean {
    return (this.params.get(name) ?? '') === '' ? dflt : this.bool(name);
  }

  int(name: string): number | undefined {
    const v = this.params.get(name);
    if (v === null || v === '') return undefined;
    if (!/^[+-]?\d+$/.test(v)) throw badRequest(`strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    return Number(v);
  }

  /** `filters` in either of dockerd's JSON forms: {"k":{"v":true}} or the legacy {"k":["v"]}. */
  filters(name = 'filters'): Record<string, string[]> {
    const raw = this.params.get(name);
    if (!raw) return {};
    let doc: unknown;
    try { doc = JSON.parse(raw); } catch (e) { throw new ApiError(500, goJsonError(raw, e)); }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new ApiError(500, 'json: cannot unmarshal into filters');
    const out: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
      if (Array.isArray(v)) out[k] = v.map(String);
      else if (v && typeof v === 'object') out[k] = Object.entries(v).filter(([, on]) => on === true).map(([x]) => x);
      else throw new ApiError(500, `json: cannot unmarshal ${typeof v} into Go value of type map[string]bool`);
    }
    return out;
  }
}

export const MAX_JSON_BODY = 8 * 1024 * 1024;

/** Reads the whole body, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = MAX_JSON_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw badRequest(`request body too large (more than ${limit} bytes)`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A JSON body. An empty body is `undefined` (dockerd treats it as "no config"); malformed JSON is a 500
 * with the decoder's message, as dockerd answers. A Content-Type other than JSON is refused where
 * dockerd refuses it (`strict`). docker parity: moby@20.10 api/server/httputils/httputils.go CheckForJSON
 */
export async function readJson<T>(ctx: ApiContext, opts: { strict?: boolean } = {}): Promise<T | undefined> {
  const type = ctx.req.headers['content-type'];
  const body = await readBody(ctx.req);
  if (body.length === 0) return undefined;
  if (opts.strict && type && !/^application\/json\b/i.test(type.split(';')[0]!.trim())) {
    throw badRequest(`Content-Type specified (${type}) must be 'application/json'`);
  }
  const text = body.toString('utf8');
  try { return JSON.parse(text) as T; } catch (e) { throw new ApiError(500, goJsonError(text, e)); }
}

/** The decoder's message as dockerd words it (Go's encoding/json). */
export function goJsonError(text: string, e: unknown): string {
  return goJsonSyntaxError(text) ?? String((e as Error)?.message ?? e);
}
