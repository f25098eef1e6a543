import { describe, expect, it } from 'vitest';
import type { DiskUsage } from '../domain/system/df.js';
import { renderList } from '../format/index.js';
import { DF_DEFAULT_TABLE, DF_HEADERS, diskUsageRows } from './disk-usage.js';

const usage = (over: Partial<DiskUsage> = {}): DiskUsage => ({ layersSize: 0, images: [], containers: [], volumes: [], buildCache: [], ...over });
const ctr = (status: string, sizeRw: number) => ({ rec: { State: { Status: status } }, sizeRw, sizeRootFs: 0 }) as unknown as DiskUsage['containers'][number];
const img = (size: number, containers: number, sharedSize = 0) => ({ image: { Size: size }, containers, sharedSize, repoTags: [], repoDigests: [] }) as unknown as DiskUsage['images'][number];

describe('system df rows', () => {
  it('prints the four kinds in docker order with the default table', () => {
    expect(renderList(DF_DEFAULT_TABLE, diskUsageRows(usage()), DF_HEADERS)).toBe(
      'TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE\nImages          0         0         0B        0B\nContainers      0         0         0B        0B\n'
      + 'Local Volumes   0         0         0B        0B\nBuild Cache     0         0         0B        0B\n');
  });

  it('counts images in use and what removing the unused ones would free', () => {
    const [images] = diskUsageRows(usage({ layersSize: 210_400_000, images: [img(1_985_000, 1, 1_985_000), img(200_000_000, 0), img(8_400_000, 0, 1_985_000)] }));
    expect(images).toMatchObject({ TotalCount: '3', Active: '1', Size: '210.4MB', Reclaimable: '210.4MB (100%)' });
  });

  it('counts running containers as active and the others as reclaimable', () => {
    const [, containers] = diskUsageRows(usage({ containers: [ctr('running', 100), ctr('exited', 300)] }));
    expect(containers).toMatchObject({ TotalCount: '2', Active: '1', Size: '400B', Reclaimable: '300B (75%)' });
    expect(renderList('{{json .}}', [containers], DF_HEADERS)).toBe('{"Active":"1","Reclaimable":"300B (75%)","Size":"400B","TotalCount":"2","Type":"Containers"}\n');
    expect(() => renderList('{{.Nope}}', [containers], DF_HEADERS)).toThrow('can\'t evaluate field Nope in type *formatter.diskUsageContainersContext');
  });
});
