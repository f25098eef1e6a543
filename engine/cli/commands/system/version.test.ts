import { describe, expect, it } from 'vitest';
import { runFakeCli } from '../../../test-support/fake-cli.js';

describe('docker version --format', () => {
  it('evaluates the Go struct docker/cli builds (Go field names, JSON tags for json)', async () => {
    expect((await runFakeCli(['version', '--format', '{{.Server.APIVersion}} {{.Client.APIVersion}} {{.Server.Os}}'])).stdout).toBe('1.41 1.41 linux\n');
    const json = JSON.parse((await runFakeCli(['version', '--format', 'json'])).stdout);
    expect(Object.keys(json.Server)).toContain('ApiVersion');
    expect(json.Server.Components.map((c: { Name: string }) => c.Name)).toEqual(['Engine', 'conmon', 'runc', 'docker-init']);
  });

  it('fails like docker on unknown fields (exit 1, a newline still printed) and on bad templates (exit 64)', async () => {
    expect(await runFakeCli(['version', '--format', '{{.Nope}}'])).toEqual({ code: 1, stdout: '\n',
      stderr: 'template: version:1:2: executing "version" at <.Nope>: can\'t evaluate field Nope in type system.versionInfo\n' });
    expect(await runFakeCli(['version', '--format', '{{.Nope'])).toEqual({ code: 64, stdout: '',
      stderr: 'template parsing error: template: version:1: unclosed action\n' });
  });

  it('prints the default layout through a tabwriter', async () => {
    const out = (await runFakeCli(['version'])).stdout;
    expect(out).toMatch(/^Client:\n Version: {11}0\.1\.0\n API version: {7}1\.41\n/);
    expect(out).toContain('\n\nServer: skiff\n Engine:\n  Version:          0.1.0\n  API version:      1.41 (minimum version 1.24)\n');
  });
});
