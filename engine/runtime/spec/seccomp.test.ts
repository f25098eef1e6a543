import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goArch, parseSeccompProfile, renderSeccomp, type SeccompProfile } from './seccomp.js';
import { MINI_PROFILE } from './testdata/fixtures.js';

const names = (p: ReturnType<typeof renderSeccomp>) => (p.syscalls ?? []).map((s) => `${s.names.join(',')}:${s.action}`);

describe('renderSeccomp', () => {
  it('picks the host arch and its sub-arches from archMap and keeps defaultErrnoRet', () => {
    const out = renderSeccomp(MINI_PROFILE, { capabilities: [], arch: 'amd64' });
    expect(out.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(out.defaultErrnoRet).toBe(38);
    expect(out.architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    expect(renderSeccomp(MINI_PROFILE, { capabilities: [], arch: 'arm64' }).architectures).toEqual(['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM']);
  });

  it('keeps rules by capabilities and arch, and drops file-only keys', () => {
    const out = renderSeccomp(MINI_PROFILE, { capabilities: ['CAP_SYS_CHROOT'], arch: 'amd64' });
    expect(names(out)).toEqual(['bdflush:SCMP_ACT_ERRNO', 'read,write:SCMP_ACT_ALLOW', 'personality:SCMP_ACT_ALLOW',
      'arch_prctl:SCMP_ACT_ALLOW', 'bpf:SCMP_ACT_ERRNO', 'chroot:SCMP_ACT_ALLOW', 'newer:SCMP_ACT_ALLOW']);
    expect(out.syscalls![0]).toEqual({ names: ['bdflush'], action: 'SCMP_ACT_ERRNO', errnoRet: 1 });
    expect(out.syscalls![2]).toEqual({ names: ['personality'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 8, op: 'SCMP_CMP_EQ' }] });
  });

  it('CAP_SYS_ADMIN swaps the ERRNO rule for the ALLOW rule', () => {
    expect(names(renderSeccomp(MINI_PROFILE, { capabilities: ['CAP_SYS_ADMIN'], arch: 'amd64' }))).toContain('bpf:SCMP_ACT_ALLOW');
  });

  it('honours minKernel when the kernel version is known', () => {
    expect(names(renderSeccomp(MINI_PROFILE, { capabilities: [], arch: 'amd64', kernelVersion: '5.4' }))).not.toContain('newer:SCMP_ACT_ALLOW');
    expect(names(renderSeccomp(MINI_PROFILE, { capabilities: [], arch: 'amd64', kernelVersion: '6.18' }))).toContain('newer:SCMP_ACT_ALLOW');
  });

  it('accepts moby-style profiles (architectures list, single name) and refuses both arch keys', () => {
    const moby: SeccompProfile = { defaultAction: 'SCMP_ACT_ERRNO', architectures: ['SCMP_ARCH_X86_64'], syscalls: [{ name: 'read', action: 'SCMP_ACT_ALLOW', args: [] }] };
    expect(renderSeccomp(moby, { capabilities: [], arch: 'amd64' })).toEqual({ defaultAction: 'SCMP_ACT_ERRNO', architectures: ['SCMP_ARCH_X86_64'], syscalls: [{ names: ['read'], action: 'SCMP_ACT_ALLOW' }] });
    expect(() => renderSeccomp({ ...moby, archMap: MINI_PROFILE.archMap }, { capabilities: [], arch: 'amd64' })).toThrow("use either 'architectures' or 'archMap'");
  });

  it('maps Node arch names to the profile\'s Go names', () => {
    expect(goArch('x64')).toBe('amd64');
    expect(goArch('arm64')).toBe('arm64');
    expect(goArch('ppc64')).toBe('ppc64le');
  });

  it('parses a profile given inline and reports bad JSON', () => {
    expect(parseSeccompProfile('{"defaultAction":"SCMP_ACT_ALLOW"}').defaultAction).toBe('SCMP_ACT_ALLOW');
    expect(() => parseSeccompProfile('{nope')).toThrow('Decoding seccomp profile failed');
  });
});

// Golden: Podman 4.3.1 rendered Debian's /usr/share/containers/seccomp.json for these capability sets.
const PROFILE = '/usr/share/containers/seccomp.json';
describe.skipIf(!existsSync(PROFILE))('renderSeccomp of containers-common\'s profile matches Podman\'s rendering', () => {
  const profile = JSON.parse(readFileSync(PROFILE, 'utf8')) as SeccompProfile;
  for (const name of ['default', 'sysadmin']) {
    it(name, () => {
      const golden = JSON.parse(readFileSync(new URL(`./testdata/podman-seccomp-${name}.json`, import.meta.url), 'utf8'));
      expect(renderSeccomp(profile, { capabilities: golden.bounding, arch: golden.arch })).toEqual(golden.seccomp);
    });
  }
});
