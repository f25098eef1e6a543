// sd_notify(3) without a native datagram socket (Node has none): systemd-notify sends the message and,
// when privileged, credits it to its parent, which is this process.
import { run } from './process.js';

export async function notifyReady(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!env.NOTIFY_SOCKET) return;
  try {
    await run('systemd-notify', ['--ready', `MAINPID=${process.pid}`], { env });
  } catch { /* no systemd-notify: the unit falls back to its start timeout */ }
}
