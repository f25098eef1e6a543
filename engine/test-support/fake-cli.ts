// Runs the CLI in-process with captured streams, for commands that need no engine (help, context,
// version, flag errors); reaching the engine fails the test.
import { PassThrough, Writable } from 'node:stream';
import type { CliIO } from '../cli/command.js';
import { allCommands } from '../cli/commands/index.js';
import { dispatch } from '../cli/dispatch.js';

export interface FakeRun { code: number; stdout: string; stderr: string }

export async function runFakeCli(argv: string[], env: NodeJS.ProcessEnv = { HOME: '/root' }): Promise<FakeRun> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { add(String(chunk)); cb(); } });
  const io: CliIO = { stdin: new PassThrough(), stdout: sink((s) => { stdout += s; }), stderr: sink((s) => { stderr += s; }), env };
  const code = await dispatch(argv, {
    io, prog: 'docker', commands: allCommands(),
    makeEngine: () => Promise.reject(new Error('this command must not need the engine')),
    printVersion: (o) => o.stdout.write('Docker version 0.1.0, build skiff\n'),
  });
  return { code, stdout, stderr };
}
