// Go's strconv float formatting ('e', 'f', 'g' with or without precision). Digits come from the exact
// binary value (BigInt), rounded half-to-even like Go, so `%.2f` of 0.125 is 0.12 as in Go.

interface Digits {
  d: string; // significant digits, no leading/trailing zeros ('' for zero)
  dp: number; // decimal point position: value = 0.d × 10^dp
}

/** The exact decimal expansion of a finite non-negative double. */
function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp = biased - 1075;
  if (biased === 0) exp = -1074;
  else mant |= 1n << 52n;
  if (exp >= 0) return trim((mant << BigInt(exp)).toString(), null);
  const s = (mant * 5n ** BigInt(-exp)).toString();
  return trim(s, s.length + exp);
}

function trim(s: string, dp: number | null): Digits {
  const d = s.replace(/0+$/, '');
  return { d, dp: dp ?? s.length };
}

/** Shortest digits that round-trip (what JS and Go both produce for precision -1). */
function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const [mant, exp] = x.toExponential().split('e');
  const d = mant!.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exp) + 1 };
}

/** Rounds to n significant digits, half to even on exact ties. */
function roundTo(x: Digits, n: number): Digits {
  if (n >= x.d.length) return x;
  if (n < 0) return { d: '', dp: 0 };
  const next = x.d.charCodeAt(n) - 48;
  const exactHalf = next === 5 && n + 1 === x.d.length;
  const prevOdd = n > 0 && (x.d.charCodeAt(n - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && !exactHalf) || (exactHalf && prevOdd);
  const kept = x.d.slice(0, n);
  if (!up) return trim(kept, x.dp);
  let i = n - 1;
  while (i >= 0 && kept[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  return trim(kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1), x.dp);
}

function digitAt(x: Digits, i: number): string {
  return i >= 0 && i < x.d.length ? x.d[i]! : '0';
}

function fmtE(x: Digits, prec: number, upper: boolean): string {
  let s = digitAt(x, 0);
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(x, i);
  }
  const exp = x.d === '' ? 0 : x.dp - 1;
  const e = Math.abs(exp);
  return s + (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (e < 10 ? '0' : '') + e;
}

function fmtF(x: Digits, prec: number): string {
  let s = '';
  if (x.dp > 0) for (let i = 0; i < x.dp; i++) s += digitAt(x, i);
  else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(x, x.dp + i);
  }
  return s;
}

/** strconv.FormatFloat(x, fmt, prec, 64) for fmt in e E f F g G; prec -1 means shortest. */
export function formatFloat(x: number, fmt: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  return (neg ? '-' : '') + formatAbs(Math.abs(x), fmt, prec);
}

function formatAbs(x: number, fmt: string, prec: number): string {
  const shortest = prec < 0;
  const lower = fmt.toLowerCase();
  let digs = shortest ? shortestDigits(x) : exactDigits(x);
  if (!shortest) {
    if (lower === 'e') digs = roundTo(digs, prec + 1);
    else if (lower === 'f') digs = roundTo(digs, digs.dp + prec);
    else digs = roundTo(digs, prec === 0 ? 1 : prec);
  }
  if (lower === 'e') return fmtE(digs, shortest ? Math.max(digs.d.length - 1, 0) : prec, fmt === 'E');
  if (lower === 'f') return fmtF(digs, shortest ? Math.max(digs.d.length - digs.dp, 0) : prec);
  return fmtG(digs, shortest, prec === 0 ? 1 : prec, fmt === 'G');
}

// %g: exponent form when the exponent is < -4 or >= the precision (6 when shortest).
function fmtG(digs: Digits, shortest: boolean, prec: number, upper: boolean): string {
  const nd = digs.d.length;
  let eprec = shortest ? nd : prec;
  if (eprec > nd && nd >= digs.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (nd > 0 && (exp < -4 || exp >= eprec)) {
    const p = shortest || prec > nd ? nd : prec;
    return fmtE(digs, Math.max(p - 1, 0), upper);
  }
  const p = shortest || prec > digs.dp ? nd : prec;
  return fmtF(digs, Math.max(p - digs.dp, 0));
}
