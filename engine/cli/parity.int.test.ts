// Docker's outputs for inspect defaults, sizes, ps, logs, rm -f, exec failures, info and system df,
// against real containers (expected texts measured on Docker 28.2 CLI / 20.10 daemon).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, rootTarget, uniqueName, type Target } from '../test-support/cli.js';

describe('docker parity of inspect, ps, logs, exec, info and df (root)', () => {
  let t: Target;
  const names: string[] = [];
  const named = () => { const n = uniqueName('par'); names.push(n); return n; };

  beforeAll(async () => {
    t = rootTarget();
    expect((await t.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => { if (names.length) await t.run(['rm', '-f', ...names]); });

  it("inspect shows the daemon's defaults and the sizes", async () => {
    const name = named();
    expect((await t.run(['create', '--name', name, 'busybox', 'true'])).code).toBe(0);
    const [doc] = JSON.parse((await t.run(['inspect', name])).stdout);
    expect(doc.Driver).toMatch(/^(overlay2|vfs)$/);
    expect(doc.Config.Volumes).toBeNull();
    expect(doc.HostConfig).toMatchObject({ ShmSize: 67108864, IpcMode: 'private', MemorySwappiness: null, PidsLimit: null, LogConfig: { Type: 'json-file', Config: {} } });
    expect(doc.HostConfig.MaskedPaths).toContain('/proc/kcore');
    expect(JSON.parse((await t.run(['inspect', '-f', '{{json .HostConfig}}', name])).stdout)).not.toHaveProperty('KernelMemory');
    expect((await t.run(['inspect', '-s', '-f', '{{.SizeRw}} {{.SizeRootFs}}', name])).stdout).toBe('0 1984666\n');
  });

  it('logs keep a last line without newline; rm -f of a missing container is no error', async () => {
    const name = named();
    await t.run(['run', '--name', name, 'busybox', 'printf', 'no newline']);
    expect((await t.run(['logs', name])).stdout).toBe('no newline');
    expect(await t.run(['rm', '-f', `nope-${name}`])).toMatchObject({ code: 0, stderr: `Error response from daemon: No such container: nope-${name}\n` });
  });

  it("ps quotes arguments with spaces; exec reports a failed start on stdout and names a paused container as given", async () => {
    const name = named();
    await t.run(['run', '-d', '--name', name, 'busybox', 'sh', '-c', 'sleep 300; echo x']);
    expect((await t.run(['ps', '--no-trunc', '--filter', `name=${name}`, '--format', '{{.Command}}'])).stdout).toBe('"sh -c \'sleep 300; echo x\'"\n');
    expect(await t.run(['exec', name, '/etc/passwd'])).toMatchObject({ code: 126, stderr: '',
      stdout: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/etc/passwd": permission denied: unknown\r\n' });
    expect(await t.run(['port', name, '80'])).toMatchObject({ code: 1, stderr: `Error: No public port '80' published for ${name}\n` });
    await t.run(['pause', name]);
    expect((await t.run(['exec', name, 'true'])).stderr).toBe(`Error response from daemon: Container ${name} is paused, unpause the container before exec\n`);
    await t.run(['unpause', name]);
  });

  it('info and system df count what the store holds', async () => {
    const info = JSON.parse((await t.run(['info', '--format', '{{json .}}'])).stdout);
    expect(info).toMatchObject({ Containers: names.length, Images: 1, OSType: 'linux' });
    const df = (await t.run(['system', 'df', '--format', '{{.Type}} {{.TotalCount}}'])).stdout;
    expect(df).toBe(`Images 1\nContainers ${names.length}\nLocal Volumes 0\nBuild Cache 0\n`);
  });
});
