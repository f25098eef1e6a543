// strconv.Quote / QuoteRune / QuoteToASCII and Go's unicode.IsPrint, used by %q, `js` and the
// docker views (the ps COMMAND column is Go-quoted).

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

export function isGoPrint(ch: string): boolean {
  return PRINTABLE.test(ch);
}

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeRune(ch: string, quote: string, asciiOnly: boolean): string {
  if (ch === quote || ch === '\\') return '\\' + ch;
  const cp = ch.codePointAt(0)!;
  if (asciiOnly ? cp < 0x80 && isGoPrint(ch) : isGoPrint(ch)) return ch;
  const short = SHORT_ESCAPES[ch];
  if (short) return short;
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  if (cp >= 0xd800 && cp <= 0xdfff) return asciiOnly ? '\\ufffd' : '\ufffd'; // lone surrogate: invalid UTF-8 in Go
  return cp < 0x10000 ? '\\u' + hex(cp, 4) : '\\U' + hex(cp, 8);
}

/** strconv.Quote (or QuoteToASCII when asciiOnly). */
export function goQuote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch, '"', asciiOnly);
  return out + '"';
}

/** strconv.QuoteRune for a code point. */
export function goQuoteRune(cp: number, asciiOnly = false): string {
  const ch = cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  return "'" + escapeRune(ch, "'", asciiOnly) + "'";
}

/** strconv.CanBackquote: no backquote and no control characters other than tab. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    if (ch === '`' || ch === '\ufeff') return false;
    const cp = ch.codePointAt(0)!;
    if ((cp < 0x20 && ch !== '\t') || cp === 0x7f) return false;
  }
  return true;
}

/** Parses the body of a Go interpreted string literal (between the quotes). */
export function goUnquote(lit: string): string {
  if (lit.startsWith('`')) return lit.slice(1, -1).replace(/\r/g, '');
  const body = lit.slice(1, -1);
  const bytes: number[] = [];
  const push = (s: string) => bytes.push(...Buffer.from(s, 'utf8'));
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      const cp = body.codePointAt(i)!;
      push(String.fromCodePoint(cp));
      if (cp > 0xffff) i++;
      continue;
    }
    i = unescapeAt(body, i + 1, bytes, push) - 1;
  }
  return Buffer.from(bytes).toString('utf8');
}

const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34, "'": 39 };

// Returns the index just after the escape sequence starting at body[i] (after the backslash).
function unescapeAt(body: string, i: number, bytes: number[], push: (s: string) => void): number {
  const c = body[i]!;
  if (c in SIMPLE) {
    bytes.push(SIMPLE[c]!);
    return i + 1;
  }
  const widths: Record<string, number> = { x: 2, u: 4, U: 8 };
  if (c in widths) {
    const n = parseInt(body.slice(i + 1, i + 1 + widths[c]!), 16);
    if (c === 'x') bytes.push(n);
    else push(String.fromCodePoint(n));
    return i + 1 + widths[c]!;
  }
  bytes.push(parseInt(body.slice(i, i + 3), 8)); // octal \NNN
  return i + 3;
}

/** Whether a quoted literal is a valid Go string literal; returns an error text otherwise. */
export function checkGoStringLiteral(lit: string): string | undefined {
  if (lit.startsWith('`')) return undefined;
  const re = /\\(?:[abfnrtv\\"]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3})|\\/gu;
  for (const m of lit.slice(1, -1).matchAll(re)) if (m[0] === '\\') return 'invalid syntax';
  return undefined;
}
