// Stream data through a helper program (e.g. `zstd -dc`): chunks in on stdin, chunks out of stdout.
// A non-zero exit fails the output stream with the program's stderr.
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export async function* pipeThrough(program: string, args: readonly string[], input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const errText: Buffer[] = [];
  child.stderr.on('data', (c: Buffer) => errText.push(c));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const feeding = pipeline(Readable.from(input), child.stdin).catch((e: unknown) => { child.kill('SIGKILL'); return e; });
  try {
    for await (const c of child.stdout) yield c as Buffer;
    const fed = await feeding;
    const code = await exited;
    if (fed instanceof Error) throw fed;
    if (code !== 0) throw new Error(`${program} exited with status ${code}: ${Buffer.concat(errText).toString('utf8').trim()}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
