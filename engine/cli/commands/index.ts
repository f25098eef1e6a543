import type { CommandSpec } from '../command.js';

// Every CLI command, one module each. Keep this list sorted by path; each module default-exports
// a CommandSpec or an array of them.
const modules: Array<CommandSpec | CommandSpec[]> = [];

export const allCommands = (): CommandSpec[] => modules.flat();
