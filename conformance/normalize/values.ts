// Sizes, addresses, ports and generated names: values that legitimately vary between runs.

/** The number of a humanized size varies; its unit and spacing are kept (`2.13 MB` ≠ `1.98MB`). */
export function normalizeSizes(text: string): string {
  return text.replace(/(?<![\w.])\d+(?:\.\d+)?(\s?)(B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\b/g, (_m, space: string, unit: string) => `<n>${space}${unit}`);
}

const KEEP_IPS = new Set(['0.0.0.0', '127.0.0.1', '255.255.255.255']);

export function normalizeIps(text: string): string {
  return text
    .replace(/(?<![\w:])(?:[0-9a-f]{2}:){5}[0-9a-f]{2}(?![\w:])/gi, '<mac>')
    .replace(/(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])/g, (ip) => (KEEP_IPS.has(ip) ? ip : '<ip>'))
    .replace(/(?<![\w:])(?:[0-9a-f]{1,4}:){1,7}:?(?:[0-9a-f]{1,4})?(?::[0-9a-f]{1,4}){0,6}(?![\w:])/gi, (ip) =>
      ip.includes('::') && ip !== '::' && ip !== '::1' && /[0-9a-f]{2,}/i.test(ip) ? '<ip6>' : ip);
}

/** Host ports from the ephemeral range (Docker picks them); fixed ports below it are kept. */
export function normalizePorts(text: string): string {
  return text.replace(/(?<=[\d\]>:]):(\d{5})(?!\d)/g, (m, port: string) => (Number(port) >= 32768 ? ':<port>' : m));
}

export const isEphemeralPort = (v: unknown): boolean => Number(v) >= 32768 && Number(v) <= 65535 && /^\d+$/.test(String(v));

/** Names Docker generates (`adjective_surname`), as a whole word, optionally with inspect's leading slash. */
export function normalizeGeneratedNames(text: string): string {
  return text.replace(/(?<![\w.=/-])(\/?)[a-z]{3,15}_[a-z]{3,15}(?![\w.=/-])/g, '$1<generated-name>');
}
