import type { CommandSpec } from '../../command.js';
import commit from './commit.js';
import history from './history.js';
import images from './images.js';
import importCmd from './import.js';
import inspect from './inspect.js';
import load from './load.js';
import loginLogout from './login.js';
import prune from './prune.js';
import pull from './pull.js';
import push from './push.js';
import rmi from './rmi.js';
import save from './save.js';
import search from './search.js';
import tag from './tag.js';

// The image commands (and `commit`, which makes an image from a container; login, logout and search,
// which talk to registries).
const imageCommands: CommandSpec[] = [commit, history, images, importCmd, inspect, load, ...loginLogout, prune, pull, push, rmi, save, search, tag];
export default imageCommands;
