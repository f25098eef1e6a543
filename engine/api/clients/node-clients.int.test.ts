// dockerode and testcontainers (npm) against `skiff system service`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import { busyboxArchive, uniqueName } from '../../test-support/cli.js';
import { startRootService, type ApiService } from '../../test-support/api-service.js';

describe('Node clients through the API', () => {
  let svc: ApiService;
  beforeAll(async () => {
    svc = await startRootService();
    expect((await svc.cli.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
  });
  afterAll(async () => { await svc?.stop(); });

  it('dockerode: create, start, wait, logs, inspect, remove', async () => {
    const docker = new Docker({ socketPath: svc.socket });
    const name = uniqueName('dode');
    const c = await docker.createContainer({ Image: 'busybox:latest', name, Cmd: ['sh', '-c', 'echo node-out; echo node-err >&2; exit 2'] });
    await c.start();
    expect((await c.wait()).StatusCode).toBe(2);
    const logs = await c.logs({ stdout: true, stderr: true }) as unknown as Buffer;
    const out: string[] = [];
    const err: string[] = [];
    let i = 0;
    while (i + 8 <= logs.length) {
      const len = logs.readUInt32BE(i + 4);
      (logs[i] === 1 ? out : err).push(logs.subarray(i + 8, i + 8 + len).toString());
      i += 8 + len;
    }
    expect([out.join(''), err.join('')]).toEqual(['node-out\n', 'node-err\n']);
    const info = await c.inspect();
    expect([info.Name, info.State.Status, info.State.ExitCode]).toEqual([`/${name}`, 'exited', 2]);
    expect((await docker.listContainers({ all: true, filters: { name: [name] } })).map((x) => x.Names[0])).toEqual([`/${name}`]);
    await c.remove();
    await expect(c.inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('testcontainers: a GenericContainer with an exposed port, started, reached, stopped', async () => {
    Object.assign(process.env, {
      DOCKER_HOST: `unix://${svc.socket}`, TESTCONTAINERS_RYUK_DISABLED: 'true', TESTCONTAINERS_HOST_OVERRIDE: 'localhost',
    });
    const { GenericContainer, Wait } = await import('testcontainers');
    const started = await new GenericContainer('busybox:latest')
      .withCommand(['sh', '-c', 'mkdir /w && echo tc-ok > /w/index.html && exec httpd -f -p 8080 -h /w'])
      .withExposedPorts(8080)
      .withWaitStrategy(Wait.forListeningPorts())
      .start();
    const res = await fetch(`http://${started.getHost()}:${started.getMappedPort(8080)}/`);
    expect(await res.text()).toBe('tc-ok\n');
    const id = started.getId();
    await started.stop();
    expect((await svc.cli.run(['ps', '-a', '-q', '--no-trunc', '--filter', `id=${id}`])).stdout).toBe('');
  });
});
