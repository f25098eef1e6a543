/** A template parse or execution error; the message is Go's text (`template: :1: …`). */
export class TemplateError extends Error {
  /** Output written before an execution error (Go writes it to the writer before failing). */
  partial = '';

  constructor(readonly phase: 'parse' | 'exec', message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}
