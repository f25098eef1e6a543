// What running one step on one target produced: raw, before any normalization, as recorded.

export interface StepOutcome {
  kind: 'cli' | 'api';
  /** The exact command (CLI argv, shell-quoted) or request line, with this target's values. */
  display: string;
  exit?: number | null;
  stdout: string;
  stderr: string;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** The harness could not run the step at all (spawn failure, connection refused). */
  error?: string;
  timedOut?: boolean;
  durationMs: number;
}

/** A step "succeeded" for setup purposes: exit 0, or an HTTP status below 400. */
export const succeeded = (o: StepOutcome): boolean =>
  !o.error && !o.timedOut && (o.kind === 'cli' ? o.exit === 0 : o.status !== undefined && o.status < 400);

export function describeFailure(o: StepOutcome): string {
  if (o.error) return o.error;
  if (o.timedOut) return 'timed out';
  const detail = (o.stderr || o.body || o.stdout).trim().split('\n').slice(0, 3).join(' / ');
  return o.kind === 'cli' ? `exit ${o.exit}: ${detail}` : `HTTP ${o.status}: ${detail}`;
}
