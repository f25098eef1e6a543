// A counting semaphore for transfers: at most `n` tasks run at once; `onQueued` runs for a task that
// has to wait for a slot (Docker prints "Waiting" for those).
export function concurrencyLimit(n: number) {
  let active = 0;
  const queue: Array<() => void> = [];
  return async <T>(task: () => Promise<T>, onQueued?: () => void): Promise<T> => {
    if (active >= n) {
      onQueued?.();
      await new Promise<void>((r) => queue.push(r));
    }
    active++;
    try {
      return await task();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}
