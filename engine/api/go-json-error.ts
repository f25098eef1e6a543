// Go's encoding/json syntax-error wording, which dockerd returns for malformed bodies and filters
// (e.g. "invalid character 'o' in literal null (expecting 'u')"): a small validating scanner that
// stops at the first character Go's scanner would reject. docker parity: Go encoding/json scanner.go
export function goJsonSyntaxError(text: string): string | undefined {
  const s = new Scanner(text);
  try {
    s.skipSpace();
    s.value();
    s.skipSpace();
    if (s.pos < text.length) s.fail('after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxStop) return e.message;
    throw e;
  }
}

class SyntaxStop extends Error {}

const quote = (ch: string) => (ch === "'" ? "'\\''" : ch === '"' ? "'\"'" : /[\x00-\x1f]/.test(ch) ? `'\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}'` : `'${ch}'`);

class Scanner {
  pos = 0;
  constructor(private readonly t: string) {}

  fail(context: string): never {
    if (this.pos >= this.t.length) throw new SyntaxStop('unexpected end of JSON input');
    throw new SyntaxStop(`invalid character ${quote(this.t[this.pos]!)} ${context}`);
  }

  skipSpace(): void { while (this.pos < this.t.length && ' \t\r\n'.includes(this.t[this.pos]!)) this.pos++; }

  value(): void {
    const c = this.t[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const lit of ['true', 'false', 'null']) if (c === lit[0]) return this.literal(lit);
    this.fail('looking for beginning of value');
  }

  literal(lit: string): void {
    this.pos++;
    for (let i = 1; i < lit.length; i++, this.pos++) {
      if (this.t[this.pos] !== lit[i]) this.fail(`in literal ${lit} (expecting '${lit[i]}')`);
    }
  }

  string(): void {
    this.pos++;
    for (;;) {
      const c = this.t[this.pos];
      if (c === undefined) this.fail('');
      if (c === '"') { this.pos++; return; }
      if (c < ' ') this.fail('in string literal');
      if (c === '\\') {
        this.pos++;
        const e = this.t[this.pos];
        if (e === 'u') {
          for (let i = 0; i < 4; i++) { this.pos++; if (!/[0-9a-fA-F]/.test(this.t[this.pos] ?? '')) this.fail('in \\u hexadecimal character escape'); }
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('in string escape code');
      }
      this.pos++;
    }
  }

  number(): void {
    if (this.t[this.pos] === '-') this.pos++;
    const digit = () => /[0-9]/.test(this.t[this.pos] ?? '');
    if (this.t[this.pos] === '0') this.pos++;
    else if (digit()) while (digit()) this.pos++;
    else this.fail('in numeric literal');
    if (this.t[this.pos] === '.') {
      this.pos++;
      if (!digit()) this.fail('after decimal point in numeric literal');
      while (digit()) this.pos++;
    }
    if (this.t[this.pos] === 'e' || this.t[this.pos] === 'E') {
      this.pos++;
      if (this.t[this.pos] === '+' || this.t[this.pos] === '-') this.pos++;
      if (!digit()) this.fail('in exponent of numeric literal');
      while (digit()) this.pos++;
    }
  }

  object(): void {
    this.pos++;
    this.skipSpace();
    if (this.t[this.pos] === '}') { this.pos++; return; }
    for (;;) {
      if (this.t[this.pos] !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.skipSpace();
      if (this.t[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      this.skipSpace();
      this.value();
      this.skipSpace();
      const c = this.t[this.pos];
      if (c === '}') { this.pos++; return; }
      if (c !== ',') this.fail('after object key:value pair');
      this.pos++;
      this.skipSpace();
    }
  }

  array(): void {
    this.pos++;
    this.skipSpace();
    if (this.t[this.pos] === ']') { this.pos++; return; }
    for (;;) {
      this.value();
      this.skipSpace();
      const c = this.t[this.pos];
      if (c === ']') { this.pos++; return; }
      if (c !== ',') this.fail('after array element');
      this.pos++;
      this.skipSpace();
    }
  }
}
