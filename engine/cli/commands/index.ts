import type { CommandSpec } from '../command.js';
import containerExec from './container/exec.js';
import containerInspect from './container/inspect.js';
import containerLifecycle from './container/lifecycle.js';
import containerLogs from './container/logs.js';
import containerMisc from './container/misc.js';
import containerPs from './container/ps.js';
import containerRun from './container/run.js';
import containerStart from './container/start.js';
import containerTop from './container/top.js';
import containerDiffExport from './container/diff-export.js';
import containerPrune from './container/prune.js';
import containerUpdate from './container/update.js';
import containerStats from './container/stats.js';
import containerCp from './container/cp.js';
import imageCommands from './image/index.js';
import inspect from './inspect.js';
import volumeCommands from './volume/index.js';
import networkCommands from './network/index.js';
import systemInstallShim from './system/install-shim.js';
import systemVersion from './system/version.js';
import systemContext from './system/context.js';
import systemInfo from './system/info.js';
import systemDf from './system/df.js';
import systemPrune from './system/prune.js';
import systemEvents from './system/events.js';

// Every CLI command, one module each; each module default-exports a CommandSpec or an array of them.
const modules: Array<CommandSpec | CommandSpec[]> = [
  containerExec,
  containerInspect,
  containerLifecycle,
  containerLogs,
  containerMisc,
  containerPs,
  containerRun,
  containerStart,
  containerTop,
  containerDiffExport,
  containerPrune,
  containerUpdate,
  containerStats,
  containerCp,
  imageCommands,
  inspect,
  volumeCommands,
  networkCommands,
  systemInstallShim,
  systemVersion,
  systemContext,
  systemInfo,
  systemDf,
  systemPrune,
  systemEvents,
];

export const allCommands = (): CommandSpec[] => modules.flat();
