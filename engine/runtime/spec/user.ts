// Resolve `--user` (name, uid, name:group, uid:gid) against the container's own /etc/passwd and /etc/group,
// with the rules of runc's libcontainer/user GetExecUser that Docker uses (engine-facts §3.4).
import { invalidArgument } from '../../errors.js';

/** Reads a file of the container's rootfs by its in-container path; undefined when it does not exist. */
export type ReadFile = (path: string) => string | undefined;

export interface ResolvedUser {
  uid: number;
  gid: number;
  /** The primary gid first, then the groups listing the user, then --group-add (Docker's order). */
  additionalGids: number[];
  /** The passwd home directory, `/` when the user has no entry (what runc would put in HOME). */
  home: string;
}

interface PasswdEntry { name: string; uid: number; gid: number; home: string }
interface GroupEntry { name: string; gid: number; members: string[] }

const MAX_ID = 2147483647;

// Atoi semantics: a field that is not a plain decimal number counts as 0, as in libcontainer's parseLine.
const toInt = (s: string | undefined) => (s !== undefined && /^[0-9]+$/.test(s) ? Number(s) : 0);
const numeric = (s: string) => (/^[0-9]+$/.test(s) ? Number(s) : undefined);

function lines(content: string | undefined): string[][] {
  if (content === undefined) return [];
  return content.split('\n').map((l) => l.trim()).filter((l) => l !== '').map((l) => l.split(':'));
}

export function parsePasswd(content: string | undefined): PasswdEntry[] {
  return lines(content).map((f) => ({ name: f[0] ?? '', uid: toInt(f[2]), gid: toInt(f[3]), home: f[5] ?? '' }));
}

export function parseGroup(content: string | undefined): GroupEntry[] {
  return lines(content).map((f) => ({
    name: f[0] ?? '',
    gid: toInt(f[2]),
    members: (f[3] ?? '').split(',').filter((m) => m !== ''),
  }));
}

function checkRange(id: number): number {
  // docker parity: moby/sys/user ErrRange
  if (id > MAX_ID) throw invalidArgument('id-range', `uids and gids must be in range 0-${MAX_ID}`);
  return id;
}

function findUser(userArg: string, passwd: PasswdEntry[]): { uid: number; gid: number; home: string; name?: string } {
  const uidArg = numeric(userArg);
  const match = passwd.find((u) => (userArg === '' ? u.uid === 0 : uidArg !== undefined ? u.uid === uidArg : u.name === userArg));
  if (match) return { uid: match.uid, gid: match.gid, home: match.home || '/', name: match.name };
  if (userArg === '') return { uid: 0, gid: 0, home: '/' };
  if (uidArg === undefined) {
    // docker parity: moby/sys/user GetExecUser + ErrNoPasswdEntries
    throw invalidArgument('user-not-found', `unable to find user ${userArg}: no matching entries in passwd file`);
  }
  return { uid: checkRange(uidArg), gid: 0, home: '/' };
}

function findGroup(groupArg: string, groups: GroupEntry[]): number {
  const gidArg = numeric(groupArg);
  const match = groups.find((g) => (gidArg !== undefined ? g.gid === gidArg : g.name === groupArg));
  if (match) return match.gid;
  if (gidArg === undefined) {
    // docker parity: moby/sys/user GetExecUser + ErrNoGroupEntries
    throw invalidArgument('group-not-found', `unable to find group ${groupArg}: no matching entries in group file`);
  }
  return checkRange(gidArg);
}

/** --group-add: names or gids from /etc/group, or bare numbers (moby/sys/user GetAdditionalGroups). */
function additionalGroups(requested: readonly string[], groups: GroupEntry[]): number[] {
  const out: number[] = [];
  for (const ag of requested) {
    const match = groups.find((g) => g.name === ag || String(g.gid) === ag);
    const gid = match?.gid ?? numeric(ag);
    if (gid === undefined) {
      // docker parity: moby/sys/user GetAdditionalGroups
      throw invalidArgument('group-not-found', `Unable to find group ${ag}: no matching entries in group file`);
    }
    if (!out.includes(checkRange(gid))) out.push(gid);
  }
  return out;
}

/** `user[:group]` → ids. An explicit group replaces the primary gid and skips supplementary groups, as in runc. */
export function resolveUser(userSpec: string, readFile: ReadFile, groupAdd: readonly string[] = []): ResolvedUser {
  const [userArg = '', groupArg = ''] = userSpec.split(':');
  const passwd = parsePasswd(readFile('/etc/passwd'));
  const groups = parseGroup(readFile('/etc/group'));
  const user = findUser(userArg, passwd);
  let gid = user.gid;
  let supplementary: number[] = [];
  if (groupArg !== '') gid = findGroup(groupArg, groups);
  else if (user.name !== undefined) supplementary = groups.filter((g) => g.members.includes(user.name!)).map((g) => g.gid);
  return {
    uid: user.uid,
    gid,
    additionalGids: [gid, ...supplementary, ...additionalGroups(groupAdd, groups)],
    home: user.home,
  };
}
