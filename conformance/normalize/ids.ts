// Container, image and exec ids are random per run. Each distinct id gets a stable number in order of
// first appearance (per scenario and target), so "the same id printed twice" still has to hold.

export class IdMap {
  private readonly byPrefix = new Map<string, number>();
  constructor(readonly numbered = true) {}

  label(hex: string): string {
    if (!this.numbered) return hex.length === 64 ? '<id>' : '<id:12>';
    const key = hex.slice(0, 12);
    let n = this.byPrefix.get(key);
    if (n === undefined) this.byPrefix.set(key, (n = this.byPrefix.size + 1));
    return hex.length === 64 ? `<id-${n}>` : `<id-${n}:12>`;
  }
}

/** Digests keep their algorithm prefix, so a missing `sha256:` remains a difference. */
export function normalizeDigests(text: string, ids: IdMap): string {
  return text.replace(/sha256:([0-9a-f]{64})\b/g, (_m, hex: string) => `sha256:${ids.label(hex)}`);
}

/** Bare 64- and 12-hex ids; 12-hex words need a letter and a digit so plain numbers are left alone. */
export function normalizeIds(text: string, ids: IdMap): string {
  return text
    .replace(/(?<![0-9a-zA-Z])[0-9a-f]{64}(?![0-9a-zA-Z])/g, (hex) => ids.label(hex))
    .replace(/(?<![0-9a-zA-Z])[0-9a-f]{12}(?![0-9a-zA-Z])/g, (hex) => (/[a-f]/.test(hex) && /[0-9]/.test(hex) ? ids.label(hex) : hex));
}
