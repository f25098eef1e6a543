// Tokens of the template lexer and their Go renderings in error messages.

export type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'comment' | 'assign' | 'declare' | 'eof' | 'field'
  | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim'
  | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range'
  | 'template' | 'with';

export interface Item {
  type: ItemType;
  pos: number; // offset in the template text (UTF-16 units)
  val: string;
  line: number; // line number at the start of the item
}

export const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);
export const isKeyword = (t: ItemType) => KEYWORDS.has(t) || t === 'dot';

/** Go's item.String(), used in "unexpected %s in %s" messages. */
export function itemString(it: Item): string {
  if (it.type === 'eof') return 'EOF';
  if (it.type === 'error') return it.val;
  if (isKeyword(it.type)) return `<${it.val}>`;
  const chars = [...it.val];
  if (chars.length > 10) return JSON.stringify(chars.slice(0, 10).join('')) + '...';
  return JSON.stringify(it.val);
}

/** Go's %#U: U+007D '}' */
export function goRuneDesc(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch) ? `${hex} '${ch}'` : hex;
}

