// The data model of a scenario after loading and validation. YAML is the source; these are the checked shapes.

/** Things a scenario may need from the environment or the target; a missing one SKIPs with a reason. */
export const REQUIREMENTS = ['registry', 'tty', 'root', 'rootless', 'api', 'build', 'network'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

/** How a text output (stdout, stderr, a non-JSON body) is compared. */
export const TEXT_MODES = ['text', 'sorted', 'table', 'sorted-table', 'json', 'keys', 'lines', 'ignore'] as const;
export type TextMode = (typeof TEXT_MODES)[number];

export const NORMALIZERS = ['ids', 'digests', 'timestamps', 'relative-times', 'sizes', 'ips', 'ports', 'generated-names'] as const;
export type NormalizerName = (typeof NORMALIZERS)[number];

export interface CompareSpec {
  exit: boolean;
  stdout: TextMode;
  stderr: TextMode;
  status: boolean;
  headers: string[];
  body: TextMode;
  /** For json/keys modes: only these dotted paths are compared (`State.Status`, `Mounts.0.Type`). */
  paths?: string[];
  /** JSON array paths (`$` is the root) whose order Docker leaves unspecified. */
  unordered: string[];
  /** Normalizers switched off for this step, because here the value is deterministic and must match. */
  keep: NormalizerName[];
}

interface StepBase {
  line: number;
  timeoutMs: number;
  compare: CompareSpec;
  /** Setup steps only: accept a failure (used for "make sure it is gone" steps). */
  mayFail: boolean;
}

export interface CliStep extends StepBase {
  kind: 'cli';
  argv: string[];
  stdin?: string;
  env: Record<string, string>;
  tty: boolean;
  /** Saves the trimmed stdout as ${var:NAME}. */
  save?: string;
}

export interface ApiStep extends StepBase {
  kind: 'api';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  /** Read a streamed body for at most this long, then close (logs follow, events). */
  streamMs?: number;
  /** Hijack the connection (attach, exec start): send stdin, read the raw stream. */
  hijack: boolean;
  stdin?: string;
  demux: 'auto' | 'yes' | 'no';
  /** Saves JSON values of the response body: var name → dotted path. */
  save: Record<string, string>;
}

export type Step = CliStep | ApiStep;

export interface Scenario {
  /** `<group>/<name>`, unique in the corpus. */
  id: string;
  name: string;
  group: string;
  file: string;
  line: number;
  description?: string;
  tags: string[];
  requires: Requirement[];
  setup: Step[];
  steps: Step[];
  cleanup: Step[];
  timeoutMs: number;
  /** A hash of the scenario's data; a recording made from another version is stale. */
  hash: string;
}
