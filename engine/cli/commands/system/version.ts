import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { serverVersion, SKIFF_VERSION, API_VERSION } from '../../../domain/system/version.js';
import { loadConfig } from '../../../config/config.js';
import { renderOne } from '../../../format/index.js';
import { INSPECT_FORMAT_HELP } from '../../format-help.js';

const pad = (label: string, width: number) => `${label}:`.padEnd(width);

const version: CommandSpec = {
  path: 'version', usage: '[OPTIONS]', description: 'Show the Docker version information', args: { max: 0 },
  flags: [{ name: 'format', short: 'f', type: 'string', usage: INSPECT_FORMAT_HELP }],
  async run(ctx) {
    const server = await serverVersion(loadConfig(ctx.io.env));
    const arch = process.arch === 'x64' ? 'amd64' : process.arch;
    const client = { Platform: { Name: 'skiff' }, Version: SKIFF_VERSION, ApiVersion: API_VERSION, DefaultAPIVersion: API_VERSION, GitCommit: '', GoVersion: process.version, Os: 'linux', Arch: arch, BuildTime: '', Context: 'default' };
    const format = ctx.flags.format as string;
    if (format) {
      const data = { Client: client, Server: server };
      try {
        ctx.io.stdout.write(format === 'json' || format === '{{json .}}' ? `${JSON.stringify(data)}\n` : renderOne(format, data));
      } catch (e) {
        throw new StatusError(`${(e as Error).message}`, 1);
      }
      return 0;
    }
    const lines = ['Client:', ` ${pad('Version', 19)}${client.Version}`, ` ${pad('API version', 19)}${client.ApiVersion}`, ` ${pad('Go version', 19)}${client.GoVersion}`,
      ` ${pad('Git commit', 19)}`, ` ${pad('Built', 19)}`, ` ${pad('OS/Arch', 19)}linux/${arch}`, ` ${pad('Context', 19)}default`, '', 'Server:'];
    for (const c of server.Components) {
      lines.push(` ${c.Name}:`, `  ${pad('Version', 18)}${c.Version}`);
      if (c.Name === 'Engine') lines.push(`  ${pad('API version', 18)}${server.ApiVersion} (minimum version ${server.MinAPIVersion})`, `  ${pad('OS/Arch', 18)}linux/${arch}`, `  ${pad('Experimental', 18)}false`);
      else lines.push(`  ${pad('GitCommit', 18)}`);
    }
    ctx.io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};

export default version;
