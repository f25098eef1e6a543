// The text/template lexer: splits a template into text and action tokens, following Go's
// text/template/parse/lex.go state machine (trim markers, comments, strings, numbers, fields).

import { KEYWORDS, goRuneDesc, type Item, type ItemType } from './items.js';

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined) => c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c);
const TRIM = 2; // length of "- " and " -"

const hasLeftTrim = (s: string, i: number) => s[i] === '-' && isSpace(s[i + 1]);
const hasRightTrim = (s: string, i: number) => isSpace(s[i]) && s[i + 1] === '-';

export class Lexer {
  readonly items: Item[] = [];
  private pos = 0;
  private start = 0;
  private line = 1;
  private startLine = 1;
  private parenDepth = 0;

  constructor(private readonly input: string, private readonly left = '{{', private readonly right = '}}') {}

  /** Lexes the whole input; the last item is 'eof' or 'error'. */
  run(): Item[] {
    let state: (() => unknown) | null = () => this.lexText();
    while (state) state = state() as (() => unknown) | null;
    return this.items;
  }

  private emit(type: ItemType): void {
    this.items.push({ type, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine });
    this.ignore();
  }

  private ignore(): void {
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
  }

  private errorf(msg: string): null {
    this.items.push({ type: 'error', pos: this.start, val: msg, line: this.startLine });
    return null;
  }

  private next(): string | undefined {
    if (this.pos >= this.input.length) {
      this.pos++; // so that backup() after EOF is symmetric
      return undefined;
    }
    const ch = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.pos += ch.length;
    return ch;
  }

  private backup(ch: string | undefined): void {
    this.pos -= ch === undefined ? 1 : ch.length;
  }

  private peek(): string | undefined {
    const ch = this.next();
    this.backup(ch);
    return ch;
  }

  private lexText(): (() => unknown) | null {
    const x = this.input.indexOf(this.left, this.pos);
    if (x < 0) {
      this.pos = this.input.length;
      if (this.pos > this.start) this.emit('text');
      this.emit('eof');
      return null;
    }
    this.pos = x;
    let end = x;
    if (hasLeftTrim(this.input, x + this.left.length)) {
      while (end > this.start && isSpace(this.input[end - 1])) end--;
    }
    if (end > this.start) {
      this.pos = end;
      this.emit('text');
    }
    this.pos = x;
    this.ignore();
    return () => this.lexLeftDelim();
  }

  private lexLeftDelim(): (() => unknown) | null {
    this.pos += this.left.length;
    const trim = hasLeftTrim(this.input, this.pos);
    const after = trim ? TRIM : 0;
    if (this.input.startsWith('/*', this.pos + after)) {
      this.pos += after;
      this.ignore();
      return () => this.lexComment();
    }
    this.emit('leftDelim');
    this.pos += after;
    this.ignore();
    this.parenDepth = 0;
    return () => this.lexInsideAction();
  }

  private lexComment(): (() => unknown) | null {
    const x = this.input.indexOf('*/', this.pos + 2);
    if (x < 0) return this.errorf('unclosed comment');
    this.pos = x + 2;
    const [delim, trim] = this.atRightDelim();
    if (!delim) return this.errorf('comment ends before closing delimiter');
    this.ignore(); // comments are not emitted (Go's default mode)
    if (trim) this.pos += TRIM;
    this.pos += this.right.length;
    if (trim) this.skipSpaces();
    this.ignore();
    return () => this.lexText();
  }

  private skipSpaces(): void {
    while (isSpace(this.input[this.pos])) this.pos++;
  }

  private atRightDelim(): [boolean, boolean] {
    if (hasRightTrim(this.input, this.pos) && this.input.startsWith(this.right, this.pos + TRIM)) return [true, true];
    return [this.input.startsWith(this.right, this.pos), false];
  }

  private lexRightDelim(): (() => unknown) | null {
    const trim = hasRightTrim(this.input, this.pos);
    if (trim) {
      this.pos += TRIM;
      this.ignore();
    }
    this.pos += this.right.length;
    this.emit('rightDelim');
    if (trim) {
      this.skipSpaces();
      this.ignore();
    }
    return () => this.lexText();
  }

  private lexInsideAction(): (() => unknown) | null {
    const [delim] = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return () => this.lexRightDelim();
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === undefined) return this.errorf('unclosed action');
    if (isSpace(r)) {
      this.backup(r);
      return () => this.lexSpace();
    }
    return this.lexActionChar(r);
  }

  private lexActionChar(r: string): (() => unknown) | null {
    const inside = () => this.lexInsideAction();
    switch (r) {
      case '=': this.emit('assign'); return inside;
      case ':':
        if (this.next() !== '=') return this.errorf('expected :=');
        this.emit('declare');
        return inside;
      case '|': this.emit('pipe'); return inside;
      case '"': return this.lexQuote('"', 'unterminated quoted string', 'string');
      case '`': return this.lexRaw();
      case "'": return this.lexQuote("'", 'unterminated character constant', 'charConstant');
      case '$': return this.lexFieldOrVariable('variable');
      case '(': this.emit('leftParen'); this.parenDepth++; return inside;
      case ')':
        if (--this.parenDepth < 0) return this.errorf('unexpected right paren');
        this.emit('rightParen');
        return inside;
      case '.':
        if (!/[0-9]/.test(this.input[this.pos] ?? '')) return this.lexFieldOrVariable('field');
        this.backup(r);
        return this.lexNumber();
    }
    if (r === '+' || r === '-' || /[0-9]/.test(r)) {
      this.backup(r);
      return this.lexNumber();
    }
    if (isAlnum(r)) {
      this.backup(r);
      return this.lexIdentifier();
    }
    if (r.codePointAt(0)! < 0x80 && /[\x21-\x7e]/.test(r)) {
      this.emit('char');
      return inside;
    }
    return this.errorf(`unrecognized character in action: ${goRuneDesc(r)}`);
  }

  private lexSpace(): (() => unknown) | null {
    let n = 0;
    while (isSpace(this.peek())) {
      this.next();
      n++;
    }
    // A space may begin the " -}}" trim marker of the closing delimiter.
    if (hasRightTrim(this.input, this.pos - 1) && this.input.startsWith(this.right, this.pos - 1 + TRIM)) {
      this.pos--;
      if (n === 1) return () => this.lexRightDelim();
    }
    this.emit('space');
    return () => this.lexInsideAction();
  }

  private lexIdentifier(): (() => unknown) | null {
    let r: string | undefined;
    while (isAlnum((r = this.next())));
    this.backup(r);
    if (!this.atTerminator()) return this.errorf(`bad character ${goRuneDesc(r ?? '')}`);
    const word = this.input.slice(this.start, this.pos);
    if (KEYWORDS.has(word)) this.emit(word as ItemType);
    else if (word === 'true' || word === 'false') this.emit('bool');
    else this.emit('identifier');
    return () => this.lexInsideAction();
  }

  private lexFieldOrVariable(type: 'field' | 'variable'): (() => unknown) | null {
    if (this.atTerminator()) {
      this.emit(type === 'variable' ? 'variable' : 'dot');
      return () => this.lexInsideAction();
    }
    let r: string | undefined;
    while (isAlnum((r = this.next())));
    this.backup(r);
    if (!this.atTerminator()) return this.errorf(`bad character ${goRuneDesc(r ?? '')}`);
    this.emit(type);
    return () => this.lexInsideAction();
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (r === undefined || isSpace(r) || '.,|:()'.includes(r)) return true;
    return this.input.startsWith(this.right, this.pos);
  }

  private lexQuote(quote: string, unterminated: string, type: ItemType): (() => unknown) | null {
    for (;;) {
      let r = this.next();
      if (r === '\\') {
        r = this.next();
        if (r !== undefined && r !== '\n') continue;
      }
      if (r === undefined || r === '\n') return this.errorf(unterminated);
      if (r === quote) break;
    }
    this.emit(type);
    return () => this.lexInsideAction();
  }

  private lexRaw(): (() => unknown) | null {
    const x = this.input.indexOf('`', this.pos);
    if (x < 0) return this.errorf('unterminated raw quoted string');
    this.pos = x + 1;
    this.emit('rawString');
    return () => this.lexInsideAction();
  }

  private lexNumber(): (() => unknown) | null {
    const m = /^[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?|0[oO][0-7_]*|0[bB][01_]*|[0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]+)?)i?/
      .exec(this.input.slice(this.pos))!;
    this.pos += m[0].length;
    if (isAlnum(this.peek())) {
      this.next();
      return this.errorf(`bad number syntax: ${JSON.stringify(this.input.slice(this.start, this.pos))}`);
    }
    this.emit('number');
    return () => this.lexInsideAction();
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
