// Helpers shared by the spec tests: records from recorded `docker inspect` output and a small profile.
import { readdirSync, readFileSync } from 'node:fs';
import { initialState, type ContainerRecord } from '../../../model/container.js';
import type { ContainerConfig, HostConfig } from '../../../model/docker-types.js';
import type { SeccompProfile } from '../seccomp.js';
import type { OciSpec } from '../types.js';

export interface DockerFixture {
  name: string;
  dockerRun: string;
  container: Pick<ContainerRecord, 'Id' | 'Name' | 'Path' | 'Args' | 'Config' | 'HostConfig'>;
  seccompSummary: { defaultAction: string; architectures: string[]; rules: number } | null;
  spec: OciSpec;
}

const dockerDir = new URL('./docker/', import.meta.url);

export function loadDockerFixtures(): DockerFixture[] {
  return readdirSync(dockerDir).filter((f) => f.endsWith('.json')).sort().map((f) => ({
    name: f.replace(/\.json$/, ''),
    ...(JSON.parse(readFileSync(new URL(f, dockerDir), 'utf8')) as Omit<DockerFixture, 'name'>),
  }));
}

export function recordFrom(container: DockerFixture['container']): ContainerRecord {
  return {
    ...container,
    Created: '2026-11-28T00:00:00Z',
    ImageRef: 'busybox',
    ImageId: 'sha256:7cec26eab73b',
    NetworkingConfig: { EndpointsConfig: {} },
    State: initialState(),
    Driver: 'overlay',
    LayerId: 'layer',
  };
}

/** A record with Docker's defaults for `docker run busybox sleep 60`, with overrides. */
export function makeRecord(config: Partial<ContainerConfig> = {}, hostConfig: Partial<HostConfig> = {}): ContainerRecord {
  const base = JSON.parse(readFileSync(new URL('default.json', dockerDir), 'utf8')) as Omit<DockerFixture, 'name'>;
  const record = recordFrom(base.container);
  return { ...record, Config: { ...record.Config, ...config }, HostConfig: { ...record.HostConfig, ...hostConfig } };
}

/** A profile in the containers-common format with one rule of each kind the renderer handles. */
export const MINI_PROFILE: SeccompProfile = {
  defaultAction: 'SCMP_ACT_ERRNO',
  defaultErrnoRet: 38,
  defaultErrno: 'ENOSYS',
  archMap: [
    { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
    { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
  ],
  syscalls: [
    { names: ['bdflush'], action: 'SCMP_ACT_ERRNO', errnoRet: 1, errno: 'EPERM', comment: '', includes: {}, excludes: {} },
    { names: ['read', 'write'], action: 'SCMP_ACT_ALLOW', comment: '', includes: {}, excludes: {} },
    { names: ['personality'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 8, valueTwo: 0, op: 'SCMP_CMP_EQ' }] },
    { names: ['arch_prctl'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['amd64', 'x32'] } },
    { names: ['breakpoint'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['arm', 'arm64'] } },
    { names: ['bpf'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] } },
    { names: ['bpf'], action: 'SCMP_ACT_ERRNO', errnoRet: 1, excludes: { caps: ['CAP_SYS_ADMIN'] } },
    { names: ['chroot'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_CHROOT'] } },
    { names: ['newer'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: '5.8' } },
  ],
};
