import type { Engine } from '../../context.js';
import { logPath } from '../../runtime/index.js';
import { etcFilePaths } from '../../runtime/prepare-bundle.js';
import { containerInspect, containerInspectJson, type InspectContext } from '../../views/container-inspect.js';
import { pendingExecIds } from './exec.js';
import { getContainer } from './lookup.js';
import { syncContainer } from './sync.js';
import type { ContainerRecord } from '../../model/container.js';
import { networkRuntime } from '../../network/runtime.js';

/** GET /containers/{id}/json and `inspect`: the same Docker-shaped object for both. */
export async function inspectContainer(engine: Engine, opts: { ref: string; size?: boolean }): Promise<Record<string, unknown>> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  return containerInspect(rec, await inspectContext(engine, rec, opts.size));
}

/** The same document as plain JSON, for the API: no Go typing for templates, which costs 10x. */
export async function inspectContainerJson(engine: Engine, opts: { ref: string; size?: boolean }): Promise<Record<string, unknown>> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  return containerInspectJson(rec, await inspectContext(engine, rec, opts.size));
}

async function inspectContext(engine: Engine, rec: ContainerRecord, size: boolean | undefined): Promise<InspectContext> {
  const etc = etcFilePaths(engine, rec.Id);
  const d = engine.storage.describe(rec.Id);
  const execIds = pendingExecIds(engine, rec.Id);
  return {
    hostsPath: etc.hosts, hostnamePath: etc.hostname, resolvConfPath: etc.resolvConf, logPath: logPath(engine, rec.Id),
    graphDriver: {
      Name: engine.storage.driver,
      Data: engine.storage.driver === 'overlay'
        ? { LowerDir: d.lowerDirs.join(':'), MergedDir: d.mergedDir, UpperDir: d.upperDir, WorkDir: d.workDir }
        : null,
    },
    execIds,
    network: networkRuntime(engine, rec),
    ...(size ? await containerSizes(engine, rec) : {}),
  };
}

/** moby's GetContainerLayerSize: the writable layer, and it plus the image's layers. */
export async function containerSizes(engine: Engine, rec: ContainerRecord): Promise<{ sizeRw: number; sizeRootFs: number }> {
  const sizeRw = await engine.storage.sizeRw(rec.Id).catch(() => 0);
  const image = engine.state.getImage(rec.ImageId);
  return { sizeRw, sizeRootFs: (image?.Size ?? 0) + sizeRw };
}
