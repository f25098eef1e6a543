import type { CommandSpec } from '../../command.js';
import { StatusError } from '../../command.js';
import { readEvents } from '../../../domain/events/read.js';
import { getTimestamp } from '../../../domain/events/event-time.js';
import { parseFilterFlags } from '../../../domain/containers/list.js';
import { isEngineError } from '../../../errors.js';
import { DOCKER_FUNCS, Template, TemplateError } from '../../../format/index.js';
import { emptyEventMessageView, eventLine, eventMessageView } from '../../../views/events.js';
import { INSPECT_FORMAT_HELP } from '../../format-help.js';
import { filterFlag } from '../image/common.js';

// docker parity: cli@28.2 cli/command/system/events.go — streams until --until passes, or until
// SIGINT/SIGTERM (exit 128+N, as the docker CLI does).
const events: CommandSpec = {
  path: 'system events', aliases: ['events'], usage: '[OPTIONS]', description: 'Get real time events from the server', args: { max: 0 },
  flags: [
    filterFlag(),
    { name: 'format', type: 'string', usage: INSPECT_FORMAT_HELP },
    { name: 'since', type: 'string', usage: 'Show all events created since timestamp' },
    { name: 'until', type: 'string', usage: 'Stream events until this timestamp' },
  ],
  async run(ctx) {
    const tmpl = makeTemplate(ctx.flags.format as string);
    // The client converts the times (its errors carry no daemon prefix), the engine parses them.
    const now = new Date();
    const since = clientTime(ctx.flags.since as string, now);
    const until = clientTime(ctx.flags.until as string, now);
    const filters = parseFilterFlags(((ctx.flags.filter as string[] | undefined) ?? []).filter((v) => v !== ''));
    const engine = await ctx.engine();
    const abort = new AbortController();
    let signalled = 0;
    const onSignal = (sig: NodeJS.Signals) => { signalled = sig === 'SIGINT' ? 2 : 15; abort.abort(); };
    // A closed pipe (`events | head`) ends the stream as SIGPIPE ends docker.
    const onBrokenPipe = () => { signalled = 13; abort.abort(); };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    ctx.io.stdout.on('error', onBrokenPipe);
    try {
      for await (const ev of readEvents(engine, { since, until, filters, follow: true, signal: abort.signal })) {
        if (abort.signal.aborted) break;
        if (tmpl) render(ctx.io.stdout, tmpl, eventMessageView(ev));
        else ctx.io.stdout.write(eventLine(ev));
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    return signalled ? 128 + signalled : 0;
  },
};

/** A bad template exits 64 before anything is read; it is also run once on an empty message, as docker does. */
function makeTemplate(format: string | undefined): Template | undefined {
  if (!format) return undefined;
  try {
    const tmpl = new Template('').funcs(DOCKER_FUNCS).parse(format === 'json' ? '{{json .}}' : format);
    tmpl.execute(emptyEventMessageView());
    return tmpl;
  } catch (e) {
    if (e instanceof TemplateError) throw new StatusError(`Error parsing format: ${e.message}`, 64);
    throw e;
  }
}

/** formatEvent: the template's output and a newline, even when the template fails part way (which ends the stream). */
function render(out: NodeJS.WritableStream, tmpl: Template, data: object): void {
  try {
    out.write(`${tmpl.execute(data)}\n`);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    out.write(`${e.partial}\n`);
    throw new StatusError(e.message, 1);
  }
}

function clientTime(raw: string | undefined, now: Date): string | undefined {
  if (!raw) return undefined;
  try {
    return getTimestamp(raw, now);
  } catch (e) {
    if (isEngineError(e)) throw new StatusError(e.message, 1);
    throw e;
  }
}

export default events;
