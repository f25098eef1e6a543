// Parse tree of a template (Go's text/template/parse node types) and Go's Node.String() rendering,
// which appears in execution errors ("executing \"\" at <.Foo>: …").
import { checkGoStringLiteral, goUnquote } from './go-quote.js';

interface Base { pos: number }

export interface ListNode extends Base { type: 'list'; nodes: Node[] }
export interface TextNode extends Base { type: 'text'; text: string }
export interface ActionNode extends Base { type: 'action'; line: number; pipe: PipeNode }
export interface BranchNode extends Base {
  type: 'if' | 'range' | 'with';
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
export interface TemplateNode extends Base { type: 'template'; line: number; name: string; pipe?: PipeNode }
export interface SimpleNode extends Base { type: 'break' | 'continue' | 'end' | 'else' | 'dot' | 'nil' }
export interface CommentNode extends Base { type: 'comment'; text: string }
export interface PipeNode extends Base {
  type: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Base { type: 'command'; args: ArgNode[] }
export interface FieldNode extends Base { type: 'field'; ident: string[] }
export interface VariableNode extends Base { type: 'variable'; ident: string[] }
export interface ChainNode extends Base { type: 'chain'; node: ArgNode; field: string[] }
export interface BoolNode extends Base { type: 'bool'; value: boolean }
export interface NumberNode extends Base { type: 'number'; text: string; value: number | bigint; isFloat: boolean; isInt: boolean }
export interface StringNode extends Base { type: 'string'; quoted: string; text: string }
export interface IdentifierNode extends Base { type: 'identifier'; name: string }

export type ArgNode =
  | FieldNode | VariableNode | ChainNode | BoolNode | NumberNode | StringNode | IdentifierNode
  | PipeNode | SimpleNode;
export type Node = ListNode | TextNode | ActionNode | BranchNode | TemplateNode | SimpleNode | CommentNode | ArgNode | CommandNode;

/** Go's Node.String(). */
export function nodeString(n: Node): string {
  switch (n.type) {
    case 'list': return n.nodes.map(nodeString).join('');
    case 'text': return n.text;
    case 'comment': return '{{' + n.text + '}}';
    case 'action': return '{{' + nodeString(n.pipe) + '}}';
    case 'if': case 'range': case 'with': return branchString(n);
    case 'template': return `{{template ${JSON.stringify(n.name)}${n.pipe ? ' ' + nodeString(n.pipe) : ''}}}`;
    case 'break': case 'continue': case 'end': case 'else': return `{{${n.type}}}`;
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'pipe': return pipeString(n);
    case 'command': return n.args.map((a) => (a.type === 'pipe' ? '(' + nodeString(a) + ')' : nodeString(a))).join(' ');
    case 'field': return n.ident.map((s) => '.' + s).join('');
    case 'variable': return n.ident.join('.');
    case 'chain': return (n.node.type === 'pipe' ? '(' + nodeString(n.node) + ')' : nodeString(n.node)) + n.field.map((f) => '.' + f).join('');
    case 'bool': return String(n.value);
    case 'number': return n.text;
    case 'string': return n.quoted;
    case 'identifier': return n.name;
  }
}

function pipeString(p: PipeNode): string {
  let s = '';
  if (p.decl.length > 0) s = p.decl.map(nodeString).join(', ') + (p.isAssign ? ' = ' : ' := ');
  return s + p.cmds.map(nodeString).join(' | ');
}

function branchString(n: BranchNode): string {
  const head = `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
  return head + (n.elseList ? '{{else}}' + nodeString(n.elseList) : '') + '{{end}}';
}

const INT_RE = /^[+-]?(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)$/;
const FLOAT_RE = /^[+-]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const HEX_FLOAT_RE = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9_]+)$/;

function parseIntLiteral(text: string): bigint {
  const neg = text.startsWith('-');
  let body = text.replace(/^[+-]/, '').replace(/_/g, '');
  if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1); // legacy octal 017
  const v = BigInt(body);
  return neg ? -v : v;
}

function parseHexFloat(m: RegExpExecArray): number {
  const [, sign, int = '', frac = '', exp = '0'] = m;
  const digits = (int + frac).replace(/_/g, '') || '0';
  const v = Number(BigInt('0x' + digits)) * 2 ** (Number(exp.replace(/_/g, '')) - 4 * frac.replace(/_/g, '').length);
  return sign === '-' ? -v : v;
}

/** Go's parse.newNumber for a number token: the value, or an error message. */
export function parseNumberLiteral(text: string): { value: number | bigint; isFloat: boolean; isInt: boolean } | string {
  if (text.endsWith('i')) return `illegal number syntax: ${JSON.stringify(text)}`; // complex is not supported
  if (INT_RE.test(text)) {
    const v = parseIntLiteral(text);
    if (v > 18446744073709551615n || v < -9223372036854775808n) return `integer overflow: ${JSON.stringify(text)}`;
    return { value: Number.isSafeInteger(Number(v)) ? Number(v) : v, isFloat: false, isInt: true };
  }
  const hex = HEX_FLOAT_RE.exec(text);
  const f = hex ? parseHexFloat(hex) : FLOAT_RE.test(text) ? Number(text.replace(/_/g, '')) : NaN;
  if (!Number.isFinite(f)) return `illegal number syntax: ${JSON.stringify(text)}`;
  if (!/[.eEpP]/.test(text)) return `integer overflow: ${JSON.stringify(text)}`;
  return { value: f, isFloat: true, isInt: Number.isInteger(f) };
}

/** Whether a list holds only whitespace text and comments (Go's parse.IsEmptyTree). */
export function isEmptyTree(n: Node): boolean {
  if (n.type === 'list') return n.nodes.every(isEmptyTree);
  if (n.type === 'text') return n.text.trim() === '';
  return n.type === 'comment';
}

/** The code point of a character constant like 'a' or '\\n', or undefined when malformed. */
export function charValue(lit: string): number | undefined {
  const inner = lit.slice(1, -1);
  if (inner === "\\'") return 39;
  if (inner === '"') return 34;
  if (checkGoStringLiteral('"' + inner + '"')) return undefined;
  const chars = [...goUnquote('"' + inner + '"')];
  return chars.length === 1 ? chars[0]!.codePointAt(0) : undefined;
}
