import type { EngineConfig } from './config/config.js';
import type { Engine, Logger } from './context.js';
import { SqliteStore } from './state/sqlite-store.js';
import { openContainerStorage } from './storage/index.js';
import { ensureDir } from './sys/fs.js';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export function makeLogger(level: EngineConfig['logLevel'], write: (s: string) => void = (s) => process.stderr.write(s)): Logger {
  const min = LEVELS.indexOf(level);
  const at = (l: (typeof LEVELS)[number]) => (msg: string) => { if (LEVELS.indexOf(l) >= min) write(`level=${l} msg=${JSON.stringify(msg)}\n`); };
  return { debug: at('debug'), info: at('info'), warn: at('warn') };
}

/** Opens storage and state for one command; the caller closes `state` when done. */
export async function openEngine(config: EngineConfig): Promise<Engine> {
  const p = config.paths;
  for (const dir of [p.dataRoot, p.runRoot, p.containers, p.bundles, p.exitDir, p.runcRoot, p.tmp]) ensureDir(dir, 0o700);
  const state = new SqliteStore(p.db);
  const log = makeLogger(config.logLevel);
  const storage = await openContainerStorage(config, state, log);
  return { config, state, storage, clock: () => new Date(), log };
}
