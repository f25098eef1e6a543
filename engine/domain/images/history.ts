// `docker history` / GET /images/{name}/history: one item per config history entry (newest first),
// sized by the layer it created; ids filled in along the image's parent chain (moby 20.10).
import type { Engine } from '../../context.js';
import { EngineError } from '../../errors.js';
import { familiarize } from '../../images/reference.js';
import type { HistoryResponseItem } from '../../views/image-history.js';
import { chainIdOf } from '../../storage/layer-store.js';
import { resolveImage } from './resolve.js';
import { unixSeconds } from '../../views/image-summary.js';
import { imageStorage, sortedTags } from './store.js';

export function imageHistory(engine: Engine, ref: string): HistoryResponseItem[] {
  const img = resolveImage(engine, ref);
  const layers = imageStorage(engine).layers;
  const diffIds = img.Config.rootfs?.diff_ids ?? [];
  const items: HistoryResponseItem[] = [];
  let n = 0;
  let chain = '';
  for (const h of img.Config.history ?? []) {
    let size = 0;
    if (!h.empty_layer) {
      if (n >= diffIds.length) throw new EngineError('internal', 'bad-history', 'too many non-empty layers in History section');
      chain = chainIdOf(chain, diffIds[n++]!);
      size = layers.get(chain)?.Size ?? 0;
    }
    items.unshift({ Comment: h.comment ?? '', Created: unixSeconds(h.created), CreatedBy: h.created_by ?? '', Id: '<missing>', Size: size, Tags: null });
  }
  let cur: typeof img | undefined = img;
  for (const item of items) {
    if (!cur) break;
    item.Id = cur.Id;
    const tags = sortedTags(cur).map(familiarize);
    item.Tags = tags.length ? tags : null;
    cur = cur.Parent ? engine.state.getImage(cur.Parent) : undefined;
  }
  return items;
}
