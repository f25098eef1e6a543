import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import type { Engine } from '../../context.js';
import { initialState, type ContainerRecord } from '../../model/container.js';
import { defaultHostConfig, emptyContainerConfig } from '../../model/defaults.js';
import { SqliteStore } from '../../state/sqlite-store.js';
import { systemInfo } from './info.js';

const record = (id: string, status: ContainerRecord['State']['Status']): ContainerRecord => ({
  Id: id, Name: `c${id}`, Created: '2026-01-01T00:00:00Z', ImageRef: 'busybox', ImageId: 'sha256:x', Path: 'sh', Args: [],
  Config: emptyContainerConfig(), HostConfig: defaultHostConfig(), NetworkingConfig: { EndpointsConfig: {} },
  State: { ...initialState(), Status: status }, Driver: 'overlay', LayerId: id,
});

describe('systemInfo', () => {
  it("reports the store's containers and images and the engine's real setup", async () => {
    const state = new SqliteStore(':memory:');
    state.insertContainer(record('a', 'created'));
    state.insertContainer(record('b', 'exited'));
    const root = mkdtempSync(join(tmpdir(), 'skiff-info-'));
    const config = loadConfig({ HOME: '/root' }, { root, runroot: join(root, 'run') });
    const engine = { config, state, storage: { driver: 'overlay' }, clock: () => new Date(), log: console } as unknown as Engine;
    const info = await systemInfo(engine);
    expect(info).toMatchObject({ Containers: 2, ContainersRunning: 0, ContainersPaused: 0, ContainersStopped: 2, Images: 0, Driver: 'overlay2',
      OSType: 'linux', DockerRootDir: root, DefaultRuntime: 'runc', IndexServerAddress: 'https://index.docker.io/v1/' });
    expect(Object.keys(info.Runtimes as object)).toEqual(['runc']);
    expect((info.DriverStatus as string[][])[0]![0]).toBe('Backing Filesystem');
    expect(info.CgroupVersion).toMatch(/^[12]$/);
    expect(info.ID).toBe((await systemInfo(engine)).ID);
  });
});
