import { describe, expect, it } from 'vitest';
import { renderList } from '../../format/index.js';
import { STATS_HEADERS, STATS_TABLE, statsContext, statsEntry, type StatsJSON } from '../../views/container-stats.js';
import { networkStats, sampleCgroup, systemCpuUsage } from './cgroup-stats.js';

const ID = 'a'.repeat(64);
const files: Record<string, string> = {
  [`/sys/fs/cgroup/pids/skiff/${ID}/pids.current`]: '1\n',
  [`/sys/fs/cgroup/pids/skiff/${ID}/pids.max`]: 'max\n',
  [`/sys/fs/cgroup/cpuacct/skiff/${ID}/cpuacct.usage`]: '21750382\n',
  [`/sys/fs/cgroup/cpuacct/skiff/${ID}/cpuacct.usage_percpu`]: '1717482 20032900 \n',
  [`/sys/fs/cgroup/cpuacct/skiff/${ID}/cpuacct.stat`]: 'user 2\nsystem 0\n',
  [`/sys/fs/cgroup/cpu/skiff/${ID}/cpu.stat`]: 'nr_periods 3\nnr_throttled 0\nthrottled_time 0\n',
  [`/sys/fs/cgroup/memory/skiff/${ID}/memory.usage_in_bytes`]: '335872\n',
  [`/sys/fs/cgroup/memory/skiff/${ID}/memory.max_usage_in_bytes`]: '4349952\n',
  [`/sys/fs/cgroup/memory/skiff/${ID}/memory.limit_in_bytes`]: '9223372036854771712\n',
  [`/sys/fs/cgroup/memory/skiff/${ID}/memory.failcnt`]: '0\n',
  [`/sys/fs/cgroup/memory/skiff/${ID}/memory.stat`]: 'cache 0\nrss 57344\ntotal_inactive_file 4096\ntotal_rss 57344\n',
  [`/sys/fs/cgroup/blkio/skiff/${ID}/blkio.throttle.io_service_bytes`]: '8:0 Read 4096\n8:0 Write 512\n8:0 Total 4608\nTotal 4608\n',
};
const read = (p: string) => files[p];

describe('cgroup v1 stats', () => {
  const sample = sampleCgroup(read, ID, { machineMemory: 25276514304, onlineCpus: 2, systemUsage: 6104360000000 });

  it('reads Docker StatsJSON parts from the controllers', () => {
    expect(sample.pids_stats).toEqual({ current: 1 });
    expect(sample.cpu_stats.cpu_usage).toEqual({ total_usage: 21750382, percpu_usage: [1717482, 20032900], usage_in_kernelmode: 0, usage_in_usermode: 20000000 });
    expect(sample.cpu_stats.throttling_data).toEqual({ periods: 3, throttled_periods: 0, throttled_time: 0 });
    expect(sample.memory_stats.limit).toBe(25276514304); // unlimited → the machine's memory
    expect(Object.keys(sample.memory_stats.stats!)).toHaveLength(32);
    expect(sample.blkio_stats.io_service_bytes_recursive).toEqual([{ major: 8, minor: 0, op: 'Read', value: 4096 }, { major: 8, minor: 0, op: 'Write', value: 512 }, { major: 8, minor: 0, op: 'Total', value: 4608 }]);
    expect(sample.blkio_stats.io_queue_recursive).toEqual([]);
  });

  it('formats the row as docker stats does', () => {
    const doc: StatsJSON = {
      read: '', preread: '', num_procs: 0, storage_stats: {}, name: '/web', id: ID, ...sample,
      precpu_stats: { ...sample.cpu_stats, cpu_usage: { ...sample.cpu_stats.cpu_usage, total_usage: 11750382 }, system_cpu_usage: 6102360000000 },
      networks: { eth0: { rx_bytes: 796, rx_packets: 10, rx_errors: 0, rx_dropped: 0, tx_bytes: 0, tx_packets: 0, tx_errors: 0, tx_dropped: 0 } },
    };
    const row = statsContext(statsEntry('web', doc), { trunc: true });
    expect(renderList(STATS_TABLE, [row], STATS_HEADERS)).toBe(
      'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O     BLOCK I/O      PIDS\n'
      + 'aaaaaaaaaaaa   web       1.00%     324KiB / 23.54GiB   0.00%     796B / 0B   4.1kB / 512B   1\n');
    expect(renderList('{{json .}}', [row], STATS_HEADERS)).toBe(
      '{"BlockIO":"4.1kB / 512B","CPUPerc":"1.00%","Container":"web","ID":"aaaaaaaaaaaa","MemPerc":"0.00%","MemUsage":"324KiB / 23.54GiB","Name":"web","NetIO":"796B / 0B","PIDs":"1"}\n');
    expect(() => renderList('{{.Nope}}', [row], STATS_HEADERS)).toThrow("can't evaluate field Nope in type *container.statsContext");
  });

  it('reads the host CPU time and the container interfaces', () => {
    expect(systemCpuUsage('cpu  100 0 50 800 10 0 5 3 0 0\ncpu0 1 2 3\n')).toBe(965 * 1e7);
    const dev = 'Inter-|   Receive\n face |bytes\n    lo: 10 1 0 0 0 0 0 0 10 1 0 0 0 0 0 0\n  eth0: 796 10 0 0 0 0 0 0 5 1 0 0 0 0 0 0\n';
    expect(networkStats(dev)).toEqual({ eth0: { rx_bytes: 796, rx_packets: 10, rx_errors: 0, rx_dropped: 0, tx_bytes: 5, tx_packets: 1, tx_errors: 0, tx_dropped: 0 } });
    expect(networkStats(dev.split('\n').slice(0, 3).join('\n'))).toBeUndefined();
  });
});
