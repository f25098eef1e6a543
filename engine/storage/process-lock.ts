// Cross-process mutual exclusion without lock files: holding the lock is having bound an abstract
// unix socket name (Linux), which the kernel releases when the holder dies, even by SIGKILL, so a
// crashed pull never leaves a stale lock behind. Names are scoped by the storage root.
import { createServer, type Server } from 'node:net';
import { sha256Hex } from './digest.js';

export interface LockOptions { pollMs?: number; onWait?: () => void; signal?: AbortSignal }

export class ProcessLocks {
  private readonly prefix: string;

  constructor(scope: string) { this.prefix = `\0skiff-${sha256Hex(scope).slice(0, 16)}-`; }

  private name(key: string) { return `${this.prefix}${sha256Hex(key).slice(0, 40)}`; }

  /** Try once: the held lock, or undefined when another process (or this one) holds it. */
  async tryAcquire(key: string): Promise<Server | undefined> {
    const server = createServer();
    return new Promise((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' ? resolve(undefined) : reject(e)));
      server.listen({ path: this.name(key) }, () => { server.unref(); resolve(server); });
    });
  }

  /** Run `fn` holding the lock for `key`, waiting (polling) while another process holds it. */
  async with<T>(key: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
    let held = await this.tryAcquire(key);
    if (!held) opts.onWait?.();
    while (!held) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 50));
      held = await this.tryAcquire(key);
    }
    try {
      return await fn();
    } finally {
      await new Promise<void>((r) => held!.close(() => r()));
    }
  }
}
