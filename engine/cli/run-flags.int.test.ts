// Paired end to end: every case runs through the docker CLI (dockerd 20.10 on this machine) and through the
// built skiff, as root and rootless, and the two must print the same stdout/stderr and exit with the same
// code. Only what must differ is normalised (ids, scratch paths, names, the program name): see paired.ts.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, rootTarget, rootlessAvailable, rootlessTarget, TEST_USER, type Target } from '../test-support/cli.js';
import { dockerAvailable, dockerTarget, newContext, rootlessMountIds, runCase, type CaseContext, type CaseOutcome, type PairedCase } from '../test-support/paired.js';
import { ENV_CASES, MOUNT_CASES, NETWORK_CASES, RESOURCE_CASES, SECURITY_CASES } from './testdata/run-flag-cases.js';
import { CIDFILE_CASES, ERROR_CASES, INSPECT_CASES, NAME_CASES, TTY_CASES } from './testdata/run-state-cases.js';

const CASES: PairedCase[] = [...ENV_CASES, ...SECURITY_CASES, ...MOUNT_CASES, ...RESOURCE_CASES, ...NETWORK_CASES,
  ...INSPECT_CASES, ...CIDFILE_CASES, ...NAME_CASES, ...TTY_CASES, ...ERROR_CASES];

/**
 * Known divergences skiff cannot fix in the modules this suite covers; each runs as `it.fails` so it turns
 * red the day it starts to match. Keyed by case name; `rootless` entries apply to the rootless run only.
 */
const KNOWN: Record<string, string> = {
  // The dockerd on this VM cannot grant capabilities outside its own bounding set (CAP_SYS_RESOURCE is
  // missing here), so `docker run --privileged` fails with "unable to apply caps"; skiff grants the
  // capabilities it has (sys/host-facts boundingCapabilities) and the container runs.
  '--privileged': 'environment: dockerd cannot apply all capabilities on this VM',
  'mount points with --privileged': 'environment: dockerd cannot apply all capabilities on this VM',
  // Docker's default bridge adds "172.17.0.x <hostname>" to /etc/hosts; skiff's bridge is 10.87.0.0/16 (it must
  // not clash with docker0 on hosts that run both), so the address line differs by design.
  'default /etc/hosts': 'networks: skiff0 is 10.87.0.0/16, not docker0\'s 172.17.0.0/16',
  // docker/cli runs an inspect template on the typed struct first and, when a field is only known by its
  // JSON name (NanoCpus vs Go's NanoCPUs), again on the raw JSON decoded into maps, so `json` then prints
  // sorted keys ({"Hard","Name","Soft"}); skiff's template layer always uses the JSON shape (engine/format).
  'inspect template on the raw JSON map': 'format: no typed-then-raw fallback',
};
// Fixed: every launcher now runs `node -- SCRIPT`, so Node 20 no longer takes a later --env-file (nodejs/node#54232).
const KNOWN_ROOTLESS: Record<string, string> = {};

const ENV = { PAIRED_FROM_CLIENT: 'from-client' };

function prepare(c: CaseContext): void {
  mkdirSync(`${c.tmp}/data`, { mode: 0o777 });
  chmodSync(`${c.tmp}/data`, 0o777);
  writeFileSync(`${c.tmp}/data/f`, 'from host\n', { mode: 0o666 });
  writeFileSync(`${c.tmp}/env.list`, '# comment\nA=1\nB=2\n\nPAIRED_FROM_CLIENT\nC= spaced \n');
  writeFileSync(`${c.tmp}/labels`, 'x=1\n# c\ny\n');
}

const withEnv = (t: Target): Target => ({ ...t, run: (args, o = {}) => t.run(args, { ...o, env: { ...ENV, ...o.env } }) });

/** Docker's outcome per case, computed once and shared by the root and rootless runs. */
const dockerOutcomes = new Map<string, Promise<CaseOutcome>>();
function dockerOutcome(k: PairedCase): Promise<CaseOutcome> {
  if (!dockerOutcomes.has(k.name)) {
    const c = newContext('docker');
    prepare(c);
    dockerOutcomes.set(k.name, runCase(withEnv(dockerTarget()), k, c));
  }
  return dockerOutcomes.get(k.name)!;
}

async function skiffOutcome(t: Target, k: PairedCase, fixIds?: (s: string) => string): Promise<CaseOutcome> {
  const c = newContext('skiff');
  prepare(c);
  const r = await runCase(withEnv(t), k, c);
  return fixIds ? { code: r.code, stdout: fixIds(r.stdout), stderr: fixIds(r.stderr) } : r;
}

const haveDocker = dockerAvailable();
const targets = [{ label: 'root', make: rootTarget as () => Target }];
if (rootlessAvailable()) targets.push({ label: 'rootless', make: rootlessTarget });

describe.skipIf(!haveDocker).each(targets)('run flags: skiff ($label) against docker', ({ label, make }) => {
  const rootless = label === 'rootless';
  let skiff: Target;
  let fixIds: ((s: string) => string) | undefined;

  beforeAll(async () => {
    const archive = await busyboxArchive();
    // The same reproducible busybox for both engines.
    execFileSync('docker', ['load', '-i', archive], { stdio: 'ignore' });
    skiff = make();
    const load = await skiff.run(['load', '-i', archive]);
    expect(load.stdout).toContain('busybox:latest');
    if (rootless) {
      const r = skiff as ReturnType<typeof rootlessTarget>;
      const gid = Number(execFileSync('id', ['-g', TEST_USER], { encoding: 'utf8' }).trim());
      fixIds = rootlessMountIds(TEST_USER, r.uid, gid);
    }
  });

  afterAll(async () => {
    if (skiff) await skiff.run(['container', 'prune', '-f']).catch(() => undefined);
  });

  for (const k of CASES) {
    if (rootless && k.rootless === 'skip') continue;
    const known = KNOWN[k.name] ?? (rootless ? KNOWN_ROOTLESS[k.name] : undefined);
    (known ? it.fails : it)(known ? `${k.name} [known: ${known}]` : k.name, async () => {
      const [docker, ours] = await Promise.all([dockerOutcome(k), skiffOutcome(skiff, k, fixIds)]);
      if (rootless && typeof k.rootless === 'function') k.rootless(docker, ours);
      else expect(ours).toEqual(docker);
    });
  }

  it.skipIf(rootless)('--privileged (skiff alone): every capability skiff itself holds, all host devices', async () => {
    const r = await skiff.run(['run', '--rm', '--privileged', 'busybox', 'sh', '-c', 'grep -E "^Cap(Eff|Bnd)" /proc/self/status; ls /dev | wc -l']);
    const own = /CapBnd:\s*([0-9a-f]+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1];
    const hostDevices = execFileSync('sh', ['-c', 'ls /dev | wc -l'], { encoding: 'utf8' }).trim();
    expect(r).toEqual({ code: 0, stderr: '', stdout: `CapEff:\t${own}\nCapBnd:\t${own}\n${hostDevices}\n` });
  });
});
