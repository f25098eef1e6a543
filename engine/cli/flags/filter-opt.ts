// docker parity: cli@28.2 opts/opts.go FilterOpt.Set — a --filter value is checked when the flag is parsed,
// so a bad one is a flag error (exit 125, usage) rather than a daemon error.
export function filterValue(raw: string): string {
  const eq = raw.indexOf('=');
  if (eq < 0) throw new Error('bad format of filter (expected name=value)');
  return `${raw.slice(0, eq).trim().toLowerCase()}=${raw.slice(eq + 1).trim()}`;
}
