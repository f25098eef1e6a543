// Nothing leaks: 50 create/start/rm cycles with published ports, on a user network and the default
// bridge (root) or through slirp4netns and the rootless netns (rootless), leave no netns file or mount, no firewall rule
// naming the containers, no bridge, no lease, no slirp4netns, and the host port free. Containers
// that exit on their own are released by conmon's exit command alone.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, rootTarget, rootlessAvailable, rootlessTarget, SKIFF, uniqueName, type Target } from '../test-support/cli.js';

const CYCLES = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const portFree = (port: number) => new Promise<boolean>((resolve) => {
  const s = createServer();
  s.once('error', () => resolve(false));
  s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
});
const nsfsMounts = (dir: string) => readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((l) => l.includes(dir)).length;
const firewallMentions = (ids: string[]) => {
  const rules = execFileSync('iptables-save', { encoding: 'utf8' });
  return ids.filter((id) => rules.includes(id));
};

async function cycle(t: Target, name: string, args: string[]): Promise<string> {
  const created = await t.run(['create', '--name', name, ...args, 'busybox', 'sleep', '30']);
  expect(created.stderr).toBe('');
  const id = created.stdout.trim();
  expect((await t.run(['start', name])).code).toBe(0);
  expect((await t.run(['rm', '-f', name])).code).toBe(0);
  return id;
}

describe('network teardown (root)', () => {
  let t: ReturnType<typeof rootTarget>;
  beforeAll(async () => {
    t = rootTarget();
    expect((await t.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });

  it(`${CYCLES} create/start/rm cycles with ports on a user network and the default bridge leave nothing behind`, async () => {
    const net = uniqueName('tdn');
    expect((await t.run(['network', 'create', net])).code).toBe(0);
    const netId = (await t.run(['network', 'inspect', '--format', '{{.Id}}', net])).stdout.trim();
    const ids: string[] = [];
    for (let i = 0; i < CYCLES; i++) {
      const onUserNet = i % 2 === 0;
      ids.push(await cycle(t, uniqueName('td'), [...(onUserNet ? ['--network', net, '--network-alias', 'svc'] : []), '-p', '18290:80', '-p', '127.0.0.1::81/udp']));
    }
    expect(readdirSync(join(t.runroot, 'netns'))).toEqual([]);
    expect(nsfsMounts(join(t.runroot, 'netns'))).toBe(0);
    expect(firewallMentions(ids)).toEqual([]);
    expect(execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' })).not.toContain(`sk-${netId.slice(0, 12)}`);
    expect((await t.run(['network', 'inspect', '--format', '{{json .Containers}}', net])).stdout).toBe('{}\n');
    const dnsFile = join('/run/skiff/networks/aardvark-dns', `skiff-${netId.slice(0, 12)}`);
    if (existsSync(dnsFile)) expect(ids.filter((id) => readFileSync(dnsFile, 'utf8').includes(id))).toEqual([]);
    expect(await portFree(18290)).toBe(true);
    expect((await t.run(['network', 'rm', net])).code).toBe(0);
  }, 600_000);

  it('releases the network of containers that exit by themselves, through conmon\'s exit command alone', async () => {
    const names = Array.from({ length: 5 }, () => uniqueName('tdx'));
    for (const n of names) expect((await t.run(['run', '-d', '--name', n, '-p', '18291-18295:80', 'busybox', 'sh', '-c', 'sleep 0.3'])).code).toBe(0);
    const prefix = join(t.runroot, 'netns');
    for (let i = 0; i < 100 && readdirSync(prefix).length > 0; i++) await sleep(200);
    expect(readdirSync(prefix)).toEqual([]);
    const states = await t.run(['inspect', '--format', '{{.State.Status}}', ...names]);
    expect(states.stdout).toBe('exited\n'.repeat(names.length));
    expect(await portFree(18291)).toBe(true);
    await t.run(['rm', ...names]);
  }, 120_000);
});

describe('network teardown after a killed start (root)', () => {
  it('rm -f releases what a start killed at any moment had attached', async () => {
    const t = rootTarget();
    expect((await t.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
    for (const delay of [60, 120, 180, 240, 300, 360]) {
      const child = spawn(process.execPath, [SKIFF, '--root', t.root, '--runroot', t.runroot, 'run', '-d', '--label', 'killed=1', '-p', '18298:80', 'busybox', 'sleep', '30'], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      await sleep(delay);
      child.kill('SIGKILL');
      await exited;
      const ids = (await t.run(['ps', '-a', '-q', '--no-trunc', '--filter', 'label=killed=1'])).stdout.split('\n').filter(Boolean);
      if (ids.length) expect((await t.run(['rm', '-f', ...ids])).code).toBe(0);
      expect(existsSync(join(t.runroot, 'netns')) ? readdirSync(join(t.runroot, 'netns')) : []).toEqual([]);
      expect(firewallMentions(ids)).toEqual([]);
    }
    expect(await portFree(18298)).toBe(true);
  }, 300_000);
});

describe.runIf(rootlessAvailable())('network teardown (rootless)', () => {
  let t: ReturnType<typeof rootlessTarget>;
  beforeAll(async () => {
    t = rootlessTarget();
    expect((await t.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });

  it(`${CYCLES} create/start/rm cycles with slirp4netns ports leave no process, netns or port behind`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < CYCLES; i++) ids.push(await cycle(t, uniqueName('tdr'), ['-p', '18296:80']));
    const slirps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('slirp4netns'));
    expect(ids.filter((id) => slirps.some((l) => l.includes(`skiff-${id.slice(0, 12)}`)))).toEqual([]);
    const netnsDir = `/run/user/${t.uid}/skiff/netns`;
    const left = existsSync(netnsDir) ? readdirSync(netnsDir) : [];
    expect(left.filter((f) => ids.some((id) => f.includes(id.slice(0, 12))))).toEqual([]);
    expect(await portFree(18296)).toBe(true);
  }, 600_000);

  it('user-network cycles through the rootless netns give back its slirp4netns and namespace with the last container', async () => {
    const net = uniqueName('tdrn');
    expect((await t.run(['network', 'create', net])).code).toBe(0);
    for (let i = 0; i < 10; i++) await cycle(t, uniqueName('tdrn'), ['--network', net, '-p', '18297:80']);
    expect(existsSync(`/run/user/${t.uid}/skiff/rootless-netns`)).toBe(false);
    expect(await portFree(18297)).toBe(true);
    expect((await t.run(['network', 'rm', net])).code).toBe(0);
  }, 300_000);
});
