// Networking end to end. Root: the default bridge and user networks through netavark/aardvark-dns
// (addresses, DNS by name and alias, /etc files, connect/disconnect, container: mode) and published
// ports reachable on the host's loopback and its own address. Rootless: slirp4netns with ports on the
// default bridge, user networks in the rootless netns.
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, rootTarget, rootlessAvailable, rootlessTarget, uniqueName, type Target } from '../test-support/cli.js';

const hostAddress = () => Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)!.address;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function httpGet(host: string, port: string | number): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`http://${host}:${port}/`, { signal: AbortSignal.timeout(3000) });
      return (await r.text()).trim();
    } catch (e) {
      if (i >= 20) throw e;
      await sleep(250);
    }
  }
}

const HTTPD = ['sh', '-c', 'mkdir -p /www && echo "hello from $(hostname)" > /www/index.html && exec httpd -f -p 80 -h /www'];

function fixture(make: () => Target) {
  const ctx = { t: undefined as unknown as Target, containers: [] as string[], networks: [] as string[] };
  beforeAll(async () => {
    ctx.t = make();
    expect((await ctx.t.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => {
    if (ctx.containers.length) await ctx.t.run(['rm', '-f', ...ctx.containers]);
    if (ctx.networks.length) await ctx.t.run(['network', 'rm', ...ctx.networks]);
  });
  const ok = async (args: string[]) => { const r = await ctx.t.run(args); expect(r.stderr).toBe(''); expect(r.code).toBe(0); return r.stdout; };
  const named = (list: string[], prefix: string) => { const n = uniqueName(prefix); list.push(n); return n; };
  return { ctx, ok, ctr: () => named(ctx.containers, 'nc'), net: () => named(ctx.networks, 'nn') };
}

describe('networking (root)', () => {
  const { ctx, ok, ctr, net } = fixture(rootTarget);

  it('puts containers on the default bridge with Docker\'s /etc files; names do not resolve there', async () => {
    const a = ctr();
    await ok(['run', '-d', '--name', a, 'busybox', ...HTTPD]);
    const ip = (await ok(['inspect', '--format', '{{.NetworkSettings.IPAddress}}', a])).trim();
    expect(ip).toMatch(/^10\.87\.\d+\.\d+$/);
    const out = await ok(['run', '--rm', '--add-host', 'gw:host-gateway', 'busybox', 'sh', '-c', `cat /etc/hosts; wget -qO- http://${ip}/; ping -c1 -W1 ${a} >/dev/null 2>&1 || echo no-name`]);
    expect(out).toMatch(/^127\.0\.0\.1\tlocalhost\n(.*\n){5}10\.87\.0\.1\tgw\n10\.87\.\d+\.\d+\t[0-9a-f]{12}\nhello from [0-9a-f]{12}\nno-name\n$/);
  });

  it('resolves names and aliases on a user network through 127.0.0.11, as Docker\'s resolv.conf says', async () => {
    const n = net();
    await ok(['network', 'create', n]);
    const srv = ctr();
    await ok(['run', '-d', '--name', srv, '--network', n, '--network-alias', 'web', 'busybox', ...HTTPD]);
    const out = await ok(['run', '--rm', '--network', n, 'busybox', 'sh', '-c', 'cat /etc/resolv.conf; wget -qO- http://web/ && wget -qO- http://' + srv + '/ >/dev/null && echo by-name']);
    expect(out).toMatch(/^nameserver 127\.0\.0\.11\noptions ndots:0\nhello from [0-9a-f]{12}\nby-name\n$/);
    const containers = JSON.parse(await ok(['network', 'inspect', '--format', '{{json .Containers}}', n])) as Record<string, { Name: string; IPv4Address: string }>;
    expect(Object.values(containers).map((c) => c.Name)).toEqual([srv]);
    const aliases = await ok(['inspect', '--format', `{{json (index .NetworkSettings.Networks "${n}").Aliases}}`, srv]);
    expect(JSON.parse(aliases)).toEqual(['web', expect.stringMatching(/^[0-9a-f]{12}$/)]);
  });

  it('takes a static --ip in a user subnet and keeps internal networks off the outside', async () => {
    const n = net();
    await ok(['network', 'create', '--subnet', '10.213.44.0/24', n]);
    expect(await ok(['run', '--rm', '--network', n, '--ip', '10.213.44.77', 'busybox', 'sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}'"])).toBe('10.213.44.77/24\n');
    const internal = net();
    await ok(['network', 'create', '--internal', internal]);
    expect(await ok(['run', '--rm', '--network', internal, 'busybox', 'sh', '-c', 'ip route | grep -c default || true'])).toBe('0\n');
  });

  it('publishes ports on the host\'s loopback and its own address, random ones too', async () => {
    const a = ctr();
    await ok(['run', '-d', '--name', a, '-p', '18190:80', '-p', '127.0.0.1::80', '--expose', '81', '-P', 'busybox', ...HTTPD]);
    expect(await httpGet('127.0.0.1', 18190)).toMatch(/^hello from /);
    expect(await httpGet(hostAddress(), 18190)).toMatch(/^hello from /);
    const port = await ok(['port', a, '80']);
    const random = /^127\.0\.0\.1:(\d+)$/m.exec(port)![1]!;
    expect(Number(random)).toBeGreaterThanOrEqual(32768);
    expect(await httpGet('127.0.0.1', random)).toMatch(/^hello from /);
    const ps = await ok(['ps', '--filter', `name=${a}`, '--format', '{{.Ports}}']);
    expect(ps).toMatch(/0\.0\.0\.0:\d+->81\/tcp/);
    expect(ps).toContain('0.0.0.0:18190->80/tcp');
  });

  it('refuses a host port that is taken, leaving the container created and nothing attached', async () => {
    const a = ctr();
    const b = ctr();
    await ok(['run', '-d', '--name', a, '-p', '18191:80', 'busybox', 'sleep', '60']);
    const r = await ctx.t.run(['run', '-d', '--name', b, '-p', '18191:80', 'busybox', 'sleep', '60']);
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(new RegExp(`^skiff: Error response from daemon: driver failed programming external connectivity on endpoint ${b} \\([0-9a-f]{64}\\): Bind for 0\\.0\\.0\\.0:18191 failed: port is already allocated\n`));
    expect(await ok(['inspect', '--format', '{{.State.Status}} {{json .NetworkSettings.Ports}}', b])).toBe('created {}\n');
  });

  it('connects and disconnects a running container, which then reaches the other network by name', async () => {
    const n = net();
    await ok(['network', 'create', n]);
    const srv = ctr();
    await ok(['run', '-d', '--name', srv, '--network', n, 'busybox', ...HTTPD]);
    const cli = ctr();
    await ok(['run', '-d', '--name', cli, 'busybox', 'sleep', '300']);
    await ok(['network', 'connect', '--alias', 'client', n, cli]);
    expect(await ok(['exec', cli, 'sh', '-c', `ip -o link | grep -c eth1; wget -qO- http://${srv}/`])).toMatch(/^1\nhello from /);
    expect(await ok(['inspect', '--format', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', cli])).toBe(`bridge ${n} \n`);
    await ok(['network', 'disconnect', n, cli]);
    expect(await ok(['exec', cli, 'sh', '-c', 'ip -o link | grep -c eth1 || true'])).toBe('0\n');
  });

  it('shares another container\'s namespace with --network container:NAME', async () => {
    const a = ctr();
    await ok(['run', '-d', '--name', a, 'busybox', ...HTTPD]);
    const ip = (await ok(['inspect', '--format', '{{.NetworkSettings.IPAddress}}', a])).trim();
    expect(await ok(['run', '--rm', '--network', `container:${a}`, 'busybox', 'sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}'; wget -qO- http://127.0.0.1/"]))
      .toMatch(new RegExp(`^${ip.replace(/\./g, '\\.')}/16\nhello from `));
  });
});

describe.runIf(rootlessAvailable())('networking (rootless)', () => {
  const { ctx, ok, ctr, net } = fixture(rootlessTarget);

  it('runs user networks in the rootless netns: DNS by name and alias, published ports, connect', async () => {
    const n = net();
    await ok(['network', 'create', n]);
    const srv = ctr();
    await ok(['run', '-d', '--name', srv, '--network', n, '--network-alias', 'web', '-p', '18193:80', 'busybox', ...HTTPD]);
    expect(await ok(['run', '--rm', '--network', n, 'busybox', 'sh', '-c', `cat /etc/resolv.conf; wget -qO- http://web/ && wget -qO- http://${srv}/ >/dev/null && echo by-name`]))
      .toMatch(/^nameserver 127\.0\.0\.11\noptions ndots:0\nhello from [0-9a-f]{12}\nby-name\n$/);
    expect(await httpGet('127.0.0.1', 18193)).toMatch(/^hello from /);
    const cli = ctr();
    await ok(['run', '-d', '--name', cli, 'busybox', 'sleep', '300']);
    await ok(['network', 'connect', n, cli]);
    expect(await ok(['exec', cli, 'wget', '-qO-', `http://${srv}/`])).toMatch(/^hello from /);
  });

  it('gives each container slirp4netns (10.0.2.100) and publishes its ports on the host', async () => {
    const a = ctr();
    await ok(['run', '-d', '--name', a, '-p', '18192:80', 'busybox', ...HTTPD]);
    expect(await ok(['exec', a, 'sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}'; ip route | head -1"])).toBe('10.0.2.100/24\ndefault via 10.0.2.2 dev eth0 \n');
    expect(await httpGet('127.0.0.1', 18192)).toMatch(/^hello from /);
    expect(await httpGet(hostAddress(), 18192)).toMatch(/^hello from /);
    expect(await ok(['port', a])).toBe('80/tcp -> 0.0.0.0:18192\n');
  });

  it('refuses host ports below ip_unprivileged_port_start with a clear error', async () => {
    const r = await ctx.t.run(['run', '--rm', '-p', '80:80', 'busybox', 'true']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('cannot expose privileged port 80, you can add \'net.ipv4.ip_unprivileged_port_start=80\' to /etc/sysctl.conf (currently 1024)');
  });
});
