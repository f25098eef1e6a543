import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { loadConfig } from '../../../config/config.js';
import { installDockerShim } from '../../../domain/system/install-shim.js';
import { daemonError } from '../../exit.js';

const installShim: CommandSpec = {
  path: 'system install-docker-shim', usage: '[OPTIONS]', description: 'Make `docker` and /var/run/docker.sock reach skiff',
  args: { max: 0 },
  flags: [
    { name: 'bin-dir', type: 'string', defaultValue: '/usr/local/bin', usage: 'Directory for the docker command' },
    { name: 'socket', type: 'string', defaultValue: '/var/run/docker.sock', usage: 'Path Docker clients connect to' },
    { name: 'force', type: 'bool', usage: 'Replace an existing docker command or socket' },
  ],
  async run(ctx) {
    const config = loadConfig(ctx.io.env);
    // dist/skiff.js sits next to shim/ in the package.
    const shimScript = join(dirname(fileURLToPath(import.meta.url)), '..', 'shim', 'docker.js');
    try {
      const report = installDockerShim({ shimScript, binDir: ctx.flags['bin-dir'] as string, apiSocket: config.paths.apiSocket,
        dockerSocket: ctx.flags.socket as string, force: ctx.flags.force as boolean });
      for (const l of report.links) ctx.io.stdout.write(`${l.path} -> ${l.target}\n`);
    } catch (e) {
      throw new StatusError(`Error: ${(e as Error).message ?? daemonError(e)}`, 1);
    }
    return 0;
  },
};

export default installShim;
