// The text/template evaluator (Go's text/template/exec.go): walks a parse tree against JS data,
// with Go's scoping, pipelines, field/method/map resolution and error texts.
import { TemplateError } from './errors.js';
import { execErrorText, fieldValue, literalValue, rangePairs } from './exec-support.js';
import { checkArg, GO_KIND_NAMES, methodFunc, type GoFunc, type ParamKind } from './funcs.js';
import type {
  ArgNode, BranchNode, ChainNode, CommandNode, FieldNode, IdentifierNode, Node, NumberNode, PipeNode,
  TemplateNode, VariableNode,
} from './nodes.js';
import { nodeString } from './nodes.js';
import type { Tree } from './parser.js';
import { printValue } from './go-print.js';
import { findMethod, GoFloat, goTypeName, kindOf, truth, TypedNil } from './values.js';

import type { MissingKey } from './exec-support.js';

export type { MissingKey };

export interface ExecEnv {
  lookup(name: string): Tree | undefined;
  findFunction(name: string): [GoFunc, boolean] | undefined; // [function, isBuiltin]
  missingKey: MissingKey;
}

const MISSING = Symbol('missing'); // no value passed down a pipeline yet
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');
const MAX_DEPTH = 200; // Go allows 100000; JS runs out of stack far earlier

interface Variable { name: string; value: unknown }

/** Executes `tree` with `data` as dot; returns the output or throws TemplateError (with .partial). */
export function execute(env: ExecEnv, tree: Tree, data: unknown): string {
  const out: string[] = [];
  const state = new State(env, tree, out, [{ name: '$', value: data }], 0);
  try {
    state.walk(data, tree.root);
  } catch (err) {
    const e = err instanceof RangeError ? new TemplateError('exec', `template: ${tree.name}: exceeded maximum template depth (${MAX_DEPTH})`) : err;
    if (e instanceof TemplateError) e.partial = out.join('');
    throw e;
  }
  return out.join('');
}

class State {
  private node: Node | null = null;

  constructor(
    private readonly env: ExecEnv,
    private readonly tree: Tree,
    private readonly out: string[],
    private readonly vars: Variable[],
    private readonly depth: number,
  ) {}

  private at(n: Node): void {
    this.node = n;
  }

  errorf(msg: string): never {
    throw new TemplateError('exec', execErrorText(this.tree, this.node, msg));
  }

  // ---- walking ----
  walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printAction(node, val);
        return;
      }
      case 'break': throw BREAK;
      case 'continue': throw CONTINUE;
      case 'comment': return;
      case 'if': case 'with': return this.walkIfOrWith(dot, node);
      case 'list': for (const n of node.nodes) this.walk(dot, n); return;
      case 'range': return this.walkRange(dot, node);
      case 'template': return this.walkTemplate(dot, node);
      case 'text': this.out.push(node.text); return;
      default: this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private printAction(node: Node, v: unknown): void {
    this.at(node);
    if (v === undefined) return void this.out.push('<no value>');
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(node)} of type ${goTypeName(v)}`);
    this.out.push(printValue(v, 'v', {}, 0));
  }

  private withScope<T>(fn: () => T): T {
    const mark = this.vars.length;
    try {
      return fn();
    } finally {
      this.vars.length = mark;
    }
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): void {
    this.withScope(() => {
      const val = this.evalPipeline(dot, node.pipe);
      if (truth(val)) this.walk(node.type === 'with' ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    });
  }

  private walkRange(dot: unknown, r: BranchNode): void {
    this.at(r);
    this.withScope(() => {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.vars.length;
      const iterate = (index: unknown, elem: unknown): boolean => {
        this.setRangeVars(r.pipe, index, elem);
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e === BREAK) return false;
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
        return true;
      };
      const pairs = rangePairs(val, r.pipe.decl.length, (m) => this.errorf(m));
      for (const [i, e] of pairs) if (!iterate(i, e)) break;
      if (pairs.length === 0 && r.elseList) this.walk(dot, r.elseList);
    });
  }

  // With one variable it gets the element; with two, the index (or key) and the element.
  private setRangeVars(pipe: PipeNode, index: unknown, elem: unknown): void {
    const [first, second] = pipe.decl;
    if (!first) return;
    if (pipe.isAssign) {
      this.setVar(first.ident[0]!, second ? index : elem);
      if (second) this.setVar(second.ident[0]!, elem);
      return;
    }
    this.vars[this.vars.length - 1]!.value = elem;
    if (second) this.vars[this.vars.length - 2]!.value = index;
  }

  private walkTemplate(dot: unknown, t: TemplateNode): void {
    this.at(t);
    const tree = this.env.lookup(t.name);
    if (!tree) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    if (this.depth >= MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    new State(this.env, tree, this.out, [{ name: '$', value: newDot }], this.depth + 1).walk(newDot, tree.root);
  }

  // ---- variables ----
  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) return void (this.vars[i]!.value = value);
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    return this.errorf(`undefined variable: ${name}`);
  }

  // ---- pipelines and commands ----
  evalPipeline(dot: unknown, pipe: PipeNode | undefined): unknown {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value === null) value = undefined; // a nil interface{} becomes "no value", as in Go
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.vars.push({ name: v.ident[0]!, value });
    }
    return value;
  }

  private notAFunction(args: ArgNode[], final: unknown): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: unknown): unknown {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field': return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain': return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe': this.notAFunction(cmd.args, final); return this.evalPipeline(dot, first);
      case 'variable': return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool': return first.value;
      case 'dot': return dot;
      case 'nil': return this.errorf('nil is not a command');
      case 'number': return this.idealConstant(first);
      case 'string': return first.text;
    }
    return this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  private idealConstant(n: NumberNode): unknown {
    this.at(n);
    if (typeof n.value === 'bigint' && n.value > 9223372036854775807n) this.errorf(`${n.text} overflows int`);
    return n.isFloat ? new GoFloat(Number(n.value)) : n.value;
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: ArgNode[], final: unknown): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: unknown, chain: ChainNode, args: ArgNode[], final: unknown): unknown {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: unknown, v: VariableNode, args: ArgNode[], final: unknown): unknown {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: unknown, receiver: unknown, node: Node, ident: string[], args: ArgNode[], final: unknown): unknown {
    for (let i = 0; i < ident.length - 1; i++) receiver = this.evalField(dot, ident[i]!, node, [], MISSING, receiver);
    return this.evalField(dot, ident[ident.length - 1]!, node, args, final, receiver);
  }

  private evalField(dot: unknown, name: string, node: Node, args: ArgNode[], final: unknown, receiver: unknown): unknown {
    if (receiver === undefined) {
      if (this.env.missingKey === 'error') this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    if (receiver === null || receiver instanceof TypedNil) this.errorf(`nil pointer evaluating ${goTypeName(receiver)}.${name}`);
    const method = typeof receiver === 'object' ? findMethod(receiver, name) : undefined;
    // On a map, a function needing arguments but given none is a func value (for `call`).
    const funcValue = method && kindOf(receiver) === 'map' && method.length > 0 && args.length <= 1 && final === MISSING;
    if (method && !funcValue) return this.evalCall(dot, methodFunc(method), false, node, name, args, final);
    return fieldValue(receiver, name, args.length > 1 || final !== MISSING, this.env.missingKey, (m) => this.errorf(m));
  }

  private evalFunction(dot: unknown, node: IdentifierNode, cmd: Node, args: ArgNode[], final: unknown): unknown {
    this.at(node);
    const found = this.env.findFunction(node.name);
    if (!found) this.errorf(`${JSON.stringify(node.name)} is not a defined function`);
    return this.evalCall(dot, found[0], found[1], cmd, node.name, args, final);
  }

  private evalCall(dot: unknown, fn: GoFunc, builtin: boolean, node: Node, name: string, allArgs: ArgNode[], final: unknown): unknown {
    const args = allArgs.slice(1);
    const numIn = args.length + (final === MISSING ? 0 : 1);
    const numFixed = fn.variadic ? fn.params.length : args.length;
    if (fn.variadic && numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    if (!fn.variadic && numIn !== fn.params.length) this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    if (builtin && (name === 'and' || name === 'or')) return this.andOr(dot, name, args, final);
    const argv = args.map((a, i) => this.evalArg(dot, i < numFixed ? fn.params[i]! : fn.variadic!, a));
    if (final !== MISSING) {
      const kind = !fn.variadic ? fn.params[fn.params.length - 1]! : numIn - 1 < numFixed ? fn.params[numIn - 1]! : fn.variadic;
      argv.push(this.validateType(final, kind));
    }
    if (builtin && name === 'call') argv.unshift(args.length > 0 ? nodeString(args[0]!) : String(final));
    try {
      return fn.fn(...argv);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      this.at(node);
      return this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  // and/or evaluate lazily and return the deciding operand itself.
  private andOr(dot: unknown, name: string, args: ArgNode[], final: unknown): unknown {
    let v: unknown;
    for (const a of args) {
      v = this.evalArg(dot, 'value', a);
      if (truth(v) === (name === 'or')) return v;
    }
    return final === MISSING ? v : final;
  }

  private validateType(v: unknown, kind: ParamKind | null): unknown {
    if (kind === null) return v;
    const r = checkArg(v, kind);
    return 'ok' in r ? r.ok : this.errorf(r.error);
  }

  private evalArg(dot: unknown, kind: ParamKind | null, n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot': return this.validateType(dot, kind);
      case 'nil':
        if (kind === null || kind === 'any' || kind === 'value' || kind === 'strings') return null;
        return this.errorf(`cannot assign nil to ${GO_KIND_NAMES[kind]}`);
      case 'field': return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), kind);
      case 'variable': return this.validateType(this.evalVariableNode(dot, n, [], MISSING), kind);
      case 'pipe': return this.validateType(this.evalPipeline(dot, n), kind);
      case 'identifier': return this.validateType(this.evalFunction(dot, n, n, [n], MISSING), kind);
      case 'chain': return this.validateType(this.evalChainNode(dot, n, [], MISSING), kind);
    }
    return this.literalArg(n, kind);
  }

  private literalArg(n: ArgNode, kind: ParamKind | null): unknown {
    if (n.type === 'number' && (kind === null || kind === 'any' || kind === 'value')) return this.idealConstant(n);
    return literalValue(n, kind, (m) => this.errorf(m));
  }
}
