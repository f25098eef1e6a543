// The image routes that stay on this machine: list, inspect, history, tag, remove, prune, save, load,
// commit, and build (not implemented yet). Registry routes are in images-registry.ts.
// docker parity: moby@20.10 api/server/router/image/image_routes.go
import { pipeline } from 'node:stream/promises';
import type { Router } from '../router.js';
import type { ApiContext } from '../request.js';
import { readJson } from '../request.js';
import { sendEmpty, sendJson } from '../response.js';
import { badRequest } from '../status.js';
import { versionAtLeast } from '../version.js';
import { notImplemented } from '../../errors.js';
import { parseNormalizedNamed, referenceString } from '../../images/reference.js';
import { commitContainer } from '../../domain/images/commit.js';
import { addFilter, type Filters } from '../../domain/images/filters.js';
import { imageHistory } from '../../domain/images/history.js';
import { inspectImages } from '../../domain/images/inspect.js';
import { listImages } from '../../domain/images/list.js';
import { loadImages } from '../../domain/images/load.js';
import { pruneImages } from '../../domain/images/prune.js';
import { removeImage } from '../../domain/images/remove.js';
import { resolveImage } from '../../domain/images/resolve.js';
import { saveImages } from '../../domain/images/save.js';
import { tagImage } from '../../domain/images/tag.js';
import { getContainer } from '../../domain/containers/lookup.js';
import type { ImageRuntimeConfig } from '../../model/docker-types.js';
import { imageSummary } from '../../views/image-summary.js';
import { imageRegistryRoutes } from './images-registry.js';
import { plainReferenceError, ProgressStream, withTag, wrapped } from './images-support.js';

export function imageRoutes(r: Router): void {
  // Fixed paths first: the greedy {name*} patterns below would not shadow them, but keep it obvious.
  r.get('/images/json', listRoute);
  r.get('/images/get', (ctx) => saveRoute(ctx, ctx.query.all('names')));
  r.post('/images/load', loadRoute);
  r.post('/images/prune', async (ctx) => sendJson(ctx.res!, 200, await pruneImages(ctx.engine, { filters: filtersOf(ctx) })));
  r.post('/commit', commitRoute);
  r.post('/build', buildRoute);
  // No builder, so no build cache to prune and no build to cancel.
  r.post('/build/prune', buildRoute);
  r.post('/build/cancel', buildRoute);
  imageRegistryRoutes(r);
  r.get('/images/{name*}/json', inspectRoute);
  r.get('/images/{name*}/history', (ctx) => sendJson(ctx.res!, 200, imageHistory(ctx.engine, ctx.params.name!)));
  r.get('/images/{name*}/get', (ctx) => saveRoute(ctx, [ctx.params.name!]));
  r.post('/images/{name*}/tag', tagRoute);
  r.delete('/images/{name*}', deleteRoute);
}

const filtersOf = (ctx: ApiContext): Filters => new Map(Object.entries(ctx.query.filters()));

/** API 1.44 dropped VirtualSize from image lists and inspect (moby docs/api/version-history.md). */
function withoutVirtualSize(ctx: ApiContext, doc: object): object {
  if (!versionAtLeast(ctx.version, '1.44')) return doc;
  // A typed view's JSON is its toJSON(), so work on the plain document.
  const { VirtualSize: _v, ...rest } = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  return rest;
}

function listRoute(ctx: ApiContext): void {
  const filters = filtersOf(ctx);
  // Before 1.41 the `filter` parameter was a reference filter.
  const legacy = ctx.query.str('filter');
  if (legacy && !versionAtLeast(ctx.version, '1.41')) addFilter(filters, 'reference', legacy);
  const listed = listImages(ctx.engine, { all: ctx.query.bool('all'), filters });
  sendJson(ctx.res!, 200, listed.map((l) => withoutVirtualSize(ctx, imageSummary(l.image, l.repoTags, l.repoDigests))));
}

function inspectRoute(ctx: ApiContext): void {
  const name = ctx.params.name!;
  const [report] = inspectImages(ctx.engine, [name]);
  // docker parity: daemon/images/image_inspect.go LookupImage wraps every failure
  if (report!.error) throw wrapped(report!.error, `no such image: ${name}`);
  sendJson(ctx.res!, 200, withoutVirtualSize(ctx, report!.inspect!));
}

function tagRoute(ctx: ApiContext): void {
  resolveImage(ctx.engine, ctx.params.name!); // the image is looked up before the new name is read
  let target: string;
  try {
    target = referenceString(withTag(parseNormalizedNamed(ctx.query.str('repo') ?? ''), ctx.query.str('tag') ?? '', 500));
  } catch (e) {
    throw plainReferenceError(e);
  }
  tagImage(ctx.engine, { source: ctx.params.name!, target });
  sendEmpty(ctx.res!, 201);
}

async function deleteRoute(ctx: ApiContext): Promise<void> {
  const name = ctx.params.name!;
  if (name.trim() === '') throw badRequest('image name cannot be blank');
  const items = await removeImage(ctx.engine, { ref: name, force: ctx.query.bool('force'), noPrune: ctx.query.bool('noprune') });
  sendJson(ctx.res!, 200, items);
}

async function saveRoute(ctx: ApiContext, names: string[]): Promise<void> {
  let tar;
  try {
    tar = saveImages(ctx.engine, { names });
  } catch (e) {
    throw plainReferenceError(e);
  }
  const res = ctx.res!;
  res.writeHead(200, { 'Content-Type': 'application/x-tar' });
  // After the 200 a failure can only cut the archive short; the client sees a truncated tar.
  await pipeline(tar, res).catch(() => res.destroy());
}

async function loadRoute(ctx: ApiContext): Promise<void> {
  // docker parity: postImagesLoad reads quiet with BoolValueOrDefault(r, "quiet", true); all errors in-band
  const quiet = ctx.query.boolOr('quiet', true);
  const out = new ProgressStream(ctx.res!);
  try {
    const report = await loadImages(ctx.engine, {
      input: ctx.req,
      onLayer: quiet ? undefined : (id, size) => out.write({ status: 'Loading layer', progressDetail: { current: size, total: size }, id }),
    });
    for (const line of report.lines) out.write({ stream: `${line}\n` });
    out.end();
  } catch (e) {
    ctx.req.resume();
    out.fail(e);
  }
}

/** The Config part of a commit body (a ContainerConfigWrapper: HostConfig and NetworkingConfig are ignored). */
function commitConfig(body: unknown): ImageRuntimeConfig | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { HostConfig: _h, NetworkingConfig: _n, ...config } = body as Record<string, unknown>;
  return Object.keys(config).length ? (config as ImageRuntimeConfig) : undefined;
}

async function commitRoute(ctx: ApiContext): Promise<void> {
  const body = await readJson<unknown>(ctx, { strict: true });
  const name = ctx.query.str('container') ?? '';
  // docker parity: daemon/container.go GetContainer
  if (name === '') throw badRequest('invalid name or ID supplied: ""');
  const container = getContainer(ctx.engine, name);
  const repo = ctx.query.str('repo') ?? '';
  let reference: string | undefined;
  if (repo) {
    try {
      reference = referenceString(withTag(parseNormalizedNamed(repo), ctx.query.str('tag') ?? '', 500));
    } catch (e) {
      throw plainReferenceError(e);
    }
  }
  const report = await commitContainer(ctx.engine, {
    container, reference, config: commitConfig(body), changes: ctx.query.all('changes'),
    message: ctx.query.str('comment') || undefined, author: ctx.query.str('author') || undefined,
    // docker parity: postCommit pauses unless pause is given and false (from API 1.13)
    pause: ctx.query.boolOr('pause', true),
  });
  sendJson(ctx.res!, 201, { Id: report.id });
}

function buildRoute(ctx: ApiContext): void {
  ctx.req.resume(); // the build context is not needed; let it drain so the client sees the reply
  throw notImplemented('build-not-implemented', 'skiff: image build is not implemented yet');
}
