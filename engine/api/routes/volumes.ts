// /volumes: list, create, inspect, remove, prune over domain/volumes, projected with the view
// `volume inspect` uses. docker parity: moby@20.10 api/server/router/volume/volume_routes.go; the
// prune change of API 1.42 from moby@25 (same file, postVolumesPrune, and volume/service/convert.go withPrune)
import { createVolume } from '../../domain/volumes/create.js';
import { inspectVolume, listVolumes, pruneVolumes } from '../../domain/volumes/list.js';
import { removeVolume } from '../../domain/volumes/remove.js';
import type { Engine } from '../../context.js';
import type { VolumeRecord } from '../../model/volume.js';
import { goQuote } from '../../format/template/go-quote.js';
import { parseGoBool } from '../../util/go-bool.js';
import { localVolumes } from '../../volumes/index.js';
import { volumeJson } from '../../views/volume.js';
import type { ApiContext } from '../request.js';
import { sendEmpty, sendJson } from '../response.js';
import type { Router } from '../router.js';
import { badRequest } from '../status.js';
import { versionAtLeast } from '../version.js';
import { decodeBody } from './json-body.js';
import { filtersOf } from './networks.js';

interface VolumeCreateBody { Name?: string; Driver?: string; DriverOpts?: Record<string, string> | null; Labels?: Record<string, string> | null }

const json = (engine: Engine, v: VolumeRecord) => volumeJson(v, localVolumes(engine).dataDir(v.Name));

export function volumeRoutes(r: Router): void {
  r.get('/volumes', list);
  r.post('/volumes/create', create);
  r.post('/volumes/prune', prune);
  r.get('/volumes/{name}', (ctx) => sendJson(ctx.res!, 200, json(ctx.engine, inspectVolume(ctx.engine, ctx.params.name!))));
  r.delete('/volumes/{name}', async (ctx) => {
    await removeVolume(ctx.engine, { name: ctx.params.name!, force: ctx.query.bool('force') });
    sendEmpty(ctx.res!, 204);
  });
}

function list(ctx: ApiContext): void {
  let filters;
  try { filters = filtersOf(ctx); } catch (e) {
    throw badRequest(`error reading volume filters: ${(e as Error).message}`);
  }
  const volumes = listVolumes(ctx.engine, filters).map((v) => json(ctx.engine, v));
  sendJson(ctx.res!, 200, { Volumes: volumes, Warnings: null });
}

async function create(ctx: ApiContext): Promise<void> {
  const body = await decodeBody<VolumeCreateBody>(ctx, 'volume.VolumeCreateBody', { Name: 'string', Driver: 'string', DriverOpts: 'map', Labels: 'map' });
  const v = createVolume(ctx.engine, { name: body.Name || undefined, driver: body.Driver || undefined, labels: body.Labels ?? undefined, options: body.DriverOpts ?? undefined });
  sendJson(ctx.res!, 201, json(ctx.engine, v));
}

/**
 * Up to API 1.41 prune takes every unused volume (and knows no `all` filter); from 1.42 only the
 * anonymous ones unless the filter all=true is given.
 */
async function prune(ctx: ApiContext): Promise<void> {
  const filters = filtersOf(ctx);
  let anonymousOnly = false;
  if (versionAtLeast(ctx.version, '1.42')) {
    const all = filters.get('all') ?? [];
    filters.delete('all');
    if (all.length > 1) throw badRequest(`invalid filter 'all=[${all.join(' ')}]': only one value is expected`);
    const wanted = all.length === 1 ? parseGoBool(all[0]!) : false;
    if (wanted === undefined) throw badRequest(`invalid filter 'all': strconv.ParseBool: parsing ${goQuote(all[0]!)}: invalid syntax`);
    anonymousOnly = !wanted;
  }
  const report = await pruneVolumes(ctx.engine, filters, { anonymousOnly });
  sendJson(ctx.res!, 200, report);
}
