// DELETE /networks/{id}, `network rm` and POST /networks/prune: user networks without active
// endpoints (running containers) can go; the predefined ones never.
// docker parity: moby 20.10 daemon/network.go deleteNetwork, daemon/prune.go NetworksPrune
import type { Engine } from '../../context.js';
import { conflict, EngineError } from '../../errors.js';
import { getNetwork, isPredefined, listNetworkRecords } from '../../network/records.js';
import { netStore } from '../../network/store.js';
import { matchLabels, validateFilters, type Filters } from '../images/filters.js';
import { untilMs } from '../containers/prune.js';
import { recordNetworkEvent, recordPrune } from '../events/emit.js';

export function removeNetwork(engine: Engine, ref: string): void {
  const n = getNetwork(engine, ref);
  if (isPredefined(n.Name)) throw new EngineError('permission-denied', 'predefined-network', `${n.Name} is a pre-defined network and cannot be removed`);
  netStore(engine).transaction(() => {
    if (netStore(engine).listEndpoints({ networkId: n.Id }).length > 0) {
      throw conflict('network-in-use', `error while removing network: network ${n.Name} id ${n.Id} has active endpoints`);
    }
    netStore(engine).deleteNetwork(n.Id);
    recordNetworkEvent(engine, n, 'destroy');
  });
}

const PRUNE_FILTERS = ['until', 'label', 'label!'] as const;

export function pruneNetworks(engine: Engine, f: Filters = new Map()): { NetworksDeleted: string[] } {
  validateFilters(f, PRUNE_FILTERS);
  const until = untilMs(f.get('until'), engine.clock().getTime());
  const deleted: string[] = [];
  for (const n of listNetworkRecords(engine)) {
    if (isPredefined(n.Name)) continue;
    if (until !== undefined && Date.parse(n.Created) > until) continue;
    if (!matchLabels(f.get('label'), n.Labels)) continue;
    if (f.has('label!') && matchLabels(f.get('label!'), n.Labels)) continue;
    try {
      removeNetwork(engine, n.Id);
      deleted.push(n.Name);
    } catch { /* in use: kept, as moby does */ }
  }
  recordPrune(engine, 'network', 0);
  return { NetworksDeleted: deleted };
}
