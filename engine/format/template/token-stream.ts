// Token access for the parser: Go's 3-token lookahead becomes a cursor over the lexed items.
import { TemplateError } from './errors.js';
import { itemString, type Item, type ItemType } from './items.js';

export class TokenStream {
  protected i = 0;
  private far = 0; // furthest token read: Go reports its line in parse errors
  protected actionLine = 0;

  constructor(protected readonly name: string, private readonly items: Item[]) {}

  protected next(): Item {
    const it = this.items[Math.min(this.i, this.items.length - 1)]!;
    this.far = Math.max(this.far, Math.min(this.i, this.items.length - 1));
    this.i++;
    return it;
  }
  protected peek(): Item {
    const it = this.next();
    this.i--;
    return it;
  }
  protected nextNonSpace(): Item {
    let it: Item;
    do it = this.next(); while (it.type === 'space');
    return it;
  }
  protected peekNonSpace(): Item {
    const it = this.nextNonSpace();
    this.i--;
    return it;
  }
  protected backup(): void {
    this.i--;
  }

  protected errorf(msg: string): never {
    throw new TemplateError('parse', `template: ${this.name}:${this.items[this.far]!.line}: ${msg}`);
  }

  protected unexpected(token: Item, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(token.val + extra);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  protected expect(type: ItemType, context: string, alt?: ItemType): Item {
    const token = this.nextNonSpace();
    if (token.type !== type && token.type !== alt) this.unexpected(token, context);
    return token;
  }
}
