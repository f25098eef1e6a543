// Request bodies of the routes that decode with json.NewDecoder and wrap every failure as an invalid
// parameter (networks, volumes): an empty body, malformed JSON and a field of the wrong JSON kind are
// 400s there, not 500s, with Go's decoder wording.
// docker parity: moby@20.10 api/server/router/network/network_routes.go postNetworkCreate,
// router/volume/volume_routes.go postVolumesCreate
import type { ApiContext } from '../request.js';
import { checkGoFields, jsonKind, parseGoJson, type GoKind } from '../go-decode.js';
import { readBody } from '../request.js';
import { badRequest } from '../status.js';

/** The Go kind a field decodes into; `map` is map[string]string. */
export type FieldKind = GoKind;
export type BodySpec = Record<string, FieldKind>;

/**
 * The decoded JSON object, checked against `spec` (unknown keys are ignored, as Go does). `goType` is
 * the package-qualified type (`types.NetworkCreateRequest`) the errors name.
 */
export async function decodeBody<T extends object>(ctx: ApiContext, goType: string, spec: BodySpec): Promise<T> {
  const type = ctx.req.headers['content-type'];
  // docker parity: moby@20.10 api/server/httputils/httputils.go CheckForJSON
  if (type && !/^application\/json$/i.test(type.split(';')[0]!.trim())) {
    throw badRequest(`Content-Type specified (${type}) must be 'application/json'`);
  }
  const text = (await readBody(ctx.req)).toString('utf8');
  if (text.trim() === '') throw badRequest('got EOF while reading request body');
  const doc = parseGoJson(text, 400);
  if (doc === null) return {} as T;
  if (jsonKind(doc) !== 'object') throw badRequest(`json: cannot unmarshal ${jsonKind(doc)} into Go value of type ${goType}`);
  checkGoFields(doc as Record<string, unknown>, goType.split('.').pop()!, spec, { status: 400 });
  return doc as T;
}
