// Request bodies of the routes that decode with json.NewDecoder and wrap every failure as an invalid
// parameter (networks, volumes): an empty body, malformed JSON and a field of the wrong JSON kind are
// 400s there, not 500s, with Go's decoder wording.
// docker parity: moby@20.10 api/server/router/network/network_routes.go postNetworkCreate,
// router/volume/volume_routes.go postVolumesCreate
import type { ApiContext } from '../request.js';
import { goJsonError, readBody } from '../request.js';
import { badRequest } from '../status.js';

/** The Go kind a field decodes into; `map` is map[string]string. */
export type FieldKind = 'string' | 'bool' | 'map' | 'object' | 'array';
export type BodySpec = Record<string, FieldKind>;

/** The JSON kind names Go's "cannot unmarshal X" uses. */
const jsonKind = (v: unknown) =>
  (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);

const GO_TYPE: Record<FieldKind, string> = { string: 'string', bool: 'bool', map: 'map[string]string', object: 'struct', array: 'slice' };

const fits = (kind: FieldKind, v: unknown) => v === null || jsonKind(v) === { string: 'string', bool: 'bool', map: 'object', object: 'object', array: 'array' }[kind];

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
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (e) {
    const msg = goJsonError(text, e);
    // A Decoder reports a truncated document as io.ErrUnexpectedEOF, not Unmarshal's wording.
    throw badRequest(msg === 'unexpected end of JSON input' ? 'unexpected EOF' : msg);
  }
  if (doc === null) return {} as T;
  if (jsonKind(doc) !== 'object') throw badRequest(`json: cannot unmarshal ${jsonKind(doc)} into Go value of type ${goType}`);
  checkFields(doc as Record<string, unknown>, goType.split('.').pop()!, spec);
  return doc as T;
}

function checkFields(doc: Record<string, unknown>, struct: string, spec: BodySpec): void {
  for (const [key, kind] of Object.entries(spec)) {
    const v = doc[key];
    if (v === undefined) continue;
    const field = `Go struct field ${struct}.${key}`;
    if (!fits(kind, v)) throw badRequest(`json: cannot unmarshal ${jsonKind(v)} into ${field} of type ${GO_TYPE[kind]}`);
    if (kind === 'map' && v) {
      const bad = Object.values(v as object).find((x) => typeof x !== 'string');
      if (bad !== undefined) throw badRequest(`json: cannot unmarshal ${jsonKind(bad)} into ${field} of type string`);
    }
  }
}
