import type { CommandSpec } from '../../command.js';
import { runInspect } from '../inspect.js';
import { INSPECT_FORMAT_HELP } from '../../format-help.js';

const containerInspectCmd: CommandSpec = {
  path: 'container inspect', usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Display detailed information on one or more containers',
  args: { min: 1 },
  flags: [
    { name: 'format', short: 'f', type: 'string', usage: INSPECT_FORMAT_HELP },
    { name: 'size', short: 's', type: 'bool', usage: 'Display total file sizes' },
  ],
  run: (ctx) => runInspect(ctx, 'container'),
};

export default containerInspectCmd;
