import { describe, expect, it } from 'vitest';
import { runFakeCli } from '../../../test-support/fake-cli.js';

// Outputs recorded from docker 28.2 (HOME=/root).
describe('docker context with the single default context', () => {
  it('lists it as docker does, warning when DOCKER_HOST overrides it', async () => {
    expect(await runFakeCli(['context', 'ls'])).toEqual({ code: 0, stderr: '', stdout:
      'NAME        DESCRIPTION                               DOCKER ENDPOINT               ERROR\n'
      + 'default *   Current DOCKER_HOST based configuration   unix:///var/run/docker.sock   \n' });
    const viaHost = await runFakeCli(['context', 'ls', '--format', '{{.Name}}'], { HOME: '/root', DOCKER_HOST: 'unix:///x.sock' });
    expect(viaHost.stdout).toBe('default\n');
    expect(viaHost.stderr).toBe('Warning: DOCKER_HOST environment variable overrides the active context. To use a context, either set the global --context flag, or unset DOCKER_HOST environment variable.\n');
    expect((await runFakeCli(['context', 'ls', '--format', 'json'])).stdout).toBe(
      '{"Current":true,"Description":"Current DOCKER_HOST based configuration","DockerEndpoint":"unix:///var/run/docker.sock","Error":"","Name":"default"}\n');
  });

  it('shows and inspects it; other names are not found', async () => {
    expect((await runFakeCli(['context', 'show'])).stdout).toBe('default\n');
    const out = (await runFakeCli(['context', 'inspect'])).stdout;
    expect(out).toContain('"MetadataPath": "\\u003cIN MEMORY\\u003e"');
    expect(JSON.parse(out)[0].Endpoints.docker).toEqual({ Host: 'unix:///var/run/docker.sock', SkipTLSVerify: false });
    expect(await runFakeCli(['context', 'inspect', 'nope'])).toEqual({ code: 1, stdout: '[]\n', stderr:
      'context "nope": context not found: open /root/.docker/contexts/meta/ca3704aa0b06f5954c79ee837faa152d84d6b2d42838f0637a15eda8337dbdce/meta.json: no such file or directory\n' });
  });
});
