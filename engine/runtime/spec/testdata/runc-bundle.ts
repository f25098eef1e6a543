// Integration-test support: a tiny busybox rootfs, the host facts SpecInput needs (read from /proc), and
// `runc run` of a spec built by buildSpec. Used only by *.int.test.ts (needs root, runc, busybox-static).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialState, type ContainerRecord } from '../../../model/container.js';
import { buildEtcFiles } from '../../etc-files/index.js';
import { buildSpec, type SpecHost, type SpecInput } from '../build-spec.js';
import { goArch, type SeccompProfile } from '../seccomp.js';
import { resolveUser } from '../user.js';
import { BUSYBOX_GROUP, BUSYBOX_PASSWD } from './busybox-etc.js';
import { CAPABILITY_NAMES } from '../capabilities.js';

export const RUNC = ['/usr/sbin/runc', '/usr/bin/runc'].find((p) => existsSync(p));
export const CATATONIT = ['/usr/bin/catatonit', '/usr/libexec/podman/catatonit'].find((p) => existsSync(p));
export const SECCOMP_FILE = '/usr/share/containers/seccomp.json';
export const canRunRunc = process.getuid?.() === 0 && !!RUNC && existsSync('/bin/busybox');

/** Hard limits from /proc/self/limits (Node has no getrlimit). */
function hardLimits(): Record<string, number> {
  const text = readFileSync('/proc/self/limits', 'utf8');
  const hard = (label: string) => Number(new RegExp(`^${label}\\s+\\S+\\s+(\\d+)`, 'm').exec(text)?.[1] ?? Infinity);
  return { nofile: hard('Max open files'), nproc: hard('Max processes') };
}

/** CapBnd of this process as capability names. */
function boundingSet(): string[] {
  const hex = /^CapBnd:\s+([0-9a-f]+)/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]!;
  const mask = BigInt(`0x${hex}`);
  return CAPABILITY_NAMES.filter((_, i) => (mask >> BigInt(i)) & 1n);
}

export function hostFacts(): SpecHost {
  return {
    capLastCap: Number(readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8')),
    boundingSet: boundingSet(),
    hardLimits: hardLimits(),
    arch: goArch(process.arch),
    hostname: execFileSync('hostname', { encoding: 'utf8' }).trim(),
  };
}

/** A bundle dir with rootfs/ (busybox + applets + passwd/group + empty mountpoint files). */
export function makeBundle(): { bundle: string; rootfs: string; cleanup: () => void } {
  const bundle = mkdtempSync(join(tmpdir(), 'skiff-spec-'));
  const rootfs = join(bundle, 'rootfs');
  for (const d of ['bin', 'etc', 'proc', 'sys', 'dev', 'tmp', 'root', 'home', 'data', 'sbin']) mkdirSync(join(rootfs, d), { recursive: true });
  copyFileSync('/bin/busybox', join(rootfs, 'bin/busybox'));
  execFileSync('chmod', ['755', join(rootfs, 'bin/busybox')]);
  for (const applet of ['sh', 'id', 'cat', 'grep', 'hostname', 'sleep', 'ls', 'env', 'echo', 'ps', 'touch', 'pwd', 'tr']) {
    symlinkSync('busybox', join(rootfs, 'bin', applet));
  }
  writeFileSync(join(rootfs, 'etc/passwd'), BUSYBOX_PASSWD);
  writeFileSync(join(rootfs, 'etc/group'), BUSYBOX_GROUP);
  for (const f of ['hosts', 'hostname', 'resolv.conf']) writeFileSync(join(rootfs, 'etc', f), '');
  return { bundle, rootfs, cleanup: () => rmSync(bundle, { recursive: true, force: true }) };
}

export function recordFor(id: string, config: Partial<ContainerRecord['Config']>, hostConfig: Partial<ContainerRecord['HostConfig']>, base: ContainerRecord): ContainerRecord {
  return { ...base, Id: id, Name: `spec-${id.slice(0, 6)}`, Path: '', Args: [], Config: { ...base.Config, Hostname: '', ...config }, HostConfig: { ...base.HostConfig, ...hostConfig }, State: initialState() };
}

export interface RunOutcome { status: number | null; stdout: string; stderr: string; spec: ReturnType<typeof buildSpec> }

/** Build the spec, write config.json and the /etc files, then `runc run` it to completion. */
export function runSpec(record: ContainerRecord, opts: { rootless?: boolean; wrap?: string[] } = {}): RunOutcome {
  const { bundle, rootfs, cleanup } = makeBundle();
  try {
    const host = hostFacts();
    const files = buildEtcFiles(record, { hosts: readFileSync('/etc/hosts', 'utf8'), resolvConf: readFileSync('/etc/resolv.conf', 'utf8'), hostname: host.hostname ?? '' });
    const etc = { hosts: join(bundle, 'hosts'), hostname: join(bundle, 'hostname'), resolvConf: join(bundle, 'resolv.conf') };
    writeFileSync(etc.hosts, files.hosts);
    writeFileSync(etc.hostname, files.hostname);
    writeFileSync(etc.resolvConf, files.resolvConf);
    const read = (p: string) => { try { return readFileSync(join(rootfs, p), 'utf8'); } catch { return undefined; } };
    const input: SpecInput = {
      record, rootfs, rootless: opts.rootless === true, etcFiles: etc,
      cgroupsPath: opts.rootless ? undefined : `/skiff-spec-test-${record.Id}`, // one level: runc removes it
      user: resolveUser(record.Config.User, read, record.HostConfig.GroupAdd ?? []),
      initPath: CATATONIT ?? '/usr/bin/catatonit',
      seccompProfile: existsSync(SECCOMP_FILE) ? (JSON.parse(readFileSync(SECCOMP_FILE, 'utf8')) as SeccompProfile) : undefined,
      host,
    };
    const spec = buildSpec(input);
    writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec));
    const argv = [...(opts.wrap ?? []), RUNC!, '--root', join(bundle, 'state'), 'run', '--bundle', bundle, record.Id];
    const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 60_000, input: '' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, spec };
  } finally {
    cleanup();
  }
}

/**
 * Run fn with a wrapper that enters a fresh user+mount namespace mapping ids 0-65535 to themselves, as
 * skiff's rootless pause process does with the user's subordinate ids (root may write the maps directly).
 */
export async function withUserNamespace<T>(fn: (wrap: string[]) => T): Promise<T> {
  const holder = spawn('unshare', ['--user', '--mount', '--propagation', 'private', 'sleep', '120'], { stdio: 'ignore' });
  const pid = holder.pid!;
  try {
    const own = readlinkSync('/proc/self/ns/user');
    for (let i = 0; i < 200 && readlinkSync(`/proc/${pid}/ns/user`) === own; i++) await new Promise((r) => setTimeout(r, 10));
    writeFileSync(`/proc/${pid}/uid_map`, '0 0 65536');
    writeFileSync(`/proc/${pid}/gid_map`, '0 0 65536');
    return fn(['nsenter', '--user', '--mount', '-t', String(pid)]);
  } finally {
    holder.kill('SIGKILL');
  }
}
