// The host's device nodes, which Docker gives to --privileged containers (runc's HostDevices walk).
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OciDevice } from '../runtime/spec/types.js';

const SKIP = new Set(['/dev/pts', '/dev/shm', '/dev/mqueue', '/dev/.lxc', '/dev/.udev']);

// Linux's dev_t encoding (major in bits 8-19 and 32-43, minor in bits 0-7 and 20-31).
const major = (rdev: bigint) => Number(((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn));
const minor = (rdev: bigint) => Number((rdev & 0xffn) | ((rdev >> 12n) & ~0xffn));

export function hostDevices(dir = '/dev'): OciDevice[] {
  const out: OciDevice[] = [];
  let names: string[];
  try { names = readdirSync(dir); } catch { return out; }
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (SKIP.has(path)) continue;
    let st;
    try { st = lstatSync(path, { bigint: true }); } catch { continue; }
    if (st.isDirectory()) { out.push(...hostDevices(path)); continue; }
    const type = st.isCharacterDevice() ? 'c' : st.isBlockDevice() ? 'b' : undefined;
    if (!type || path === '/dev/console') continue;
    out.push({ path, type, major: major(st.rdev), minor: minor(st.rdev), fileMode: Number(st.mode & 0o7777n), uid: Number(st.uid), gid: Number(st.gid) });
  }
  return out;
}
