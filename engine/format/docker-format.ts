// docker/cli's --format handling: `table` and `json` keywords, `\t`/`\n` escapes, one template run
// per row, a header row rendered from the column titles, tab alignment; and inspect's -f.
// docker parity: cli@28.2 cli/command/formatter/formatter.go, cli/command/inspect/inspector.go
import { EngineError } from '../errors.js';
import { tabwrite } from './tabwriter.js';
import { DOCKER_FUNCS, DOCKER_HEADER_FUNCS } from './template/docker-funcs.js';
import { TemplateError } from './template/errors.js';
import { marshalJSON } from './template/json.js';
import { Template } from './template/template.js';

export type FormatKind = 'table' | 'raw' | 'json';

export interface ParsedFormat {
  kind: FormatKind;
  /** The Go template text after docker's preprocessing. */
  template: string;
}

/** A bad --format template; the message is docker's ("template parsing error: template: :1: …"). */
export class FormatError extends EngineError {
  constructor(message: string, cause?: unknown) {
    super('invalid-argument', 'invalid-template', message, { cause });
    this.name = 'FormatError';
  }
}

/**
 * Preprocesses a --format value. Empty or bare `table` selects `defaultTable`; `table …` renders a
 * table; exactly `json` means `{{json .}}`; the typed sequences `\t` and `\n` become tab/newline.
 */
export function parseFormat(format: string | undefined, defaultTable: string): ParsedFormat {
  const source = format === undefined || format === '' || format === 'table' ? defaultTable : format;
  if (source === 'json') return { kind: 'json', template: '{{json .}}' };
  const isTable = source.startsWith('table');
  const body = (isTable ? source.slice('table'.length) : source).replace(/^ +| +$/g, '');
  return { kind: isTable ? 'table' : 'raw', template: body.replace(/\\t/g, '\t').replace(/\\n/g, '\n') };
}

/** Parses a template with docker's functions, as docker's templates.Parse does. */
export function compileTemplate(text: string): Template {
  try {
    return new Template('').funcs(DOCKER_FUNCS).parse(text);
  } catch (e) {
    throw wrap(e);
  }
}

function wrap(e: unknown): unknown {
  return e instanceof TemplateError ? new FormatError(`template parsing error: ${e.message}`, e) : e;
}

function execute(tmpl: Template, data: unknown): string {
  try {
    return tmpl.execute(data);
  } catch (e) {
    throw wrap(e);
  }
}

/** The header row's data: column titles, plus docker's `Label` method (last dotted part, `-`/`_` as spaces). */
export function headerContext(headers: Record<string, string>): Record<string, unknown> {
  const ctx: Record<string, unknown> = { ...headers };
  const label = (name: string) => (name.split('.').pop() ?? '').replace(/[-_]/g, ' ');
  Object.defineProperty(ctx, 'Label', { value: label, enumerable: false });
  return ctx;
}

/** Renders the header line; like docker, an execution error just cuts the header short. */
function renderHeader(tmpl: Template, headers: Record<string, string>): string {
  try {
    return tmpl.execute(headerContext(headers), { funcs: DOCKER_HEADER_FUNCS });
  } catch (e) {
    if (e instanceof TemplateError) return e.partial;
    throw e;
  }
}

/**
 * Renders list output (ps, images, volume ls…): each row followed by "\n"; tables get a header
 * row and tab alignment. Throws FormatError for template errors.
 */
export function renderList(format: ParsedFormat | string, rows: readonly unknown[], headers: Record<string, string>): string {
  const parsed = typeof format === 'string' ? parseFormat(format, format) : format;
  const tmpl = compileTemplate(parsed.template);
  let body = '';
  for (const row of rows) body += execute(tmpl, row) + '\n';
  if (parsed.kind !== 'table') return body;
  return tabwrite(renderHeader(tmpl, headers) + '\n' + body);
}

/**
 * `inspect -f` for one object: the template runs on the value; if that fails it runs again on the
 * value's plain JSON form with missingkey=error, and that run decides the result (docker's
 * TemplateInspector fallback). Returns the output followed by "\n".
 */
export function renderOne(format: string, value: unknown): string {
  const tmpl = compileTemplate(format);
  try {
    return tmpl.execute(value) + '\n';
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
  }
  // The fallback reads the API's raw JSON (a typed view's toJSON), not the client struct's marshalling.
  const rawOf = (v: unknown) => (v && typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v);
  const raw: unknown = JSON.parse(marshalJSON(rawOf(value)));
  try {
    return tmpl.execute(raw, { missingKey: 'error' }) + '\n';
  } catch (e) {
    throw wrap(e);
  }
}
