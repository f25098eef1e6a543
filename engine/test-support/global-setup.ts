// Integration tests compare with Docker using the busybox test image; a fresh machine's dockerd does
// not have it (nothing can be pulled here), so load the same reproducible archive into it once.
import { execFileSync } from 'node:child_process';
import { busyboxArchive } from './cli.js';

export default async function setup(): Promise<void> {
  try {
    execFileSync('docker', ['image', 'inspect', 'busybox:latest'], { stdio: 'ignore' });
    return;
  } catch { /* missing, or no dockerd: try to load */ }
  try {
    execFileSync('docker', ['load', '-i', await busyboxArchive()], { stdio: 'ignore' });
  } catch { /* no dockerd: the tests that need it say so */ }
}
