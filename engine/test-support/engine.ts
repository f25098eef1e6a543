// An Engine for unit tests: in-memory state, paths under a fresh temp dir, a fixed clock, no logging
// and a storage stub whose rootfs is a plain directory.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import type { Engine } from '../context.js';
import { initialState, type ContainerRecord } from '../model/container.js';
import { defaultHostConfig, emptyContainerConfig } from '../model/defaults.js';
import { SqliteStore } from '../state/sqlite-store.js';
import type { ContainerStorage } from '../storage/types.js';

export interface TestEngine extends Engine { base: string; rootfsOf(id: string): string }

export function testEngine(opts: { rootless?: boolean; now?: string } = {}): TestEngine {
  const base = mkdtempSync(join(tmpdir(), 'skiff-unit-'));
  const env = { HOME: base, SKIFF_NETWORK_DB: join(base, 'network.db'), SKIFF_NETAVARK_CONFIG: join(base, 'networks') };
  const config = loadConfig(env, { root: join(base, 'root'), runroot: join(base, 'run') }, '/skiff.js');
  config.identity = { ...config.identity, rootless: opts.rootless === true };
  const rootfsOf = (id: string) => join(base, 'rootfs', id);
  const storage = {
    driver: 'vfs',
    mount: async (id: string) => { mkdirSync(rootfsOf(id), { recursive: true }); return rootfsOf(id); },
    unmount: async () => undefined,
    createContainerLayer: async () => undefined,
    removeContainerLayer: async () => undefined,
  } as unknown as ContainerStorage;
  const now = new Date(opts.now ?? '2026-11-28T12:00:00.123456789Z');
  return { config, state: new SqliteStore(':memory:'), storage, clock: () => now, log: { debug() {}, info() {}, warn() {} }, base, rootfsOf };
}

/** A minimal stored container record (`docker create busybox true` with overrides). */
export function testContainer(id: string, name: string, extra: Partial<ContainerRecord> = {}): ContainerRecord {
  return {
    Id: id, Name: name, Created: '2026-11-28T12:00:00Z', ImageRef: 'busybox', ImageId: 'sha256:x', Path: 'true', Args: [],
    Config: emptyContainerConfig(), HostConfig: defaultHostConfig(), NetworkingConfig: { EndpointsConfig: {} },
    State: initialState(), Driver: 'vfs', LayerId: id, ...extra,
  };
}
