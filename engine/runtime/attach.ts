// Client of conmon's attach socket (SOCK_SEQPACKET, which Node's net module cannot open): each packet
// from conmon is one stream-id byte (2 stdout, 3 stderr) and a payload; what we send is raw stdin.
import { openSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

// Loaded on first attach only: its native loader probes the libc at start-up, which every other command would pay for.
const loadSeqpacket = () => (createRequire(import.meta.url)('node-unix-socket') as typeof import('node-unix-socket')).SeqpacketSocket;

export interface AttachHandlers {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
  /** The container closed its output (it exited, or conmon closed the connection). */
  end(): void;
}

export interface AttachConnection {
  write(data: Buffer): void;
  /** Half-close: conmon then closes the container's stdin. */
  closeStdin(): void;
  close(): void;
}

const STDOUT = 2;
const STDERR = 3;
const O_PATH = 0o10000000;

/** Connect through /proc/self/fd so bundle paths longer than sun_path's 108 bytes still work. */
export function attachToConmon(bundle: string, h: AttachHandlers): Promise<AttachConnection> {
  const fd = openSync(join(bundle, 'attach'), O_PATH);
  const SeqpacketSocket = loadSeqpacket();
  const sock = new SeqpacketSocket();
  return new Promise((resolve, reject) => {
    let ended = false;
    const finish = () => { if (!ended) { ended = true; h.end(); } };
    sock.on('data', (buf: Buffer) => {
      if (buf.length === 0) return;
      const payload = buf.subarray(1);
      if (buf[0] === STDERR) h.stderr(payload);
      else if (buf[0] === STDOUT) h.stdout(payload);
    });
    sock.on('end', finish);
    sock.on('close', finish);
    sock.on('error', (e: Error) => { if (!connected) reject(e); finish(); });
    let connected = false;
    try {
      sock.connect(`/proc/self/fd/${fd}`, () => {
        connected = true;
        closeSync(fd);
        // Once conmon has closed its side, the socket's calls throw; a late write or EOF has nowhere to go.
        const safe = (fn: () => void) => () => { if (ended) return; try { fn(); } catch { finish(); } };
        resolve({
          write: (data) => safe(() => sock.write(data))(),
          closeStdin: safe(() => sock.end()),
          close: () => { try { sock.destroy(); } catch { /* already closed */ } },
        });
      });
    } catch (e) {
      closeSync(fd);
      reject(e);
    }
  });
}

/** Resize the container's pty through conmon's control FIFO ("1 rows cols"). */
export function resizeTerminal(bundle: string, rows: number, cols: number): void {
  try { writeFileSync(join(bundle, 'ctl'), `1 ${rows} ${cols}\n`, { flag: 'a' }); } catch { /* container gone */ }
}
