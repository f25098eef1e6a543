// docker-compose 1.29 (Debian) against `skiff system service`: a two-service app with a named volume,
// a published port and service-name DNS, brought up, used and torn down with `down -v`.
import { execa } from 'execa';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxArchive, uniqueName } from '../../test-support/cli.js';
import { startRootService, type ApiService } from '../../test-support/api-service.js';

const COMPOSE = `version: "3.7"
services:
  web:
    image: busybox:latest
    command: sh -c 'echo hello-from-volume > /data/index.html; exec httpd -f -p 80 -h /data'
    volumes: ["data:/data"]
    ports: ["127.0.0.1::80"]
  client:
    image: busybox:latest
    command: sleep 300
    depends_on: [web]
volumes:
  data: {}
`;

describe('docker-compose through the API', () => {
  let svc: ApiService;
  let dir: string;
  const project = uniqueName('cmp').replace(/-/g, '');
  const compose = (args: string[]) => execa('docker-compose', ['-p', project, ...args], {
    cwd: dir, env: { ...svc.clientEnv, COMPOSE_INTERACTIVE_NO_CLI: '1' }, reject: false, timeout: 120_000,
  });

  beforeAll(async () => {
    svc = await startRootService();
    expect((await svc.cli.run(['load', '-i', await busyboxArchive()])).code).toBe(0);
    dir = mkdtempSync(join(tmpdir(), 'compose-'));
    writeFileSync(join(dir, 'docker-compose.yml'), COMPOSE);
  });
  afterAll(async () => {
    if (svc) await compose(['down', '-v', '-t', '1']);
    await svc?.stop();
  });

  it('brings the app up, resolves services by name, publishes the port, and takes it all down with -v', async () => {
    const up = await compose(['up', '-d']);
    expect(up.exitCode, up.stderr).toBe(0);
    const ps = await compose(['ps']);
    expect(ps.stdout).toMatch(new RegExp(`${project}_web_1 .* Up .*127\\.0\\.0\\.1:\\d+->80/tcp`));
    expect(ps.stdout).toMatch(new RegExp(`${project}_client_1 .* Up`));

    const fetched = await compose(['exec', '-T', 'client', 'wget', '-q', '-O-', 'http://web/']);
    expect([fetched.exitCode, fetched.stdout]).toEqual([0, 'hello-from-volume']);

    const port = (await compose(['port', 'web', '80'])).stdout.trim();
    expect(port).toMatch(/^127\.0\.0\.1:\d+$/);
    const res = await fetch(`http://${port}/`);
    expect(await res.text()).toBe('hello-from-volume\n');

    await compose(['exec', '-T', 'web', 'sh', '-c', 'echo logged-line']);
    const logs = await compose(['logs', '--no-color', 'web']);
    expect(logs.exitCode).toBe(0);
    expect(logs.stdout).toContain(`${project}_web_1`);

    const down = await compose(['down', '-v', '-t', '1']);
    expect(down.exitCode, down.stderr).toBe(0);
    expect((await svc.cli.run(['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '-q'])).stdout).toBe('');
    expect((await svc.cli.run(['volume', 'ls', '-q', '--filter', `name=${project}_data`])).stdout).toBe('');
    expect((await svc.cli.run(['network', 'ls', '-q', '--filter', `name=${project}_default`])).stdout).toBe('');
  });
});
