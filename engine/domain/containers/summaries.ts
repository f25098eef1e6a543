// The Docker-shaped list item of a container (GET /containers/json, `ps`, /system/df), built the same
// way for every caller: one image lookup per name and one read of the network state per listing.
import type { Engine } from '../../context.js';
import type { ContainerRecord } from '../../model/container.js';
import { networkRuntimes } from '../../network/runtime.js';
import { containerSummary, type ContainerSummary } from '../../views/container-summary.js';
import { ancestorMatcher, imageDisplay } from './image-display.js';
import { containerSizes } from './inspect.js';
import { listContainers, type ListOptions } from './list.js';

export type Sizes = { rw: number; rootFs: number };

/** A summarizer for one listing: caches what every container of the list shares. */
export function summarizer(engine: Engine, now = Date.now()): (rec: ContainerRecord, sizes?: Sizes) => ContainerSummary {
  const images = new Map<string, string | undefined>();
  const runtimeOf = networkRuntimes(engine);
  return (rec, sizes) => containerSummary(rec, imageDisplay(engine, rec, images), now, sizes, runtimeOf(rec));
}

/** `ps` and GET /containers/json: the filtered list, with sizes when asked. */
export async function listContainerSummaries(engine: Engine, opts: ListOptions): Promise<ContainerSummary[]> {
  const recs = listContainers(engine, opts, ancestorMatcher(engine));
  const summarize = summarizer(engine);
  const out: ContainerSummary[] = [];
  for (const rec of recs) {
    const sizes = opts.size ? await containerSizes(engine, rec).then((s) => ({ rw: s.sizeRw, rootFs: s.sizeRootFs })) : undefined;
    out.push(summarize(rec, sizes));
  }
  return out;
}
