import { rootfsReader } from './prepare-bundle.js';
import { resolveUser } from './spec/user.js';

/** `exec -u`: the user resolved against the running container's own /etc/passwd and /etc/group. */
export const resolveUserInRootfs = (rootfs: string, user: string) => resolveUser(user, rootfsReader(rootfs));
