// A set of associated templates sharing functions, like Go's *template.Template.
import { BUILTINS } from './builtins.js';
import { TemplateError } from './errors.js';
import { execute, type ExecEnv, type MissingKey } from './exec.js';
import { toGoFunc, type FuncMap, type GoFunc } from './funcs.js';
import { parseTemplate, isEmptyTree, type Tree } from './parser.js';

export interface ExecuteOptions {
  /** Functions that replace same-named ones for this execution only (docker's header functions). */
  funcs?: FuncMap;
  missingKey?: MissingKey;
}

export class Template {
  private readonly trees = new Map<string, Tree>();
  private readonly funcMap: FuncMap = {};
  private missingKey: MissingKey = 'default';

  constructor(readonly name = '') {}

  /** Adds functions (template.Funcs); they must be added before parse to be usable there. */
  funcs(map: FuncMap): this {
    Object.assign(this.funcMap, map);
    return this;
  }

  /** template.Option("missingkey=…"). */
  option(opt: `missingkey=${'default' | 'invalid' | 'zero' | 'error'}`): this {
    const v = opt.slice('missingkey='.length);
    this.missingKey = v === 'invalid' ? 'default' : (v as MissingKey);
    return this;
  }

  /** Parses text into this set; throws TemplateError with Go's message on failure. */
  parse(text: string): this {
    const hasFunc = (n: string) => Object.hasOwn(this.funcMap, n) || Object.hasOwn(BUILTINS, n);
    for (const [name, tree] of parseTemplate(this.name, text, hasFunc)) {
      const old = this.trees.get(name);
      if (!old || !isEmptyTree(tree.root)) this.trees.set(name, tree); // never replaced by an empty body
    }
    return this;
  }

  lookup(name: string): Tree | undefined {
    return this.trees.get(name);
  }

  definedTemplates(): string[] {
    return [...this.trees.keys()];
  }

  /** Executes the template named `name` (default: this one) against data. */
  execute(data: unknown, opts: ExecuteOptions = {}, name = this.name): string {
    const funcs = { ...this.funcMap, ...opts.funcs };
    const env: ExecEnv = {
      lookup: (n) => this.trees.get(n),
      findFunction: (n): [GoFunc, boolean] | undefined =>
        Object.hasOwn(funcs, n) ? [toGoFunc(funcs[n]!), false] : Object.hasOwn(BUILTINS, n) ? [toGoFunc(BUILTINS[n]!), true] : undefined,
      missingKey: opts.missingKey ?? this.missingKey,
    };
    const tree = this.trees.get(name);
    if (!tree) throw new TemplateError('exec', `template: ${name}: ${JSON.stringify(name)} is an incomplete or empty template`);
    return execute(env, tree, data);
  }
}

/** Parses `text` as an anonymous template with the given functions (docker's templates.Parse). */
export function parse(text: string, funcs: FuncMap = {}, name = ''): Template {
  return new Template(name).funcs(funcs).parse(text);
}
