// Typed reads of a pflag ParseResult, so builders say what they expect of each flag once.
import type { FlagValues } from '../pflag.js';

/** What the flag parser produced for one command line (pflag.ts ParseResult). */
export interface ParsedFlags {
  flags: FlagValues;
  changed: Set<string>;
  args: string[];
}

export const str = (p: ParsedFlags, name: string): string => (typeof p.flags[name] === 'string' ? (p.flags[name] as string) : '');
export const num = (p: ParsedFlags, name: string): number => (typeof p.flags[name] === 'number' ? (p.flags[name] as number) : 0);
export const bool = (p: ParsedFlags, name: string): boolean => p.flags[name] === true;
export const list = <T = string>(p: ParsedFlags, name: string): T[] => (Array.isArray(p.flags[name]) ? (p.flags[name] as T[]) : []);

/** Reads a file as text; errors are Node's (code ENOENT, EACCES, EISDIR, …). */
export type ReadFile = (path: string) => string;

// docker parity: Go's os.Open / Read error texts ("open /x: no such file or directory").
const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory', EACCES: 'permission denied', ENOTDIR: 'not a directory', ELOOP: 'too many levels of symbolic links',
};

/** Reads through `readFile`, turning Node errors into Go's `open <path>: …` (or `read <path>: is a directory`). */
export function readGoFile(readFile: ReadFile, path: string): { text: string } | { openError: string } | { readError: string } {
  try {
    return { text: readFile(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EISDIR') return { readError: `read ${path}: is a directory` };
    return { openError: `open ${path}: ${ERRNO_TEXT[code] ?? (e as Error).message}` };
  }
}
