// The text/template parser: tokens → parse trees, one per defined template, with Go's messages
// ("template: :1: unexpected \"}\" in operand", "function \"foo\" not defined", …).
import { checkGoStringLiteral, goUnquote } from './go-quote.js';
import type { Item, ItemType } from './items.js';
import { Lexer } from './lexer.js';
import {
  charValue, isEmptyTree, nodeString, parseNumberLiteral, type ArgNode, type BranchNode, type CommandNode,
  type ListNode, type Node, type NumberNode, type PipeNode, type StringNode, type TemplateNode, type VariableNode,
} from './nodes.js';
import { TokenStream } from './token-stream.js';

export { isEmptyTree };

export interface Tree {
  name: string;
  parseName: string; // name of the top-level template whose text this came from (error locations)
  root: ListNode;
  text: string;
}

const OPERAND_START = new Set<ItemType>([
  'bool', 'charConstant', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen',
]);
const NOT_EXECUTABLE = new Set(['bool', 'dot', 'nil', 'number', 'string']);

/** Parses `text`; returns the trees by name (the top-level one under `name`). */
export function parseTemplate(name: string, text: string, hasFunc: (n: string) => boolean): Map<string, Tree> {
  return new Parser(name, text, hasFunc).parse();
}

class Parser extends TokenStream {
  private vars = ['$'];
  private rangeDepth = 0;
  private readonly trees = new Map<string, Tree>();

  constructor(name: string, private readonly text: string, private readonly hasFunc: (n: string) => boolean) {
    super(name, new Lexer(text).run());
  }

  parse(): Map<string, Tree> {
    const root: ListNode = { type: 'list', pos: 0, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const at = this.i;
        this.next();
        if (this.nextNonSpace().type === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = at;
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    this.addTree(this.name, root);
    return this.trees;
  }

  private addTree(name: string, root: ListNode): void {
    const existing = this.trees.get(name);
    if (!existing || isEmptyTree(existing.root)) {
      this.trees.set(name, { name, parseName: this.name, root, text: this.text });
    } else if (!isEmptyTree(root)) {
      this.errorf(`template: multiple definition of template ${JSON.stringify(name)}`);
    }
  }

  // Parses a nested template body ({{define}} or {{block}}) with its own variable scope.
  private parseBody(name: string, context: string): void {
    const [vars, depth] = [this.vars, this.rangeDepth];
    [this.vars, this.rangeDepth] = [['$'], 0];
    const [root, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.addTree(name, root);
    [this.vars, this.rangeDepth] = [vars, depth];
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expect('string', context, 'rawString');
    const unquoted = this.unquote(name.val);
    this.expect('rightDelim', context);
    this.parseBody(unquoted, context);
  }

  private itemList(): [ListNode, Node] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    if (token.type === 'text') return { type: 'text', pos: token.pos, text: token.val };
    if (token.type !== 'leftDelim') this.unexpected(token, 'input');
    this.actionLine = token.line;
    try {
      return this.action();
    } finally {
      this.actionLine = 0;
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block': return this.blockControl();
      case 'break': case 'continue': return this.loopControl(token);
      case 'else': return this.elseControl();
      case 'end': return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if': case 'range': case 'with': return this.branch(token.type);
      case 'template': return this.templateControl();
    }
    this.backup();
    const at = this.peek();
    return { type: 'action', pos: at.pos, line: at.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(token: Item): Node {
    const next = this.nextNonSpace();
    if (next.type !== 'rightDelim') this.unexpected(next, `{{${token.val}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${token.val}}} outside {{range}}`);
    return { type: token.type as 'break' | 'continue', pos: token.pos };
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.type === 'if' || peek.type === 'with') return { type: 'else', pos: peek.pos };
    return { type: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private branch(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') elseList = this.elseBranch(context, next.pos);
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  // "{{else if x}}" and "{{else with x}}" nest a new branch that shares the final {{end}}.
  private elseBranch(context: string, pos: number): ListNode {
    const peek = this.peek().type;
    if ((context === 'if' && peek === 'if') || (context === 'with' && peek === 'with')) {
      this.next();
      return { type: 'list', pos, nodes: [this.branch(peek)] };
    }
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`expected end; found ${nodeString(end)}`);
    return list;
  }

  private templateName(token: Item, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    return this.unquote(token.val);
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    this.parseBody(name, context);
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!OPERAND_START.has(t.type)) this.unexpected(t, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  // "$x :=", "$x =", and range's "$i, $e :=".
  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') return;
      const at = this.i;
      this.next();
      const next = this.peekNonSpace();
      const variable: VariableNode = { type: 'variable', pos: v.pos, ident: [v.val] };
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push(variable);
        this.vars.push(v.val);
        return;
      }
      if (next.type !== 'char' || next.val !== ',') {
        this.i = at;
        return;
      }
      this.nextNonSpace();
      pipe.decl.push(variable);
      this.vars.push(v.val);
      if (context !== 'range' || pipe.decl.length >= 2) this.errorf(`too many declarations in ${context}`);
      if (!['variable', 'rightDelim', 'rightParen'].includes(this.peekNonSpace().type)) {
        this.errorf('range can only initialize variables');
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      if (NOT_EXECUTABLE.has(c.args[0]!.type)) this.errorf(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field': case 'variable': return { type: node.type, pos, ident: [...node.ident, ...fields] };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
      default: return { type: 'chain', pos, node, field: fields };
    }
  }

  private term(): ArgNode | null {
    const token = this.nextNonSpace();
    const pos = token.pos;
    switch (token.type) {
      case 'identifier':
        if (!this.hasFunc(token.val)) this.errorf(`function ${JSON.stringify(token.val)} not defined`);
        return { type: 'identifier', pos, name: token.val };
      case 'dot': case 'nil': return { type: token.type, pos };
      case 'variable': return this.useVar(pos, token.val);
      case 'field': return { type: 'field', pos, ident: token.val.slice(1).split('.') };
      case 'bool': return { type: 'bool', pos, value: token.val === 'true' };
      case 'number': case 'charConstant': return this.number(token);
      case 'leftParen': return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string': case 'rawString': return this.string(token);
    }
    this.backup();
    return null;
  }

  private useVar(pos: number, name: string): VariableNode {
    const ident = name.split('.');
    if (!this.vars.includes(ident[0]!)) this.errorf(`undefined variable ${JSON.stringify(ident[0])}`);
    return { type: 'variable', pos, ident };
  }

  private number(token: Item): NumberNode {
    if (token.type === 'charConstant') {
      const cp = charValue(token.val);
      if (cp === undefined) this.errorf(`malformed character constant: ${token.val}`);
      return { type: 'number', pos: token.pos, text: token.val, value: cp, isFloat: false, isInt: true };
    }
    const n = parseNumberLiteral(token.val);
    if (typeof n === 'string') this.errorf(n);
    return { type: 'number', pos: token.pos, text: token.val, ...n };
  }

  private unquote(lit: string): string {
    const err = checkGoStringLiteral(lit);
    if (err) this.errorf(err);
    return goUnquote(lit);
  }

  private string(token: Item): StringNode {
    return { type: 'string', pos: token.pos, quoted: token.val, text: this.unquote(token.val) };
  }
}
