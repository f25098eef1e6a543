// Placeholders make each run unique and portable: `${name:web}` becomes a fresh container name per
// scenario and target, `${image}` the test image, `${registry}` the local registry. After a run, the
// values are turned back into their tokens so that outputs of different runs and targets compare.

const TOKEN_RE = /\$\{([a-z][a-z0-9_]*)(?::([A-Za-z0-9_.-]+))?\}/g;
const SIMPLE = new Set(['image', 'image_id', 'image_short_id', 'registry', 'label', 'run', 't0', 'now', 'socket']);
const KEYED = new Set(['name', 'var']);

/** Returns an error message for each unknown placeholder in `text` (validation at load time). */
export function checkPlaceholders(text: string): string[] {
  const errors: string[] = [];
  for (const m of text.split('$${').join('').matchAll(TOKEN_RE)) {
    const [, kind, key] = m;
    if (KEYED.has(kind!) ? !key || (kind === 'name' && !/^[a-z0-9][a-z0-9-]*$/.test(key)) : !SIMPLE.has(kind!) || key !== undefined)
      errors.push(`unknown placeholder ${m[0]} (known: \${name:KEY} with KEY in [a-z0-9-], \${var:KEY}, ${[...SIMPLE].map((s) => `\${${s}}`).join(', ')})`);
  }
  return errors;
}

export interface Environment {
  image: string;
  imageId: string;
  registry: string;
  /** The label key every created object carries, e.g. `skiff.conformance`. */
  labelKey: string;
}

/** The values of one scenario on one target. */
export class Placeholders {
  readonly values = new Map<string, string>();
  private readonly t0 = Math.floor(Date.now() / 1000);

  constructor(
    readonly env: Environment,
    /** A short random token unique to this scenario and target. */
    readonly run: string,
    private readonly socket = '',
  ) {}

  /** Restores the values of a recorded run so replayed outputs normalize the same way. */
  static fromRecorded(env: Environment, recorded: Record<string, string>): Placeholders {
    const p = new Placeholders(env, recorded['${run}'] ?? 'recorded');
    for (const [k, v] of Object.entries(recorded)) p.values.set(k, v);
    return p;
  }

  substitute(text: string): string {
    return text
      .split('$${')
      .map((part) => part.replace(TOKEN_RE, (token, kind: string, key?: string) => this.valueOf(token, kind, key)))
      .join('${');
  }

  setVar(name: string, value: string): void {
    this.values.set(`\${var:${name}}`, value);
  }

  private valueOf(token: string, kind: string, key?: string): string {
    // The next whole second: `--until ${now}` then includes everything that happened so far.
    if (kind === 'now') return String(Math.floor(Date.now() / 1000) + 1);
    const known = this.values.get(token);
    if (known !== undefined) return known;
    const value = this.compute(kind, key);
    if (kind !== 'var') this.values.set(token, value);
    return value;
  }

  private compute(kind: string, key?: string): string {
    switch (kind) {
      case 'name': return `skc-${this.run}-${key}`;
      case 'image': return this.env.image;
      case 'image_id': return this.env.imageId;
      case 'image_short_id': return this.env.imageId.replace(/^sha256:/, '').slice(0, 12);
      case 'registry': return this.env.registry;
      case 'label': return `${this.env.labelKey}=${this.run}`;
      case 'run': return this.run;
      case 't0': return String(this.t0);
      case 'socket': return this.socket;
      case 'var': throw new Error(`\${var:${key}} is used before a step saved it`);
      default: throw new Error(`unknown placeholder ${kind}`);
    }
  }

  /** Names generated so far (for the cleanup safety net). */
  generatedNames(): string[] {
    return [...this.values].filter(([k]) => k.startsWith('${name:')).map(([, v]) => v);
  }

  /** Pairs to turn values back into tokens, longest value first so that no value eats part of another. */
  reverse(): Array<[string, string]> {
    const pairs: Array<[string, string]> = [];
    for (const [token, value] of this.values) {
      // Shared values stay as they are; times are left to the timestamp normalizer.
      if (!value || ['${image}', '${registry}', '${socket}', '${t0}'].includes(token)) continue;
      pairs.push([value, token]);
      if (token.startsWith('${var:') && /^[0-9a-f]{64}$/.test(value)) pairs.push([value.slice(0, 12), token.replace('}', ':12}')]);
    }
    const id = this.env.imageId.replace(/^sha256:/, '');
    pairs.push([id, '${image_id}'], [id.slice(0, 12), '${image_short_id}']);
    return pairs.sort((a, b) => b[0].length - a[0].length);
  }

  /** Replaces every value by its token, as a whole word only (a run token inside an id stays). */
  tokenize(text: string): string {
    let out = text;
    for (const [value, token] of this.reverse()) {
      if (!out.includes(value)) continue;
      out = out.replace(new RegExp(`(?<![A-Za-z0-9])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'g'), () => token);
    }
    return out;
  }

  toJSON(): Record<string, string> {
    return { '${run}': this.run, ...Object.fromEntries(this.values) };
  }
}
