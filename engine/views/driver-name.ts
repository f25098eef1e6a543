// skiff's storage drivers under the names Docker's graph drivers have: its "overlay" stacks all image
// layers as lowerdirs of one overlayfs mount, which is what Docker calls overlay2.
export function dockerDriverName(driver: string): string {
  return driver === 'overlay' ? 'overlay2' : driver;
}
