// Absolute timestamps and Docker's humanized durations change every run. Fixed, meaningful instants
// (Go's zero time, the test image's creation date) are kept, so a wrong one stays a difference.

const KEEP_INSTANTS = new Set(['0001-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-01 00:00:00 +0000 UTC', '0001-01-01 00:00:00 +0000 UTC']);
const KEEP_UNIX = new Set(['1704067200']);
const RFC3339 = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const GO_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{4} [A-Z]{2,5}(?: m=[+-][\d.]+)?/g;
const UNIX = /(?<![\w.])(1[5-9]\d{8}|2\d{9})(\d{9})?(?![\w.])/g;

export function normalizeTimestamps(text: string): string {
  return text
    .replace(RFC3339, (t) => (KEEP_INSTANTS.has(t) ? t : '<timestamp>'))
    .replace(GO_TIME, (t) => (KEEP_INSTANTS.has(t) ? t : '<timestamp>'))
    .replace(UNIX, (t, secs: string, nanos?: string) => (KEEP_UNIX.has(secs) && !nanos ? t : nanos ? '<unix-nanos>' : '<unix-time>'));
}

const DURATION = '(?:Less than a second|About an? (?:minute|hour)|\\d+ (?:second|minute|hour|day|week|month|year)s?)';
const AGO = new RegExp(`${DURATION} ago`, 'g');
const UP = new RegExp(`\\bUp ${DURATION}(?! ago)`, 'g');

/** `2 seconds ago` → `<ago>`, `Up Less than a second` → `Up <duration>`; `Exited (0)` and `(Paused)` stay. */
export function normalizeRelativeTimes(text: string): string {
  return text.replace(AGO, '<ago>').replace(UP, 'Up <duration>');
}
