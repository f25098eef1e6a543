// Compare pull/push output of two engines whose layer lines interleave in timing-dependent order:
// the lines before the first layer line, each layer's own sequence, and the lines after the last.
export interface Shape { head: string[]; layers: Record<string, string[]>; tail: string[]; count: number }

const LAYER = /^([0-9a-f]{12}): (.*)$/;

/**
 * Docker coalesces a layer's progress (moby xfer Broadcast keeps only the latest update when its
 * watcher wakes), so "Verifying Checksum", shown just before "Download complete", is sometimes skipped
 * for small layers. It is left out of the comparison; skiff always prints it.
 */
const COALESCED = /^[0-9a-f]{12}: Verifying Checksum$/;

export function shape(text: string, norm: (s: string) => string = (s) => s): Shape {
  const lines = text.split('\n').filter((l) => l !== '' && !COALESCED.test(l)).map(norm);
  const first = lines.findIndex((l) => LAYER.test(l));
  let last = -1;
  lines.forEach((l, i) => { if (LAYER.test(l)) last = i; });
  const layers: Record<string, string[]> = {};
  for (const l of first < 0 ? [] : lines.slice(first, last + 1)) {
    const m = LAYER.exec(l);
    if (m) (layers[m[1]!] ??= []).push(m[2]!);
  }
  return { head: first < 0 ? lines : lines.slice(0, first), layers, tail: first < 0 ? [] : lines.slice(last + 1), count: lines.length };
}

/** Layer ids differ between engines when their compressed blobs do (push): key by order of appearance. */
export function anonymousLayers(s: Shape): Shape {
  return { ...s, layers: Object.fromEntries(Object.values(s.layers).map((v, i) => [`layer${i}`, v])) };
}

export const hideDigests = (s: string) => s.replace(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>').replace(/size: \d+$/, 'size: <n>');
