// HEAD/GET/PUT /containers/{id}/archive: the daemon half of `docker cp`. The domain resolves every
// path inside the container's root, so `..` and symlinks never reach the host.
// docker parity: moby@20.10 api/server/router/container/copy.go
import { encodePathStat, getArchive, putArchive, statPath } from '../../domain/containers/archive.js';
import type { ApiContext } from '../request.js';
import { sendEmpty } from '../response.js';
import type { Router } from '../router.js';
import { badRequest } from '../status.js';
import { sendStream } from './containers.js';

const STAT_HEADER = 'X-Docker-Container-Path-Stat';

export function archiveRoutes(r: Router): void {
  r.head('/containers/{id}/archive', async (ctx) => {
    const stat = await statPath(ctx.engine, { ref: ctx.params.id!, path: archivePath(ctx) });
    ctx.res!.writeHead(200, { [STAT_HEADER]: encodePathStat(stat) });
    ctx.res!.end();
  });
  r.get('/containers/{id}/archive', async (ctx) => {
    const { stat, tar } = await getArchive(ctx.engine, { ref: ctx.params.id!, path: archivePath(ctx) });
    await sendStream(ctx, tar, { [STAT_HEADER]: encodePathStat(stat), 'Content-Type': 'application/x-tar' });
  });
  r.put('/containers/{id}/archive', async (ctx) => {
    const path = archivePath(ctx);
    try {
      // The CLI sends the tar chunked as text/plain: the Content-Type is not checked.
      await putArchive(ctx.engine, {
        ref: ctx.params.id!, path, tar: ctx.req,
        noOverwriteDirNonDir: ctx.query.bool('noOverwriteDirNonDir'), copyUIDGID: ctx.query.bool('copyUIDGID'),
      });
    } catch (e) {
      // An error before the body was read: let the rest of it drain so the reply can go out.
      ctx.req.resume();
      throw e;
    }
    sendEmpty(ctx.res!, 200);
  });
}

// docker parity: moby@20.10 api/server/httputils/form.go ArchiveFormValues (badParameterError, sic)
function archivePath(ctx: ApiContext): string {
  const path = ctx.query.str('path') ?? '';
  if (path === '') throw badRequest('bad parameter: pathcannot be empty');
  return path;
}
