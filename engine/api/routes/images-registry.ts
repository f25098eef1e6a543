// The image routes that talk to registries (pull, push, search, login, distribution inspect) and
// POST /images/create's other half, import. Credentials come from X-Registry-Auth (or /auth's body),
// never from a config file. docker parity: moby@20.10 api/server/router/image/image_routes.go,
// router/system/system_routes.go postAuth, router/distribution/distribution_routes.go
import type { Router } from '../router.js';
import type { ApiContext } from '../request.js';
import { goJsonError, readBody, readJson } from '../request.js';
import { sendJson } from '../response.js';
import { ApiError, badRequest } from '../status.js';
import { versionAtLeast } from '../version.js';
import { invalidArgument, isEngineError } from '../../errors.js';
import { parseNormalizedNamed, referenceString } from '../../images/reference.js';
import type { AuthConfig } from '../../registry/auth.js';
import { RegistryError, TransportError } from '../../registry/errors.js';
import { applyChanges } from '../../domain/images/change-commands.js';
import { inspectDistribution } from '../../domain/images/distribution.js';
import { importImage } from '../../domain/images/import.js';
import { importUrlOf, openImportUrl } from '../../domain/images/import-url.js';
import { verifyLogin } from '../../domain/images/login.js';
import { ByteProgress, counted } from '../../domain/images/progress.js';
import { pullImage } from '../../domain/images/pull.js';
import { pushImage } from '../../domain/images/push.js';
import { searchImages } from '../../domain/images/search.js';
import {
  apiRegistryAccess, authFromDocument, authFromHeader, plainReferenceError, ProgressStream, registryFailure, withTag,
} from './images-support.js';

export function imageRegistryRoutes(r: Router): void {
  r.post('/images/create', (ctx) => (ctx.query.str('fromImage') ? pullRoute(ctx) : importRoute(ctx)));
  r.get('/images/search', searchRoute);
  r.post('/auth', authRoute);
  r.get('/distribution/{name*}/json', distributionRoute);
  r.post('/images/{name*}/push', pushRoute);
}

async function pullRoute(ctx: ApiContext): Promise<void> {
  // docker parity: daemon/images/image_pull.go PullImage ("pull -a" may send a trailing ':')
  const parsed = parseNormalizedNamed(ctx.query.str('fromImage')!.replace(/:$/, ''));
  const ref = withTag(parsed, ctx.query.str('tag') ?? '', 400, { digests: true });
  const platform = versionAtLeast(ctx.version, '1.32') ? ctx.query.str('platform') || undefined : undefined;
  const out = new ProgressStream(ctx.res!);
  await out.run(async () => {
    await pullImage(ctx.engine, {
      reference: referenceString(ref), allTags: ref.tag === undefined && ref.digest === undefined,
      platform: platform?.toLowerCase(), registry: apiRegistryAccess(ctx, authFromHeader(ctx.req.headers['x-registry-auth'] as string | undefined)),
      onProgress: out.write,
    });
  }, (e) => registryFailure(e));
}

async function importRoute(ctx: ApiContext): Promise<void> {
  const src = ctx.query.str('fromSrc') ?? '';
  const repo = ctx.query.str('repo') ?? '';
  let reference: string | undefined;
  if (repo) {
    // docker parity: daemon/images/image_import.go ImportImage (every name problem is invalid-parameter)
    const parsed = parseNormalizedNamed(repo);
    if (parsed.digest) throw invalidArgument('import-digest', 'cannot import digest reference');
    reference = referenceString(withTag(parsed, ctx.query.str('tag') ?? '', 400));
  }
  const changes = ctx.query.all('changes');
  applyChanges({}, changes); // checked before any byte is read or fetched
  const out = new ProgressStream(ctx.res!);
  const message = ctx.query.str('message') || undefined;
  await out.run(async () => {
    if (src === '-') {
      out.write({ status: (await importImage(ctx.engine, { input: ctx.req, source: '-', reference, changes, message })).id });
      return;
    }
    ctx.req.resume();
    if (src === '') throw new ApiError(500, 'Get "http:": http: no Host in request URL');
    const opened = await openImportUrl(src);
    try {
      out.write({ status: `Downloading from ${opened.url}` });
      const input = counted(opened.body, new ByteProgress(out.write, '', 'Importing', opened.size));
      out.write({ status: (await importImage(ctx.engine, { input, source: importUrlOf(src), reference, changes, message })).id });
    } finally {
      opened.close();
    }
  });
}

/** Push credentials: the header, else (the API's old form) an AuthConfig body. docker parity: postImagesPush */
async function pushAuth(ctx: ApiContext): Promise<AuthConfig> {
  const fromHeader = authFromHeader(ctx.req.headers['x-registry-auth'] as string | undefined);
  if (fromHeader) return fromHeader;
  const text = (await readBody(ctx.req)).toString('utf8');
  if (text.trim() === '') throw badRequest('Bad parameters and missing X-Registry-Auth: EOF');
  try {
    return authFromDocument(JSON.parse(text));
  } catch (e) {
    throw badRequest(`Bad parameters and missing X-Registry-Auth: ${goJsonError(text, e)}`);
  }
}

async function pushRoute(ctx: ApiContext): Promise<void> {
  const auth = await pushAuth(ctx);
  let reference: string;
  try {
    reference = referenceString(withTag(parseNormalizedNamed(ctx.params.name!), ctx.query.str('tag') ?? '', 500));
  } catch (e) {
    throw plainReferenceError(e);
  }
  const out = new ProgressStream(ctx.res!);
  await out.run(async () => {
    await pushImage(ctx.engine, { reference, registry: apiRegistryAccess(ctx, auth), onProgress: out.write });
  }, (e) => registryFailure(e));
}

async function searchRoute(ctx: ApiContext): Promise<void> {
  const rawLimit = ctx.query.str('limit');
  // docker parity: getImagesSearch uses strconv.Atoi and returns its error unclassified
  if (rawLimit && !/^[+-]?\d+$/.test(rawLimit)) throw new ApiError(500, `strconv.Atoi: parsing ${JSON.stringify(rawLimit)}: invalid syntax`);
  const limit = rawLimit ? Number(rawLimit) : undefined;
  if (limit !== undefined && (limit < 1 || limit > 100)) throw badRequest(`Limit ${limit} is outside the range of [1, 100]`);
  const filters = new Map(Object.entries(ctx.query.filters()));
  try {
    const report = await searchImages({
      term: ctx.query.str('term') ?? '', limit, filters,
      registry: apiRegistryAccess(ctx, authFromHeader(ctx.req.headers['x-registry-auth'] as string | undefined)),
    });
    // registry.SearchResult's field order
    sendJson(ctx.res!, 200, report.results.map((x) => ({
      star_count: x.star_count ?? 0, is_official: !!x.is_official, name: x.name, is_automated: !!x.is_automated, description: x.description ?? '',
    })));
  } catch (e) {
    // The term's own checks and the registry's answers are unclassified errors in dockerd.
    if (isEngineError(e) && e.code === 'search-scheme') throw new ApiError(500, e.message);
    throw registryFailure(e);
  }
}

async function authRoute(ctx: ApiContext): Promise<void> {
  const doc = await readJson<Record<string, unknown>>(ctx);
  if (doc === undefined) throw new ApiError(500, 'EOF');
  const server = typeof doc?.serveraddress === 'string' ? doc.serveraddress : undefined;
  try {
    const { identityToken } = await verifyLogin(apiRegistryAccess(ctx), server, authFromDocument(doc));
    sendJson(ctx.res!, 200, { IdentityToken: identityToken ?? '', Status: 'Login Succeeded' });
  } catch (e) {
    // docker parity: registry/auth.go translateV2AuthError: a refused token request is Unauthorized;
    // a /v2/ that still says 401 is a plain error ("login attempt to … failed with status: 401 Unauthorized").
    if (e instanceof TransportError && e.cause instanceof RegistryError && e.cause.has('UNAUTHORIZED')) throw new ApiError(401, e.message);
    throw registryFailure(e);
  }
}

async function distributionRoute(ctx: ApiContext): Promise<void> {
  try {
    const doc = await inspectDistribution({
      reference: ctx.params.name!,
      registry: apiRegistryAccess(ctx, authFromHeader(ctx.req.headers['x-registry-auth'] as string | undefined)),
    });
    sendJson(ctx.res!, 200, doc);
  } catch (e) {
    if (isEngineError(e) && e.code === 'distribution-image-id') throw new ApiError(500, e.message); // 20.10 answered 500
    throw registryFailure(e, { registryStatus: true });
  }
}
