// The engine's handle on the host-wide network state (state/network-store.ts), opened on first use
// and closed when the process exits.
import type { Engine } from '../context.js';
import { NetworkStore } from '../state/network-store.js';

const open = new Map<string, NetworkStore>();

export function netStore(engine: Engine): NetworkStore {
  const file = engine.config.paths.networkDb;
  let store = open.get(file);
  if (!store) {
    store = new NetworkStore(file);
    open.set(file, store);
    if (open.size === 1) process.once('exit', () => { for (const s of open.values()) s.close(); });
  }
  return store;
}
