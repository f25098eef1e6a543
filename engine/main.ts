// Composition root: builds the one Engine context and hands argv to the CLI. No global state elsewhere.
import { loadConfig } from './config/config.js';
import type { Engine } from './context.js';
import { allCommands } from './cli/commands/index.js';
import { dispatch, type GlobalOptions } from './cli/dispatch.js';
import type { CliIO } from './cli/command.js';
import { openEngine } from './engine-factory.js';
import { enterUserNamespaceIfNeeded } from './sys/userns.js';
import { serviceCommand } from './service-command.js';

const VERSION = '0.1.0';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const reexec = await enterUserNamespaceIfNeeded(argv);
  if (reexec !== undefined) return reexec;
  const io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
  const prog = process.env.SKIFF_PROG || 'skiff';
  return dispatch(argv, {
    io,
    prog,
    commands: [...allCommands(), serviceCommand],
    makeEngine: (globals: GlobalOptions): Promise<Engine> => openEngine(loadConfig(process.env, globals)),
    printVersion: (o) => o.stdout.write(`${prog === 'docker' ? 'Docker' : 'skiff'} version ${VERSION}, build skiff\n`),
  });
}

main().then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`Error: ${err?.stack ?? err}\n`); process.exitCode = 125; },
);
