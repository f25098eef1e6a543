import type { EngineConfig } from './config/config.js';
import type { StateStore } from './state/store.js';
import type { ContainerStorage } from './storage/types.js';

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
}

/** Everything a domain function needs, built once by main.ts (or by a test) and passed down. */
export interface Engine {
  config: EngineConfig;
  state: StateStore;
  storage: ContainerStorage;
  clock: () => Date;
  log: Logger;
}
