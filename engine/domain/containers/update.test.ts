import { describe, expect, it } from 'vitest';
import { defaultHostConfig } from '../../model/defaults.js';
import { mergeUpdate, runcResources } from './update.js';

describe('update (moby UpdateContainer)', () => {
  it('replaces only the given resources and the restart policy', () => {
    const hc = { ...defaultHostConfig(), Memory: 20 << 20, MemorySwap: 40 << 20 };
    mergeUpdate(hc, { Memory: 30 << 20, PidsLimit: 50, CpuShares: 0, RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } });
    expect([hc.Memory, hc.MemorySwap, hc.PidsLimit, hc.CpuShares, hc.RestartPolicy.Name]).toEqual([30 << 20, 40 << 20, 50, 0, 'always']);
    mergeUpdate(hc, { RestartPolicy: { Name: '', MaximumRetryCount: 0 } });
    expect(hc.RestartPolicy.Name).toBe('always');
  });

  it('refuses conflicting updates with moby texts', () => {
    const hc = defaultHostConfig();
    expect(() => mergeUpdate(hc, { Memory: 20 << 20 })).toThrow('Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time');
    mergeUpdate(hc, { NanoCpus: 5e8 });
    expect(() => mergeUpdate(hc, { CpuPeriod: 50000 })).toThrow('Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set');
    expect(() => mergeUpdate({ ...hc, AutoRemove: true }, { RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } }))
      .toThrow('Restart policy cannot be updated because AutoRemove is enabled for the container');
  });

  it('sends runc only what the request changes (toContainerdResources)', () => {
    expect(runcResources({ Memory: 20 << 20, MemorySwap: 40 << 20 })).toEqual({ memory: { limit: 20 << 20, swap: 40 << 20 } });
    expect(runcResources({ NanoCpus: 5e8, CpuShares: 512 })).toEqual({ cpu: { shares: 512, period: 100000, quota: 50000 } });
    expect(runcResources({ PidsLimit: 0 })).toEqual({ pids: { limit: -1 } });
    expect(runcResources({ PidsLimit: null })).toEqual({});
    expect(runcResources({ BlkioWeight: 300, CpusetCpus: '0' })).toEqual({ blockIO: { weight: 300 }, cpu: { cpus: '0' } });
  });
});
