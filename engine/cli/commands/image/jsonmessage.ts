// Docker's rendering of a JSON message stream (moby pkg/jsonmessage DisplayJSONMessagesStream): on a
// terminal each id owns a line that is rewritten in place with cursor moves; elsewhere every
// message without a byte count becomes one plain line and progress messages are dropped.
import type { Writable } from 'node:stream';
import { progressString, type JsonMessage } from '../../../domain/images/progress.js';

export { progressString };

const ESC = '\x1b[';
// docker parity: moby pkg/jsonmessage uses aec, whose moves of 0 lines print nothing.
const up = (n: number) => (n > 0 ? `${ESC}${n}A` : '');
const down = (n: number) => (n > 0 ? `${ESC}${n}B` : '');
const CLEAR_LINE = `${ESC}2K`;

export class JsonMessageRenderer {
  private ids = new Map<string, number>();

  constructor(private readonly out: Writable, private readonly tty: boolean, private readonly width: number = 80) {}

  write(m: JsonMessage): void {
    if (m.aux !== undefined) return; // aux carries data for API callers (push's Tag/Digest/Size), not text
    let diff = 0;
    const hasProgress = m.progressDetail !== undefined;
    if (m.id && hasProgress) {
      let line = this.ids.get(m.id);
      if (line === undefined) {
        line = this.ids.size;
        this.ids.set(m.id, line);
        if (this.tty) this.out.write('\n');
      }
      diff = this.ids.size - line;
      if (this.tty) this.out.write(up(diff));
    } else {
      // A line that is not progress ends the block of lines being rewritten.
      this.ids = new Map();
    }
    this.display(m, hasProgress);
    if (m.id && this.tty) this.out.write(down(diff));
  }

  private display(m: JsonMessage, hasProgress: boolean): void {
    const bar = hasProgress ? progressString(m.progressDetail!.current, m.progressDetail!.total, this.width) : '';
    let endl = '';
    let text = '';
    if (this.tty && m.stream === undefined && hasProgress) {
      text += `${CLEAR_LINE}\r`;
      endl = '\r';
    } else if (hasProgress && bar !== '') {
      return; // no progress bars without a terminal
    }
    if (m.id) text += `${m.id}: `;
    if (hasProgress && this.tty) text += `${m.status ?? ''} ${bar}${endl}`;
    else if (m.stream !== undefined) text += `${m.stream}${endl}`;
    else text += `${m.status ?? ''}${endl}\n`;
    this.out.write(text);
  }
}
