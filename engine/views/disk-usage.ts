// The rows of `docker system df`: one per kind of object, computed from GET /system/df as docker/cli's
// disk-usage contexts compute them; each row is a Go struct whose `json` is its fields as a sorted map.
// docker parity: cli@28.2 cli/command/formatter/disk_usage.go
import type { DiskUsage } from '../domain/system/df.js';
import { GO_MARSHAL_JSON, goStruct, humanSize, marshalJSON } from '../format/index.js';

export const DF_HEADERS = { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' };
export const DF_DEFAULT_TABLE = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';

export interface DiskUsageRow { Type: string; TotalCount: string; Active: string; Size: string; Reclaimable: string }

const withPercent = (reclaimable: number, total: number) =>
  (total > 0 ? `${humanSize(reclaimable)} (${Math.trunc((reclaimable * 100) / total)}%)` : humanSize(reclaimable));

function row(fields: DiskUsageRow, typeName: string): DiskUsageRow {
  const r = { ...fields };
  Object.defineProperty(r, GO_MARSHAL_JSON, { value: () => marshalJSON(new Map(Object.entries(fields)), { escapeHTML: true }) });
  return goStruct(r, typeName);
}

const isActive = (state: string) => state === 'running' || state === 'paused' || state === 'restarting';

export function diskUsageRows(du: DiskUsage): DiskUsageRow[] {
  const usedByContainers = du.images.filter((i) => i.containers > 0);
  const imagesUsed = usedByContainers.reduce((n, i) => n + i.image.Size - i.sharedSize, 0);
  const ctrTotal = du.containers.reduce((n, c) => n + c.sizeRw, 0);
  const ctrReclaimable = du.containers.filter((c) => !isActive(c.rec.State.Status)).reduce((n, c) => n + c.sizeRw, 0);
  const volSizes = du.volumes.filter((v) => v.UsageData.Size !== -1);
  const volTotal = volSizes.reduce((n, v) => n + v.UsageData.Size, 0);
  const volReclaimable = volSizes.filter((v) => v.UsageData.RefCount === 0).reduce((n, v) => n + v.UsageData.Size, 0);
  const cacheSize = du.buildCache.filter((b) => !b.Shared).reduce((n, b) => n + b.Size, 0);
  const cacheInUse = du.buildCache.filter((b) => b.InUse && !b.Shared).reduce((n, b) => n + b.Size, 0);
  return [
    row({ Type: 'Images', TotalCount: String(du.images.length), Active: String(usedByContainers.length), Size: humanSize(du.layersSize),
      Reclaimable: withPercent(du.layersSize - imagesUsed, du.layersSize) }, '*formatter.diskUsageImagesContext'),
    row({ Type: 'Containers', TotalCount: String(du.containers.length), Active: String(du.containers.filter((c) => isActive(c.rec.State.Status)).length),
      Size: humanSize(ctrTotal), Reclaimable: withPercent(ctrReclaimable, ctrTotal) }, '*formatter.diskUsageContainersContext'),
    row({ Type: 'Local Volumes', TotalCount: String(du.volumes.length), Active: String(du.volumes.filter((v) => v.UsageData.RefCount > 0).length),
      Size: humanSize(volTotal), Reclaimable: withPercent(volReclaimable, volTotal) }, '*formatter.diskUsageVolumesContext'),
    row({ Type: 'Build Cache', TotalCount: String(du.buildCache.length), Active: String(du.buildCache.filter((b) => b.InUse).length),
      Size: humanSize(cacheSize), Reclaimable: humanSize(cacheSize - cacheInUse) }, '*formatter.diskUsageBuilderContext'),
  ];
}
