// Progress on stderr: a live counter line on a TTY; elsewhere (CI logs) one line per result.
export interface Progress { update(line: string, keep: boolean, done: number, total: number): void; done(): void }

export function createProgress(stream: NodeJS.WriteStream): Progress {
  const tty = stream.isTTY === true;
  return {
    update(line, keep, done, total) {
      const text = `[${done}/${total}] ${line}`;
      if (!tty) { stream.write(text + '\n'); return; }
      const width = stream.columns ?? 100;
      stream.write(`\r\x1b[K${keep ? text + '\n' : text.slice(0, width - 1)}`);
    },
    done() { if (tty) stream.write('\r\x1b[K'); },
  };
}
