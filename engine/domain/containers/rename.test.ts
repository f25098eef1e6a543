import { describe, expect, it } from 'vitest';
import type { Engine } from '../../context.js';
import { initialState, type ContainerRecord } from '../../model/container.js';
import { defaultHostConfig, emptyContainerConfig } from '../../model/defaults.js';
import { SqliteStore } from '../../state/sqlite-store.js';
import { renameContainer } from './rename.js';

const record = (id: string, name: string): ContainerRecord => ({
  Id: id, Name: name, Created: '2026-01-01T00:00:00Z', ImageRef: 'busybox', ImageId: 'sha256:x', Path: 'sh', Args: [],
  Config: emptyContainerConfig(), HostConfig: defaultHostConfig(), NetworkingConfig: { EndpointsConfig: {} },
  State: initialState(), Driver: 'overlay', LayerId: id,
});

describe('renameContainer', () => {
  it("refuses a taken name with moby's allocation prefix", async () => {
    const state = new SqliteStore(':memory:');
    state.insertContainer(record('a'.repeat(64), 'one'));
    state.insertContainer(record('b'.repeat(64), 'two'));
    const engine = { state } as unknown as Engine;
    await expect(renameContainer(engine, { ref: 'one', newName: 'two' })).rejects.toThrow(
      `Error when allocating new name: Conflict. The container name "/two" is already in use by container "${'b'.repeat(64)}". You have to remove (or rename) that container to be able to reuse that name.`);
    await renameContainer(engine, { ref: 'one', newName: 'three' });
    expect(state.lookupContainer('three')?.Id).toBe('a'.repeat(64));
  });
});
