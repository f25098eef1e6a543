// docker/go-units: human-readable durations and sizes, size parsing, and Go's time.Time.String().
// docker parity: github.com/docker/go-units duration.go, size.go
import { EngineError } from '../errors.js';
import { formatFloat } from './template/go-float.js';
export { goTimeString, localTimeZone } from './template/go-time.js';

/** units.HumanDuration for a duration in milliseconds ("Less than a second" … "2 years"). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5); // hours are rounded, unlike minutes
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function scale(size: number, base: number, units: string[]): [number, string] {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return [size, units[i]!];
}

/** units.HumanSizeWithPrecision: base 1000, Go's %.<p>g (999999 → "1e+03kB" with p=3). */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [n, unit] = scale(size, 1000, DECIMAL_UNITS);
  return formatFloat(n, 'g', precision) + unit;
}

/** units.HumanSize: HumanSizeWithPrecision(size, 4). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** units.BytesSize: base 1024, %.4g ("528KiB", "23.54GiB"). */
export function bytesSize(size: number): string {
  const [n, unit] = scale(size, 1024, BINARY_UNITS);
  return formatFloat(n, 'g', 4) + unit;
}

/** A size string that go-units rejects; the message is go-units' own. */
export class SizeError extends EngineError {
  constructor(message: string) {
    super('invalid-argument', 'invalid-size', message);
    this.name = 'SizeError';
  }
}

const KB = 1000;
const KIB = 1024;
const multipliers = (base: number): Record<string, number> => ({ k: base, m: base ** 2, g: base ** 3, t: base ** 4, p: base ** 5 });

// Go's strconv.ParseFloat for the decimal forms go-units passes it (text up to the last digit).
function parseGoFloat(num: string): number {
  const ok = /^[+-]?(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?$/.test(num);
  if (!ok) throw new SizeError(`strconv.ParseFloat: parsing ${JSON.stringify(num)}: invalid syntax`);
  return Number(num.replace(/_/g, ''));
}

function parseSize(sizeStr: string, base: number): number {
  const sep = Math.max(...[...'0123456789. '].map((c) => sizeStr.lastIndexOf(c)));
  if (sep === -1) throw new SizeError(`invalid size: '${sizeStr}'`);
  const num = sizeStr[sep] === ' ' ? sizeStr.slice(0, sep) : sizeStr.slice(0, sep + 1);
  let sfx = sizeStr.slice(sep + 1);
  let size = parseGoFloat(num);
  if (size < 0) throw new SizeError(`invalid size: '${sizeStr}'`);
  if (sfx.length === 0) return Math.trunc(size);
  const bad = () => new SizeError(`invalid suffix: '${sfx}'`);
  if (sfx.length > 3) throw bad();
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') {
    if (sfx.length > 1) throw bad();
    return Math.trunc(size);
  }
  const mul = multipliers(base)[sfx[0]!];
  if (mul === undefined) throw bad();
  size *= mul;
  if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) throw bad();
  return Math.trunc(size);
}

/** units.FromHumanSize: "10kB" → 10000 (base 1000 whatever the suffix spelling). */
export function fromHumanSize(size: string): number {
  return parseSize(size, KB);
}

/** units.RAMInBytes: "1g" → 1073741824 (base 1024 whatever the suffix spelling); used for --memory. */
export function ramInBytes(size: string): number {
  return parseSize(size, KIB);
}
