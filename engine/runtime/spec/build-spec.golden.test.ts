// Golden tests: for each recorded `docker run` (testdata/docker/*.json), the container record Docker stored
// (docker inspect) must produce the config.json Docker gave runc, field by field. Known, deliberate
// differences are applied to Docker's side below, each with its reason.
import { describe, expect, it } from 'vitest';
import { buildSpec } from './build-spec.js';
import { DISABLE_IPV6 } from './namespaces.js';
import { readBusybox } from './testdata/busybox-etc.js';
import { loadDockerFixtures, MINI_PROFILE, recordFrom, type DockerFixture } from './testdata/fixtures.js';
import type { OciSpec } from './types.js';
import { resolveUser } from './user.js';

// Docker 20.10's capability library stops at CAP_AUDIT_READ (37); with that value --privileged matches exactly.
const DOCKER_20_10_CAP_LAST_CAP = 37;

function build(fx: DockerFixture, warnings: string[] = []): OciSpec {
  const record = recordFrom(fx.container);
  const dir = `/var/lib/docker/containers/${record.Id}`;
  return buildSpec({
    record,
    rootfs: fx.spec.root.path,
    rootless: false,
    etcFiles: { resolvConf: `${dir}/resolv.conf`, hostname: `${dir}/hostname`, hosts: `${dir}/hosts` },
    cgroupsPath: `/docker/${record.Id}`,
    user: resolveUser(record.Config.User, readBusybox, record.HostConfig.GroupAdd ?? []),
    initPath: '/usr/bin/docker-init',
    seccompProfile: MINI_PROFILE,
    host: {
      capLastCap: DOCKER_20_10_CAP_LAST_CAP,
      hardLimits: { nofile: 1048576, nproc: 1048576 },
      arch: 'amd64',
      hostname: 'vm',
      devices: fx.spec.linux.devices,
      blkioWeightSupported: false, // this VM: Docker discarded --blkio-weight with a warning
    },
    warn: (m) => warnings.push(m),
  });
}

const depth = (p: string) => p.split('/').length;

/** Docker's side with skiff's deliberate differences applied. */
function expectedFrom(fx: DockerFixture): OciSpec {
  const spec = structuredClone(fx.spec);
  // --network host: Docker joins /var/run/docker/netns/default (the host's netns); skiff simply adds no entry.
  spec.linux.namespaces = spec.linux.namespaces.filter((ns) => !(ns.type === 'network' && ns.path));
  // Docker's libnetwork disables IPv6 on the sandbox itself; skiff has no sandbox and asks runc via a sysctl.
  if (fx.container.HostConfig.NetworkMode !== 'host' && !fx.container.HostConfig.NetworkMode.startsWith('container:')) {
    spec.linux.sysctl = { ...spec.linux.sysctl, [DISABLE_IPV6]: spec.linux.sysctl?.[DISABLE_IPV6] ?? '1' };
  }
  // Docker 20.10 repeats a default capability that is also --cap-add'ed; skiff lists each once.
  const caps = spec.process.capabilities ?? {};
  for (const key of ['bounding', 'effective', 'permitted'] as const) {
    if (caps[key]) caps[key] = [...new Set(caps[key])];
  }
  return spec;
}

/** Docker orders --mount entries by Go map iteration (random), so for that fixture compare them sorted. */
function mapOrdered(name: string, spec: OciSpec): OciSpec {
  if (name !== 'mountbind') return spec;
  const mounts = [...spec.mounts].sort((a, b) => depth(a.destination) - depth(b.destination) || a.destination.localeCompare(b.destination));
  return { ...spec, mounts };
}

describe('buildSpec against Docker 20.10 config.json', () => {
  for (const fx of loadDockerFixtures()) {
    it(`${fx.name}: ${fx.dockerRun}`, () => {
      const actual = build(fx);
      const { seccomp, ...linux } = actual.linux;
      expect(mapOrdered(fx.name, { ...actual, linux })).toEqual(mapOrdered(fx.name, expectedFrom(fx)));
      // The profiles differ (skiff renders containers-common's file); presence and architectures must not.
      expect(seccomp === undefined).toBe(fx.seccompSummary === null);
      if (seccomp && fx.seccompSummary) expect(seccomp.architectures).toEqual(fx.seccompSummary.architectures);
    });
  }

  it('warns, as Docker does, when the kernel cannot weigh block I/O', () => {
    const fx = structuredClone(loadDockerFixtures().find((f) => f.name === 'blkio')!);
    fx.container.HostConfig.BlkioWeight = 300; // what the client sent; Docker stored 0 after discarding it
    const warnings: string[] = [];
    expect(build(fx, warnings)).toEqual(expect.objectContaining({ linux: expect.objectContaining({ resources: expect.objectContaining({ blockIO: { weight: 0 } }) }) }));
    expect(warnings).toEqual(['Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.']);
  });

  it('covers every flag combination the brief asks for', () => {
    const names = loadDockerFixtures().map((f) => f.name);
    for (const n of ['privileged', 'capadd', 'user1000', 'readonly', 'tmpfs', 'binds', 'memory', 'cpus', 'pids', 'ulimit', 'init', 'tty']) {
      expect(names).toContain(n);
    }
  });
});
