// Runs one CLI step on a target with execa: argv, stdin, env, timeout; a TTY through util-linux `script`.
import { execa } from 'execa';
import { quoteShell } from '../scenario/shell-words.js';
import type { Target } from '../targets.js';
import type { StepOutcome } from './outcome.js';

export interface CliInvocation { argv: string[]; stdin?: string; env: Record<string, string>; tty: boolean; timeoutMs: number }

export async function runCliStep(target: Target, inv: CliInvocation): Promise<StepOutcome> {
  const [file, ...prefix] = target.command;
  const args = [...prefix, ...inv.argv];
  const display = quoteShell([target.displayCommand, ...inv.argv]);
  const started = Date.now();
  const [cmd, cmdArgs] = inv.tty ? ['script', ['-qefc', quoteShell([file!, ...args]), '/dev/null']] : [file!, args];
  const result = await execa(cmd, cmdArgs as string[], {
    env: { ...target.env, ...inv.env },
    input: inv.stdin,
    stdin: inv.stdin === undefined ? 'ignore' : undefined,
    timeout: inv.timeoutMs,
    reject: false,
    stripFinalNewline: false,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const outcome: StepOutcome = {
    kind: 'cli', display, exit: result.exitCode ?? null, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''),
    durationMs: Date.now() - started,
  };
  if (result.timedOut) outcome.timedOut = true;
  else if (result.exitCode === undefined) outcome.error = `could not run ${file}: ${result.shortMessage ?? result.message}`;
  return outcome;
}
