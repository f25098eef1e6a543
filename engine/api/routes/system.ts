// /_ping, /version, /info, /system/df. docker parity: moby@20.10 api/server/router/system/system_routes.go;
// the `type` parameter and field changes of /system/df from API 1.42/1.44 as moby@25 has them.
import { summarizer } from '../../domain/containers/summaries.js';
import type { Engine } from '../../context.js';
import { diskUsage, type DiskUsage } from '../../domain/system/df.js';
import { imageSummary } from '../../views/image-summary.js';
import { volumeJson } from '../../views/volume.js';
import { localVolumes } from '../../volumes/index.js';
import type { ApiContext } from '../request.js';
import type { Router } from '../router.js';
import { sendJson } from '../response.js';
import { badRequest } from '../status.js';
import { serverVersion } from '../../domain/system/version.js';
import { systemInfo } from '../../domain/system/info.js';
import { API_MAX_VERSION, API_MIN_VERSION, versionAtLeast } from '../version.js';

const PING_HEADERS = {
  'Cache-Control': 'no-cache, no-store, must-revalidate',
  Pragma: 'no-cache',
  'Content-Type': 'text/plain; charset=utf-8',
  // Since API 1.42 daemons always say which builder they run; skiff has the classic one only.
  'Builder-Version': '1',
};

export function systemRoutes(r: Router): void {
  r.get('/_ping', (ctx) => {
    ctx.res!.writeHead(200, { ...PING_HEADERS, 'Content-Length': 2 });
    ctx.res!.end('OK');
  });
  r.head('/_ping', (ctx) => {
    ctx.res!.writeHead(200, { ...PING_HEADERS, 'Content-Length': 0 });
    ctx.res!.end();
  });
  r.get('/version', async (ctx) => {
    // The service reports the API it speaks; the CLI's own `version` reports the one it emulates.
    sendJson(ctx.res!, 200, await serverVersion(ctx.engine.config, { current: API_MAX_VERSION, min: API_MIN_VERSION }));
  });
  r.get('/info', async (ctx) => {
    sendJson(ctx.res!, 200, await systemInfo(ctx.engine));
  });
  r.get('/system/df', systemDf);
}

const DF_TYPES = ['container', 'image', 'volume', 'build-cache'] as const;
type DfType = typeof DF_TYPES[number];

/** Which kinds the client asked for: every one before API 1.42 or without `type`. */
function dfTypes(ctx: ApiContext): Set<DfType> {
  const asked = ctx.query.all('type');
  if (!versionAtLeast(ctx.version, '1.42') || asked.length === 0) return new Set(DF_TYPES);
  for (const t of asked) if (!(DF_TYPES as readonly string[]).includes(t)) throw badRequest(`unknown object type: ${t}`);
  return new Set(asked as DfType[]);
}

async function systemDf(ctx: ApiContext): Promise<void> {
  const want = dfTypes(ctx);
  const du = await diskUsage(ctx.engine);
  const modern = versionAtLeast(ctx.version, '1.42');
  sendJson(ctx.res!, 200, {
    LayersSize: du.layersSize,
    Images: want.has('image') ? dfImages(du, ctx.version) : null,
    Containers: want.has('container') ? dfContainers(ctx.engine, du) : null,
    Volumes: want.has('volume') ? dfVolumes(ctx.engine, du) : null,
    // skiff has no build cache records: dockerd sends null without BuildKit, [] from 1.42 when asked.
    BuildCache: modern && want.has('build-cache') ? [] : null,
    // Deprecated since API 1.38; omitted when zero by newer daemons.
    ...(modern ? {} : { BuilderSize: 0 }),
  });
}

function dfImages(du: DiskUsage, version: string) {
  return du.images.map((i) => {
    const s: Partial<ReturnType<typeof imageSummary>> = imageSummary(i.image, i.repoTags, i.repoDigests, { containers: i.containers, sharedSize: i.sharedSize });
    // VirtualSize left the API in 1.44.
    if (versionAtLeast(version, '1.44')) delete s.VirtualSize;
    return s;
  });
}

function dfContainers(engine: Engine, du: DiskUsage) {
  const summarize = summarizer(engine);
  return du.containers.map((c) => summarize(c.rec, { rw: c.sizeRw, rootFs: c.sizeRootFs }));
}

function dfVolumes(engine: Engine, du: DiskUsage) {
  const driver = localVolumes(engine);
  return du.volumes.flatMap((u) => {
    const v = engine.state.getVolume(u.Name);
    return v ? [{ ...volumeJson(v, driver.dataDir(v.Name)), UsageData: { RefCount: u.UsageData.RefCount, Size: u.UsageData.Size } }] : [];
  });
}
