// The host the daemon-side error fixtures were recorded on (Docker 20.10, 2 CPUs, cgroup v1 without blkio weight).
import type { HostInfo } from '../resources.js';

export const RECORDED_HOST: HostInfo = { ncpu: 2, cpus: '0-1', mems: '0', blkioWeight: false };
