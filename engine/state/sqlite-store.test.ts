import { describe, expect, it } from 'vitest';
import { initialState, type ContainerRecord } from '../model/container.js';
import { defaultHostConfig, emptyContainerConfig } from '../model/defaults.js';
import { SqliteStore } from './sqlite-store.js';

const record = (id: string, name: string, created: string): ContainerRecord => ({
  Id: id, Name: name, Created: created, ImageRef: 'busybox', ImageId: 'sha256:x', Path: 'sh', Args: [],
  Config: emptyContainerConfig(), HostConfig: defaultHostConfig(), NetworkingConfig: { EndpointsConfig: {} },
  State: initialState(), Driver: 'overlay', LayerId: id,
});

describe('SqliteStore', () => {
  it('looks containers up by full id, exact name, then unique prefix', () => {
    const s = new SqliteStore(':memory:');
    s.insertContainer(record('abc123', 'web', '2026-01-01T00:00:00Z'));
    s.insertContainer(record('abd456', 'abc', '2026-01-02T00:00:00Z'));
    expect(s.lookupContainer('abc123')?.Name).toBe('web');
    expect(s.lookupContainer('abc')?.Id).toBe('abd456'); // a name beats an id prefix
    expect(s.lookupContainer('/web')?.Id).toBe('abc123');
    expect(s.lookupContainer('abd')?.Id).toBe('abd456');
    expect(() => s.lookupContainer('ab')).toThrow('multiple IDs found with provided prefix: ab');
    expect(s.lookupContainer('zzz')).toBeUndefined();
    expect(s.listContainers().map((c) => c.Id)).toEqual(['abd456', 'abc123']);
  });

  it("refuses a second container with the same name in Docker's words", () => {
    const s = new SqliteStore(':memory:');
    s.insertContainer(record('a'.repeat(64), 'dup', '2026-01-01T00:00:00Z'));
    expect(() => s.insertContainer(record('b'.repeat(64), 'dup', '2026-01-01T00:00:01Z'))).toThrow(
      `Conflict. The container name "/dup" is already in use by container "${'a'.repeat(64)}". You have to remove (or rename) that container to be able to reuse that name.`);
  });

  it('moves a tag from one image to another and reports the previous owner', () => {
    const s = new SqliteStore(':memory:');
    const img = (id: string) => ({ Id: id, Config: { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers' as const, diff_ids: [] } }, Layers: [], Size: 0, Parent: '', LoadedAt: '' });
    s.putImage(img('sha256:1'));
    s.putImage(img('sha256:2'));
    expect(s.setTag('docker.io/library/busybox:latest', 'sha256:1')).toBeUndefined();
    expect(s.setTag('docker.io/library/busybox:latest', 'sha256:2')).toBe('sha256:1');
    expect(s.getImage('sha256:1')?.RepoTags).toEqual([]);
    expect(s.getImage('sha256:2')?.RepoTags).toEqual(['docker.io/library/busybox:latest']);
  });
});
